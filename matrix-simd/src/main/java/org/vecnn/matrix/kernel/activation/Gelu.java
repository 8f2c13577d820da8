package org.vecnn.matrix.kernel.activation;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.vecnn.matrix.kernel.ActivationKernel;
import org.vecnn.matrix.kernel.ActivationKernels;
import org.vecnn.matrix.kernel.math.ScalarMath;
import org.vecnn.matrix.kernel.math.VectorMath;

/**
 * The exact GELU, {@code z·Φ(z)} with Φ the standard normal CDF (Keras's default {@code approximate=False}),
 * and its derivative {@code Φ(z) + z·φ(z)} from the input. {@code 2·Φ(z) = erfc(−z/√2)} through the
 * Chebyshev fit {@code erfc(u) ≈ t·exp(−u² + Σ c_i·t^i)}, {@code t = 1/(1 + u/2)}, {@code u ≥ 0}, of relative
 * error below 1.2e-7 for every u (W. H. Press et al., Numerical Recipes, 2nd ed., section 6.2,
 * {@code erfcc}; the coefficients are the published ones), so the far negative tail keeps its relative
 * precision. Both sides evaluate the same operations in the same order.
 */
public final class Gelu {

    /** {@code c_0 … c_9}, lowest power first. */
    private static final float[] C = {-1.26551223f, 1.00002368f, 0.37409196f, 0.09678418f, -0.18628806f,
            0.27886807f, -1.13520398f, 1.48851587f, -0.82215223f, 0.17087277f};
    /** {@code 1/√2}. */
    private static final float INV_SQRT2 = (float) (1 / Math.sqrt(2));
    /** {@code 1/√(2π)}, the peak of the standard normal density. */
    private static final float INV_SQRT_2PI = (float) (1 / Math.sqrt(2 * Math.PI));

    /** GELU's kernels. */
    public static final ActivationKernels KERNELS = ActivationKernels.of("gelu", new Scalar(), () -> new Simd());

    private Gelu() {
    }

    /** The plain loops. */
    private static final class Scalar implements ActivationKernel {

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                float v = z[zOffset + i];
                out[outOffset + i] = 0.5f * v * twiceNormalCdf(v);
            }
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                float v = z[zOffset + i];
                float density = ScalarMath.exp(-0.5f * v * v) * INV_SQRT_2PI;
                gradZ[outOffset + i] = Math.fma(v, density, 0.5f * twiceNormalCdf(v)) * gradA[gOffset + i];
            }
        }

        /** {@code 2·Φ(x) = erfc(−x/√2)}. */
        private static float twiceNormalCdf(float x) {
            float u = x * -INV_SQRT2;
            float abs = Math.abs(u);
            float t = 1f / Math.fma(0.5f, abs, 1f);
            float p = C[C.length - 1];
            for (int c = C.length - 2; c >= 0; c--) {
                p = Math.fma(p, t, C[c]);
            }
            float r = t * ScalarMath.exp(Math.fma(-abs, abs, p));
            return u >= 0f ? r : 2f - r;
        }
    }

    /**
     * Masked vector loops in chunks staged through a per-thread scratch array: the exponentials' arguments are
     * written there, {@link VectorMath#exp} computes them in place, and a last loop combines them with the
     * input, so no vector crosses a call.
     */
    private static final class Simd implements ActivationKernel {

        private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
        private static final int LANES = SPECIES.length();
        /** Values staged at a time. */
        private static final int CHUNK = 512;
        /** Each thread's staging area: erfc's exponentials, then the density's, a chunk each. */
        private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[2 * CHUNK]);

        @Override
        public void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset) {
            int n = rows * cols;
            float[] e = SCRATCH.get();
            for (int c = 0; c < n; c += CHUNK) {
                int m = Math.min(CHUNK, n - c);
                normalTailExponentials(m, z, zOffset + c, e);
                for (int i = 0; i < m; i += LANES) {
                    VectorMask<Float> lanes = SPECIES.indexInRange(i, m);
                    FloatVector v = FloatVector.fromArray(SPECIES, z, zOffset + c + i, lanes);
                    v.mul(0.5f).mul(twiceNormalCdf(v, FloatVector.fromArray(SPECIES, e, i, lanes)))
                            .intoArray(out, outOffset + c + i, lanes);
                }
            }
        }

        @Override
        public void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset,
                             float[] gradA, int gOffset, float[] gradZ, int outOffset) {
            int n = rows * cols;
            float[] e = SCRATCH.get();
            for (int c = 0; c < n; c += CHUNK) {
                int m = Math.min(CHUNK, n - c);
                normalTailExponentials(m, z, zOffset + c, e);
                for (int i = 0; i < m; i += LANES) {
                    VectorMask<Float> lanes = SPECIES.indexInRange(i, m);
                    FloatVector v = FloatVector.fromArray(SPECIES, z, zOffset + c + i, lanes);
                    v.mul(-0.5f).mul(v).intoArray(e, CHUNK + i, lanes);
                }
                VectorMath.exp(m, e, CHUNK, e, CHUNK);
                for (int i = 0; i < m; i += LANES) {
                    VectorMask<Float> lanes = SPECIES.indexInRange(i, m);
                    FloatVector v = FloatVector.fromArray(SPECIES, z, zOffset + c + i, lanes);
                    FloatVector density = FloatVector.fromArray(SPECIES, e, CHUNK + i, lanes).mul(INV_SQRT_2PI);
                    v.fma(density, twiceNormalCdf(v, FloatVector.fromArray(SPECIES, e, i, lanes)).mul(0.5f))
                            .mul(FloatVector.fromArray(SPECIES, gradA, gOffset + c + i, lanes))
                            .intoArray(gradZ, outOffset + c + i, lanes);
                }
            }
        }

        /** The reciprocal of erfc's argument, {@code t = 1/(1 + u/2)} with u = |x|/√2. */
        private static FloatVector erfcT(FloatVector x) {
            return FloatVector.broadcast(SPECIES, 1f).div(x.mul(-INV_SQRT2).abs().fma(0.5f, 1f));
        }

        /** {@code e[0..n)} = the exponentials of {@code 2·Φ(x)}, {@code exp(−u² + p(t))}. */
        private static void normalTailExponentials(int n, float[] x, int xOffset, float[] e) {
            for (int i = 0; i < n; i += LANES) {
                VectorMask<Float> lanes = SPECIES.indexInRange(i, n);
                FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + i, lanes);
                FloatVector u = v.mul(-INV_SQRT2).abs();
                FloatVector t = erfcT(v);
                FloatVector p = FloatVector.broadcast(SPECIES, C[C.length - 1]);
                for (int c = C.length - 2; c >= 0; c--) {
                    p = p.fma(t, FloatVector.broadcast(SPECIES, C[c]));
                }
                u.neg().fma(u, p).intoArray(e, i, lanes);
            }
            VectorMath.exp(n, e, 0, e, 0);
        }

        /** {@code 2·Φ(x) = erfc(−x/√2)} from its exponential {@code e} ({@link #normalTailExponentials}). */
        private static FloatVector twiceNormalCdf(FloatVector x, FloatVector e) {
            FloatVector r = erfcT(x).mul(e);
            return r.neg().add(2f).blend(r, x.mul(-INV_SQRT2).compare(VectorOperators.GE, 0f));
        }
    }
}
