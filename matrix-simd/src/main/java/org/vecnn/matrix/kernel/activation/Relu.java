package org.vecnn.matrix.kernel.activation;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.vecnn.matrix.kernel.ActivationKernel;
import org.vecnn.matrix.kernel.ActivationKernels;

/** ReLU, {@code max(z, 0)}; its derivative, taken as 0 at 0, read from the output. */
public final class Relu {

    private static final Scalar SCALAR = new Scalar();

    /** ReLU's kernels. */
    public static final ActivationKernels KERNELS = ActivationKernels.of("relu", SCALAR, () -> new Simd());

    private Relu() {
    }

    /** The plain loops. */
    private static final class Scalar implements ActivationKernel {

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                out[outOffset + i] = Math.max(z[zOffset + i], 0f);
            }
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                gradZ[outOffset + i] = a[aOffset + i] > 0f ? gradA[gOffset + i] : 0f;
            }
        }
    }

    /** The vector loops, to the species' loop bound; the tail on the plain loops. */
    private static final class Simd implements ActivationKernel {

        private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            int n = rows * cols;
            int bound = SPECIES.loopBound(n);
            for (int i = 0; i < bound; i += SPECIES.length()) {
                FloatVector.fromArray(SPECIES, z, zOffset + i).max(0f).intoArray(out, outOffset + i);
            }
            SCALAR.forward(1, n - bound, alpha, z, zOffset + bound, out, outOffset + bound);
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            int n = rows * cols;
            int bound = SPECIES.loopBound(n);
            FloatVector zero = FloatVector.zero(SPECIES);
            for (int i = 0; i < bound; i += SPECIES.length()) {
                zero.blend(FloatVector.fromArray(SPECIES, gradA, gOffset + i),
                        FloatVector.fromArray(SPECIES, a, aOffset + i).compare(VectorOperators.GT, 0f))
                        .intoArray(gradZ, outOffset + i);
            }
            SCALAR.backward(1, n - bound, alpha, z, zOffset + bound, a, aOffset + bound, gradA, gOffset + bound,
                    gradZ, outOffset + bound);
        }
    }
}
