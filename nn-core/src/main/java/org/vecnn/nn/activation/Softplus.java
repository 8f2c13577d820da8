package org.vecnn.nn.activation;

import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.nn.Activation;

/** Softplus, {@code log(1 + e^z)}, computed as {@code max(z, 0) + log1p(e^-|z|)}. */
public record Softplus() implements Activation {

    @Override
    public String name() {
        return "softplus";
    }

    @Override
    public void forward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] out, int outOffset) {
        kernels.softplus(rows * cols, z, zOffset, out, outOffset);
    }

    @Override
    public void backward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] a, int aOffset,
                         float[] gradA, int gOffset, float[] gradZ, int outOffset) {
        kernels.softplusBackward(rows * cols, z, zOffset, gradA, gOffset, gradZ, outOffset);
    }
}
