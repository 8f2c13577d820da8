package org.vecnn.nn;

import org.vecnn.matrix.kernel.Kernels;

/** The softmax of each row, {@code e^(z_j − max z) / Σ e^(z_i − max z)}. */
record Softmax() implements KernelActivation {

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public void forward(int rows, int cols, float[] z, int zOffset, float[] out, int outOffset) {
        LayerRegistry.KERNELS.softmaxRows(rows, cols, z, zOffset, out, outOffset);
    }

    @Override
    public void backward(int rows, int cols, float[] z, int zOffset, float[] a, int aOffset, float[] gradA, int gOffset,
                         float[] gradZ, int outOffset) {
        LayerRegistry.KERNELS.softmaxRowsBackward(rows, cols, a, aOffset, gradA, gOffset, gradZ, outOffset);
    }

    @Override
    public void forward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] out, int outOffset) {
        kernels.softmaxRows(rows, cols, z, zOffset, out, outOffset);
    }

    @Override
    public void backward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] a, int aOffset,
                         float[] gradA, int gOffset, float[] gradZ, int outOffset) {
        kernels.softmaxRowsBackward(rows, cols, a, aOffset, gradA, gOffset, gradZ, outOffset);
    }
}
