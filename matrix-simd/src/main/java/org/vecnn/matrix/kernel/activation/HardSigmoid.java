package org.vecnn.matrix.kernel.activation;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.vecnn.matrix.kernel.ActivationKernel;
import org.vecnn.matrix.kernel.ActivationKernels;

/**
 * The hard sigmoid, {@code clip(α·z + 0.5, 0, 1)}: α = 1/6 is Keras 3's {@code relu6(z + 3)/6} (the default),
 * α = 0.2 Keras 2's; its derivative α inside the ramp, 0 outside, from the input.
 */
public final class HardSigmoid {

    private static final Scalar SCALAR = new Scalar();

    /** The hard sigmoid's kernels. */
    public static final ActivationKernels KERNELS = ActivationKernels.withAlpha("hard_sigmoid", 1f / 6, SCALAR,
            () -> new Simd());

    private HardSigmoid() {
    }

    /** The plain loops. */
    private static final class Scalar implements ActivationKernel {

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                out[outOffset + i] = Math.min(Math.max(alpha * z[zOffset + i] + 0.5f, 0f), 1f);
            }
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                float ramp = alpha * z[zOffset + i] + 0.5f;
                gradZ[outOffset + i] = ramp > 0f && ramp < 1f ? alpha * gradA[gOffset + i] : 0f;
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
                FloatVector.fromArray(SPECIES, z, zOffset + i).mul(alpha).add(0.5f).max(0f).min(1f)
                        .intoArray(out, outOffset + i);
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
                FloatVector ramp = FloatVector.fromArray(SPECIES, z, zOffset + i).mul(alpha).add(0.5f);
                zero.blend(FloatVector.fromArray(SPECIES, gradA, gOffset + i).mul(alpha),
                        ramp.compare(VectorOperators.GT, 0f).and(ramp.compare(VectorOperators.LT, 1f)))
                        .intoArray(gradZ, outOffset + i);
            }
            SCALAR.backward(1, n - bound, alpha, z, zOffset + bound, a, aOffset + bound, gradA, gOffset + bound,
                    gradZ, outOffset + bound);
        }
    }
}
