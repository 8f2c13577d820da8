package org.vecnn.matrix.kernel.activation;

import org.vecnn.matrix.kernel.ActivationKernel;
import org.vecnn.matrix.kernel.ActivationKernels;
import org.vecnn.matrix.kernel.math.ScalarMath;
import org.vecnn.matrix.kernel.math.VectorMath;

/**
 * The exponential linear unit, {@code z > 0 ? z : alpha·(e^z − 1)} with expm1 (alpha 1 by default, as in
 * Keras); its derivative {@code z > 0 ? 1 : alpha·e^z} from the input.
 */
public final class Elu {

    /** ELU's kernels. */
    public static final ActivationKernels KERNELS = ActivationKernels.withAlpha("elu", 1f, new Scalar(),
            () -> new Simd());

    private Elu() {
    }

    /** The plain loops. */
    private static final class Scalar implements ActivationKernel {

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                float v = z[zOffset + i];
                out[outOffset + i] = v > 0f ? v : alpha * ScalarMath.expm1(v);
            }
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                float v = z[zOffset + i];
                gradZ[outOffset + i] = (v > 0f ? 1f : alpha * ScalarMath.exp(v)) * gradA[gOffset + i];
            }
        }
    }

    /** {@link VectorMath}'s ELU passes, each one loop. */
    private static final class Simd implements ActivationKernel {

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            VectorMath.activate(VectorMath.ELU, rows * cols, alpha, z, zOffset, null, 0, out, outOffset);
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            VectorMath.activate(VectorMath.ELU_BACKWARD, rows * cols, alpha, z, zOffset, gradA, gOffset, gradZ,
                    outOffset);
        }
    }
}
