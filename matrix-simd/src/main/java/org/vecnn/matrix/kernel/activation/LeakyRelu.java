package org.vecnn.matrix.kernel.activation;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.vecnn.matrix.kernel.ActivationKernel;
import org.vecnn.matrix.kernel.ActivationKernels;

/** Leaky ReLU, {@code z > 0 ? z : alpha·z} (alpha the negative slope, 0.2 by default as in Keras). */
public final class LeakyRelu {

    private static final Scalar SCALAR = new Scalar();

    /** Leaky ReLU's kernels. */
    public static final ActivationKernels KERNELS = ActivationKernels.withAlpha("leaky_relu", 0.2f, SCALAR,
            () -> new Simd());

    private LeakyRelu() {
    }

    /** The plain loops. */
    private static final class Scalar implements ActivationKernel {

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                float v = z[zOffset + i];
                out[outOffset + i] = v > 0f ? v : alpha * v;
            }
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                float g = gradA[gOffset + i];
                gradZ[outOffset + i] = z[zOffset + i] > 0f ? g : alpha * g;
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
                FloatVector v = FloatVector.fromArray(SPECIES, z, zOffset + i);
                v.mul(alpha).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(out, outOffset + i);
            }
            SCALAR.forward(1, n - bound, alpha, z, zOffset + bound, out, outOffset + bound);
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            int n = rows * cols;
            int bound = SPECIES.loopBound(n);
            for (int i = 0; i < bound; i += SPECIES.length()) {
                FloatVector g = FloatVector.fromArray(SPECIES, gradA, gOffset + i);
                g.mul(alpha).blend(g, FloatVector.fromArray(SPECIES, z, zOffset + i).compare(VectorOperators.GT, 0f))
                        .intoArray(gradZ, outOffset + i);
            }
            SCALAR.backward(1, n - bound, alpha, z, zOffset + bound, a, aOffset + bound, gradA, gOffset + bound,
                    gradZ, outOffset + bound);
        }
    }
}
