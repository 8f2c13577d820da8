package org.vecnn.matrix.kernel.activation;

import org.vecnn.matrix.kernel.ActivationKernel;
import org.vecnn.matrix.kernel.ActivationKernels;

/** The identity, {@code g(z) = z}: a copy each way, the same on both sides. */
public final class Linear {

    private static final ActivationKernel COPY = new Copy();

    /** The identity's kernels. */
    public static final ActivationKernels KERNELS = ActivationKernels.of("linear", COPY, () -> COPY);

    private Linear() {
    }

    /** A copy, skipped where the output is the input. */
    private static final class Copy implements ActivationKernel {

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            if (z != out || zOffset != outOffset) {
                System.arraycopy(z, zOffset, out, outOffset, rows * cols);
            }
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            forward(rows, cols, alpha, gradA, gOffset, gradZ, outOffset);
        }
    }
}
