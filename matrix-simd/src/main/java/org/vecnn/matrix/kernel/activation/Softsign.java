package org.vecnn.matrix.kernel.activation;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.vecnn.matrix.kernel.ActivationKernel;
import org.vecnn.matrix.kernel.ActivationKernels;

/** Softsign, {@code z/(1 + |z|)}; its derivative {@code 1/(1 + |z|)²} from the input. */
public final class Softsign {

    private static final Scalar SCALAR = new Scalar();

    /** Softsign's kernels. */
    public static final ActivationKernels KERNELS = ActivationKernels.of("softsign", SCALAR, () -> new Simd());

    private Softsign() {
    }

    /** The plain loops. */
    private static final class Scalar implements ActivationKernel {

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                float v = z[zOffset + i];
                out[outOffset + i] = v / (1f + Math.abs(v));
            }
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                float d = 1f + Math.abs(z[zOffset + i]);
                gradZ[outOffset + i] = gradA[gOffset + i] / (d * d);
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
                v.div(v.abs().add(1f)).intoArray(out, outOffset + i);
            }
            SCALAR.forward(1, n - bound, alpha, z, zOffset + bound, out, outOffset + bound);
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            int n = rows * cols;
            int bound = SPECIES.loopBound(n);
            for (int i = 0; i < bound; i += SPECIES.length()) {
                FloatVector d = FloatVector.fromArray(SPECIES, z, zOffset + i).abs().add(1f);
                FloatVector.fromArray(SPECIES, gradA, gOffset + i).div(d.mul(d)).intoArray(gradZ, outOffset + i);
            }
            SCALAR.backward(1, n - bound, alpha, z, zOffset + bound, a, aOffset + bound, gradA, gOffset + bound,
                    gradZ, outOffset + bound);
        }
    }
}
