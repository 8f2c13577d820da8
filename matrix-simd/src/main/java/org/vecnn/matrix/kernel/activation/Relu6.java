package org.vecnn.matrix.kernel.activation;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.vecnn.matrix.kernel.ActivationKernel;
import org.vecnn.matrix.kernel.ActivationKernels;

/** ReLU capped at 6, {@code min(max(z, 0), 6)}; its derivative 1 strictly between 0 and 6, from the input. */
public final class Relu6 {

    private static final Scalar SCALAR = new Scalar();

    /** ReLU6's kernels. */
    public static final ActivationKernels KERNELS = ActivationKernels.of("relu6", SCALAR, () -> new Simd());

    private Relu6() {
    }

    /** The plain loops. */
    private static final class Scalar implements ActivationKernel {

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                out[outOffset + i] = Math.min(Math.max(z[zOffset + i], 0f), 6f);
            }
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                float v = z[zOffset + i];
                gradZ[outOffset + i] = v > 0f && v < 6f ? gradA[gOffset + i] : 0f;
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
                FloatVector.fromArray(SPECIES, z, zOffset + i).max(0f).min(6f).intoArray(out, outOffset + i);
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
                FloatVector v = FloatVector.fromArray(SPECIES, z, zOffset + i);
                zero.blend(FloatVector.fromArray(SPECIES, gradA, gOffset + i),
                        v.compare(VectorOperators.GT, 0f).and(v.compare(VectorOperators.LT, 6f)))
                        .intoArray(gradZ, outOffset + i);
            }
            SCALAR.backward(1, n - bound, alpha, z, zOffset + bound, a, aOffset + bound, gradA, gOffset + bound,
                    gradZ, outOffset + bound);
        }
    }
}
