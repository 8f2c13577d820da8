package org.vecnn.matrix.kernel.activation;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.vecnn.matrix.kernel.ActivationKernel;
import org.vecnn.matrix.kernel.ActivationKernels;
import org.vecnn.matrix.kernel.math.ScalarMath;
import org.vecnn.matrix.kernel.math.VectorMath;

/**
 * The logistic function, {@code 1/(1 + e^-z)}, as {@code (z ≥ 0 ? 1 : e)/(1 + e)} with {@code e = e^-|z|} so
 * that no exponential overflows; its derivative {@code a·(1 − a)} from the output a.
 */
public final class Sigmoid {

    private static final Scalar SCALAR = new Scalar();

    /** The logistic function's kernels. */
    public static final ActivationKernels KERNELS = ActivationKernels.of("sigmoid", SCALAR, () -> new Simd());

    private Sigmoid() {
    }

    /** The plain loops. */
    private static final class Scalar implements ActivationKernel {

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                out[outOffset + i] = ScalarMath.sigmoid(z[zOffset + i]);
            }
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                float ai = a[aOffset + i];
                gradZ[outOffset + i] = ai * (1f - ai) * gradA[gOffset + i];
            }
        }
    }

    /** {@link VectorMath}'s logistic pass; the derivative to the loop bound, its tail on the plain loop. */
    private static final class Simd implements ActivationKernel {

        private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            VectorMath.activate(VectorMath.SIGMOID, rows * cols, 0f, z, zOffset, null, 0, out, outOffset);
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            int n = rows * cols;
            int bound = SPECIES.loopBound(n);
            FloatVector one = FloatVector.broadcast(SPECIES, 1f);
            for (int i = 0; i < bound; i += SPECIES.length()) {
                FloatVector ai = FloatVector.fromArray(SPECIES, a, aOffset + i);
                ai.mul(one.sub(ai)).mul(FloatVector.fromArray(SPECIES, gradA, gOffset + i))
                        .intoArray(gradZ, outOffset + i);
            }
            SCALAR.backward(1, n - bound, alpha, z, zOffset + bound, a, aOffset + bound, gradA, gOffset + bound,
                    gradZ, outOffset + bound);
        }
    }
}
