package org.vecnn.matrix.kernel.activation;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.vecnn.matrix.kernel.ActivationKernel;
import org.vecnn.matrix.kernel.ActivationKernels;
import org.vecnn.matrix.kernel.ScalarKernels;
import org.vecnn.matrix.kernel.math.ScalarMath;
import org.vecnn.matrix.kernel.math.VectorMath;

/**
 * The softmax of each row, {@code e^(z_j − max z) / Σ e^(z_i − max z)}, the maximum subtracted so that no
 * exponential overflows; its Jacobian-vector product {@code a_j·(grad_j − Σ_i a_i·grad_i)} from the output.
 * The row's sum and dot product run in column order on both sides: the same bits for every lane count.
 */
public final class Softmax {

    private static final ScalarKernels LOOPS = ScalarKernels.INSTANCE;

    /** Softmax's kernels. */
    public static final ActivationKernels KERNELS = ActivationKernels.of("softmax", new Scalar(), () -> new Simd());

    private Softmax() {
    }

    /** One row's {@code Σ_i a_i·grad_i}, one FMA chain in column order. */
    private static float dot(int cols, float[] a, int aRow, float[] grad, int gRow) {
        float dot = 0f;
        for (int j = 0; j < cols; j++) {
            dot = Math.fma(a[aRow + j], grad[gRow + j], dot);
        }
        return dot;
    }

    /** The plain loops. */
    private static final class Scalar implements ActivationKernel {

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            for (int r = 0; r < rows; r++) {
                int zr = zOffset + r * cols;
                int or = outOffset + r * cols;
                float max = LOOPS.max(cols, z, zr);
                float total = 0f;
                for (int j = 0; j < cols; j++) {
                    float e = ScalarMath.exp(z[zr + j] - max);
                    out[or + j] = e;
                    total += e;
                }
                for (int j = 0; j < cols; j++) {
                    out[or + j] /= total;
                }
            }
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            for (int r = 0; r < rows; r++) {
                int ar = aOffset + r * cols;
                int gr = gOffset + r * cols;
                int or = outOffset + r * cols;
                float dot = dot(cols, a, ar, gradA, gr);
                for (int j = 0; j < cols; j++) {
                    gradZ[or + j] = a[ar + j] * (gradA[gr + j] - dot);
                }
            }
        }
    }

    /** {@link VectorMath}'s exponential of each row, then vector loops to the loop bound and scalar tails. */
    private static final class Simd implements ActivationKernel {

        private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            int bound = SPECIES.loopBound(cols);
            for (int r = 0; r < rows; r++) {
                int zr = zOffset + r * cols;
                int or = outOffset + r * cols;
                VectorMath.activate(VectorMath.EXP, cols, LOOPS.max(cols, z, zr), z, zr, null, 0, out, or);
                float total = LOOPS.sum(cols, out, or);
                for (int j = 0; j < bound; j += SPECIES.length()) {
                    FloatVector.fromArray(SPECIES, out, or + j).div(total).intoArray(out, or + j);
                }
                for (int j = bound; j < cols; j++) {
                    out[or + j] /= total;
                }
            }
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            int bound = SPECIES.loopBound(cols);
            for (int r = 0; r < rows; r++) {
                int ar = aOffset + r * cols;
                int gr = gOffset + r * cols;
                int or = outOffset + r * cols;
                float dot = dot(cols, a, ar, gradA, gr);
                for (int j = 0; j < bound; j += SPECIES.length()) {
                    FloatVector.fromArray(SPECIES, a, ar + j)
                            .mul(FloatVector.fromArray(SPECIES, gradA, gr + j).sub(dot)).intoArray(gradZ, or + j);
                }
                for (int j = bound; j < cols; j++) {
                    gradZ[or + j] = a[ar + j] * (gradA[gr + j] - dot);
                }
            }
        }
    }
}
