package org.vecnn.matrix.kernel.activation;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.vecnn.matrix.kernel.ActivationKernel;
import org.vecnn.matrix.kernel.ActivationKernels;

/**
 * The thresholded ReLU, {@code z > θ ? z : 0} with θ as alpha (Keras's {@code ThresholdedReLU} layer, θ 1 by
 * default); its derivative 1 above θ, from the input.
 */
public final class ThresholdedRelu {

    private static final Scalar SCALAR = new Scalar();

    /** The thresholded ReLU's kernels. */
    public static final ActivationKernels KERNELS = ActivationKernels.withAlpha("thresholded_relu", 1f, SCALAR,
            () -> new Simd());

    private ThresholdedRelu() {
    }

    /** The plain loops. */
    private static final class Scalar implements ActivationKernel {

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                float v = z[zOffset + i];
                out[outOffset + i] = v > alpha ? v : 0f;
            }
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                gradZ[outOffset + i] = z[zOffset + i] > alpha ? gradA[gOffset + i] : 0f;
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
            FloatVector zero = FloatVector.zero(SPECIES);
            for (int i = 0; i < bound; i += SPECIES.length()) {
                FloatVector v = FloatVector.fromArray(SPECIES, z, zOffset + i);
                zero.blend(v, v.compare(VectorOperators.GT, alpha)).intoArray(out, outOffset + i);
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
                        FloatVector.fromArray(SPECIES, z, zOffset + i).compare(VectorOperators.GT, alpha))
                        .intoArray(gradZ, outOffset + i);
            }
            SCALAR.backward(1, n - bound, alpha, z, zOffset + bound, a, aOffset + bound, gradA, gOffset + bound,
                    gradZ, outOffset + bound);
        }
    }
}
