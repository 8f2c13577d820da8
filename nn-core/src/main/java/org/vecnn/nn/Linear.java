package org.vecnn.nn;

import org.vecnn.matrix.kernel.Kernels;

/** The identity, {@code g(z) = z}. */
record Linear() implements KernelActivation {

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public void forward(int rows, int cols, float[] z, int zOffset, float[] out, int outOffset) {
        forward(LayerRegistry.KERNELS, rows, cols, z, zOffset, out, outOffset);
    }

    @Override
    public void backward(int rows, int cols, float[] z, int zOffset, float[] a, int aOffset, float[] gradA, int gOffset,
                         float[] gradZ, int outOffset) {
        forward(LayerRegistry.KERNELS, rows, cols, gradA, gOffset, gradZ, outOffset);
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
