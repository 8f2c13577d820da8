package org.vecnn.matrix.kernel.activation;

import org.vecnn.matrix.kernel.ActivationKernel;
import org.vecnn.matrix.kernel.ActivationKernels;
import org.vecnn.matrix.kernel.math.ScalarMath;
import org.vecnn.matrix.kernel.math.VectorMath;

/**
 * The scaled ELU, {@code λ·(z > 0 ? z : α·(e^z − 1))} with Klambauer et al.'s constants (as Keras): ELU's
 * pass, then the scale; its derivative {@code λ·(z > 0 ? 1 : α·e^z)} from the input.
 */
public final class Selu {

    /** α, as Keras has it. */
    static final float ALPHA = 1.6732632423543772f;
    /** λ, as Keras has it. */
    static final float SCALE = 1.0507009873554805f;

    /** SELU's kernels. */
    public static final ActivationKernels KERNELS = ActivationKernels.of("selu", new Scalar(), () -> new Simd());

    private Selu() {
    }

    /** The plain loops. */
    private static final class Scalar implements ActivationKernel {

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                float v = z[zOffset + i];
                out[outOffset + i] = (v > 0f ? v : ALPHA * ScalarMath.expm1(v)) * SCALE;
            }
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                float v = z[zOffset + i];
                gradZ[outOffset + i] = (v > 0f ? 1f : ALPHA * ScalarMath.exp(v)) * gradA[gOffset + i] * SCALE;
            }
        }
    }

    /** {@link VectorMath}'s ELU passes with α, then the scale over the output. */
    private static final class Simd implements ActivationKernel {

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            VectorMath.activate(VectorMath.ELU, rows * cols, ALPHA, z, zOffset, null, 0, out, outOffset);
            Scale.times(rows * cols, SCALE, out, outOffset);
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            VectorMath.activate(VectorMath.ELU_BACKWARD, rows * cols, ALPHA, z, zOffset, gradA, gOffset, gradZ,
                    outOffset);
            Scale.times(rows * cols, SCALE, gradZ, outOffset);
        }
    }
}
