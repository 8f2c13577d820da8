package org.vecnn.nn.activation;

import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.nn.Activation;

/** The identity, {@code g(z) = z}. */
public record Linear() implements Activation {

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public void forward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] out, int outOffset) {
        if (z != out || zOffset != outOffset) {
            System.arraycopy(z, zOffset, out, outOffset, rows * cols);
        }
    }

    @Override
    public void backward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] a, int aOffset,
                         float[] gradA, int gOffset, float[] gradZ, int outOffset) {
        forward(kernels, rows, cols, gradA, gOffset, gradZ, outOffset);
    }
}
