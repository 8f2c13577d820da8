package org.vecnn.matrix.kernel.activation;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.vecnn.matrix.kernel.ActivationKernel;
import org.vecnn.matrix.kernel.ActivationKernels;
import org.vecnn.matrix.kernel.math.ScalarMath;
import org.vecnn.matrix.kernel.math.VectorMath;

/** The exponential, {@code e^z}; its derivative is its output. */
public final class Exponential {

    private static final Scalar SCALAR = new Scalar();

    /** The exponential's kernels. */
    public static final ActivationKernels KERNELS = ActivationKernels.of("exponential", SCALAR, () -> new Simd());

    private Exponential() {
    }

    /** The plain loops. */
    private static final class Scalar implements ActivationKernel {

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                out[outOffset + i] = ScalarMath.exp(z[zOffset + i]);
            }
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                gradZ[outOffset + i] = a[aOffset + i] * gradA[gOffset + i];
            }
        }
    }

    /** {@link VectorMath#exp}; the derivative to the loop bound, its tail on the plain loop. */
    private static final class Simd implements ActivationKernel {

        private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            VectorMath.exp(rows * cols, z, zOffset, out, outOffset);
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            int n = rows * cols;
            int bound = SPECIES.loopBound(n);
            for (int i = 0; i < bound; i += SPECIES.length()) {
                FloatVector.fromArray(SPECIES, a, aOffset + i).mul(FloatVector.fromArray(SPECIES, gradA, gOffset + i))
                        .intoArray(gradZ, outOffset + i);
            }
            SCALAR.backward(1, n - bound, alpha, z, zOffset + bound, a, aOffset + bound, gradA, gOffset + bound,
                    gradZ, outOffset + bound);
        }
    }
}
