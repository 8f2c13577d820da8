package org.vecnn.nn.activation;

import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.nn.Activation;

/** Swish, also called SiLU: {@code z·σ(z)}. */
public record Swish() implements Activation {

    @Override
    public String name() {
        return "swish";
    }

    @Override
    public void forward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] out, int outOffset) {
        kernels.swish(rows * cols, z, zOffset, out, outOffset);
    }

    @Override
    public void backward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] a, int aOffset,
                         float[] gradA, int gOffset, float[] gradZ, int outOffset) {
        kernels.swishBackward(rows * cols, z, zOffset, gradA, gOffset, gradZ, outOffset);
    }
}
