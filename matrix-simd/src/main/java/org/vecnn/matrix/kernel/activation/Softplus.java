package org.vecnn.matrix.kernel.activation;

import org.vecnn.matrix.kernel.ActivationKernel;
import org.vecnn.matrix.kernel.ActivationKernels;
import org.vecnn.matrix.kernel.math.ScalarMath;
import org.vecnn.matrix.kernel.math.VectorMath;

/**
 * Softplus, {@code log(1 + e^z)}, as {@code max(z, 0) + log1p(e^-|z|)} so that nothing overflows; its
 * derivative σ(z) from the input.
 */
public final class Softplus {

    /** Softplus's kernels. */
    public static final ActivationKernels KERNELS = ActivationKernels.of("softplus", new Scalar(),
            () -> new Simd());

    private Softplus() {
    }

    /** The plain loops. */
    private static final class Scalar implements ActivationKernel {

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                float v = z[zOffset + i];
                out[outOffset + i] = Math.max(v, 0f) + ScalarMath.log1pUnit(ScalarMath.exp(-Math.abs(v)));
            }
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                gradZ[outOffset + i] = ScalarMath.sigmoid(z[zOffset + i]) * gradA[gOffset + i];
            }
        }
    }

    /** {@link VectorMath}'s softplus and logistic passes, each one loop. */
    private static final class Simd implements ActivationKernel {

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            VectorMath.activate(VectorMath.SOFTPLUS, rows * cols, 0f, z, zOffset, null, 0, out, outOffset);
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            VectorMath.activate(VectorMath.SIGMOID_TIMES, rows * cols, 0f, z, zOffset, gradA, gOffset, gradZ,
                    outOffset);
        }
    }
}
