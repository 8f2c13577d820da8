package org.vecnn.nn.activation;

import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.nn.Activation;

/** The logistic function {@code 1/(1 + e^-z)}, split at 0 so that no exponential overflows. */
public record Sigmoid() implements Activation {

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public void forward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] out, int outOffset) {
        kernels.sigmoid(rows * cols, z, zOffset, out, outOffset);
    }

    @Override
    public void backward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] a, int aOffset,
                         float[] gradA, int gOffset, float[] gradZ, int outOffset) {
        kernels.sigmoidBackward(rows * cols, a, aOffset, gradA, gOffset, gradZ, outOffset);
    }
}
