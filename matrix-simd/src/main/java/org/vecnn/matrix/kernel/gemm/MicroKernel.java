package org.vecnn.matrix.kernel.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked micro-kernel: an MR x NR tile of C, held in MR·NV vector accumulators (named
 * locals, never an array), updated by {@code kc} rank-1 products of a packed A column (MR broadcasts) and
 * a packed B row (NV vector loads). NR = NV · lanes, so the tile adapts to any lane count.
 */
final class MicroKernel {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /** Rows of the C tile: one broadcast each per step. */
    static final int MR = 8;
    /** Vectors across the C tile: one load each per step. */
    static final int NV = 2;
    /** Columns of the C tile. */
    static final int NR = NV * LANES;

    private MicroKernel() {
    }

    /**
     * {@code C[0..MR)[0..NR) = alpha·Ã·B̃ + beta·C} for a packed micro-panel Ã (kc x MR, column by column) and
     * a micro-panel B̃ (kc rows of NR, {@code bStride} apart: NR when packed). With {@code beta == 0} C is not read. Each C element is
     * {@code fma(acc, alpha, beta·c)}, the same rounding as the scalar edge-tile path.
     */
    static void multiply(int kc, float[] a, int aOffset, float[] b, int bOffset, int bStride,
                         float alpha, float beta, float[] c, int cOffset, int ldc) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES), c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES), c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES), c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES), c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES), c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES), c71 = FloatVector.zero(SPECIES);
        for (int p = 0; p < kc; p++) {
            int ai = aOffset + p * MR;
            int bi = bOffset + p * bStride;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bi + LANES);
            FloatVector ar = FloatVector.broadcast(SPECIES, a[ai]);
            c00 = ar.fma(b0, c00);
            c01 = ar.fma(b1, c01);
            ar = FloatVector.broadcast(SPECIES, a[ai + 1]);
            c10 = ar.fma(b0, c10);
            c11 = ar.fma(b1, c11);
            ar = FloatVector.broadcast(SPECIES, a[ai + 2]);
            c20 = ar.fma(b0, c20);
            c21 = ar.fma(b1, c21);
            ar = FloatVector.broadcast(SPECIES, a[ai + 3]);
            c30 = ar.fma(b0, c30);
            c31 = ar.fma(b1, c31);
            ar = FloatVector.broadcast(SPECIES, a[ai + 4]);
            c40 = ar.fma(b0, c40);
            c41 = ar.fma(b1, c41);
            ar = FloatVector.broadcast(SPECIES, a[ai + 5]);
            c50 = ar.fma(b0, c50);
            c51 = ar.fma(b1, c51);
            ar = FloatVector.broadcast(SPECIES, a[ai + 6]);
            c60 = ar.fma(b0, c60);
            c61 = ar.fma(b1, c61);
            ar = FloatVector.broadcast(SPECIES, a[ai + 7]);
            c70 = ar.fma(b0, c70);
            c71 = ar.fma(b1, c71);
        }
        store(c00, alpha, beta, c, cOffset);
        store(c01, alpha, beta, c, cOffset + LANES);
        store(c10, alpha, beta, c, cOffset + ldc);
        store(c11, alpha, beta, c, cOffset + ldc + LANES);
        store(c20, alpha, beta, c, cOffset + 2 * ldc);
        store(c21, alpha, beta, c, cOffset + 2 * ldc + LANES);
        store(c30, alpha, beta, c, cOffset + 3 * ldc);
        store(c31, alpha, beta, c, cOffset + 3 * ldc + LANES);
        store(c40, alpha, beta, c, cOffset + 4 * ldc);
        store(c41, alpha, beta, c, cOffset + 4 * ldc + LANES);
        store(c50, alpha, beta, c, cOffset + 5 * ldc);
        store(c51, alpha, beta, c, cOffset + 5 * ldc + LANES);
        store(c60, alpha, beta, c, cOffset + 6 * ldc);
        store(c61, alpha, beta, c, cOffset + 6 * ldc + LANES);
        store(c70, alpha, beta, c, cOffset + 7 * ldc);
        store(c71, alpha, beta, c, cOffset + 7 * ldc + LANES);
    }

    /**
     * Writes one accumulator vector to C: {@code alpha·acc} when beta is 0 (C unread, so NaN there is
     * overwritten), else {@code fma(acc, alpha, beta·c)}. Small enough for C2 to inline.
     */
    static void store(FloatVector acc, float alpha, float beta, float[] c, int offset) {
        if (beta == 0f) {
            acc.mul(alpha).intoArray(c, offset);
        } else {
            acc.fma(FloatVector.broadcast(SPECIES, alpha), FloatVector.fromArray(SPECIES, c, offset).mul(beta)).intoArray(c, offset);
        }
    }

    /** The scalar form of {@link #store}, for the elements of edge tiles. */
    static float combine(float acc, float alpha, float beta, float c) {
        return beta == 0f ? acc * alpha : Math.fma(acc, alpha, c * beta);
    }
}
