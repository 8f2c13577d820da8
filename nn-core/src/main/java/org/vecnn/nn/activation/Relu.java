package org.vecnn.nn.activation;

import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.nn.Activation;

/** The rectified linear unit, {@code max(z, 0)}; its derivative is taken as 0 at 0. */
public record Relu() implements Activation {

    @Override
    public String name() {
        return "relu";
    }

    @Override
    public void forward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] out, int outOffset) {
        kernels.relu(rows * cols, z, zOffset, out, outOffset);
    }

    @Override
    public void backward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] a, int aOffset,
                         float[] gradA, int gOffset, float[] gradZ, int outOffset) {
        kernels.reluBackward(rows * cols, a, aOffset, gradA, gOffset, gradZ, outOffset);
    }
}
