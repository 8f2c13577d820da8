package org.vecnn.nn.activation;

import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.nn.Activation;

/** The hyperbolic tangent. */
public record Tanh() implements Activation {

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public void forward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] out, int outOffset) {
        kernels.tanh(rows * cols, z, zOffset, out, outOffset);
    }

    @Override
    public void backward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] a, int aOffset,
                         float[] gradA, int gOffset, float[] gradZ, int outOffset) {
        kernels.tanhBackward(rows * cols, a, aOffset, gradA, gOffset, gradZ, outOffset);
    }
}
