package org.vecnn.matrix.kernel.activation;

import org.vecnn.matrix.kernel.ActivationKernel;
import org.vecnn.matrix.kernel.ActivationKernels;
import org.vecnn.matrix.kernel.math.ScalarMath;
import org.vecnn.matrix.kernel.math.VectorMath;

/**
 * Swish (SiLU), {@code z·σ(z)} with the stable logistic function; its derivative
 * {@code σ(z)·(1 + z·(1 − σ(z)))} from the input, σ(z) and 1 − σ(z) = σ(−z) both from {@code e = e^-|z|}, so
 * neither is a difference of near-equal values.
 */
public final class Swish {

    /** Swish's kernels. */
    public static final ActivationKernels KERNELS = ActivationKernels.of("swish", new Scalar(), () -> new Simd());

    private Swish() {
    }

    /** The plain loops. */
    private static final class Scalar implements ActivationKernel {

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                float v = z[zOffset + i];
                out[outOffset + i] = v * ScalarMath.sigmoid(v);
            }
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                float v = z[zOffset + i];
                float e = ScalarMath.exp(-Math.abs(v));
                float q = 1f / (1f + e);
                float s = v >= 0f ? q : e * q;
                float complement = v >= 0f ? e * q : q;
                gradZ[outOffset + i] = s * Math.fma(v, complement, 1f) * gradA[gOffset + i];
            }
        }
    }

    /** {@link VectorMath}'s swish passes, each one loop. */
    private static final class Simd implements ActivationKernel {

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            VectorMath.activate(VectorMath.SWISH, rows * cols, 0f, z, zOffset, null, 0, out, outOffset);
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            VectorMath.activate(VectorMath.SWISH_BACKWARD, rows * cols, 0f, z, zOffset, gradA, gOffset, gradZ,
                    outOffset);
        }
    }
}
