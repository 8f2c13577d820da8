package org.vecnn.nn.activation;

import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.nn.Activation;

/** The exact GELU, {@code z·Φ(z)} with Φ the standard normal CDF (Keras's {@code approximate=False}). */
public record Gelu() implements Activation {

    @Override
    public String name() {
        return "gelu";
    }

    @Override
    public void forward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] out, int outOffset) {
        kernels.gelu(rows * cols, z, zOffset, out, outOffset);
    }

    @Override
    public void backward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] a, int aOffset,
                         float[] gradA, int gOffset, float[] gradZ, int outOffset) {
        kernels.geluBackward(rows * cols, z, zOffset, gradA, gOffset, gradZ, outOffset);
    }
}
