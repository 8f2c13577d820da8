package org.vecnn.matrix.kernel.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked micro-kernel: an MR x NR tile of C, held in MR·NV vector accumulators (named
 * locals, never an array), updated by {@code kc} rank-1 products of a packed A column (MR broadcasts) and
 * a packed B row (NV vector loads). NR = NV · lanes, so the tile adapts to any lane count.
 */
final class MicroKernel {

    /**
     * The preferred species: 512 bits on AVX-512. Measured against 256 bits (-XX:MaxVectorSize=32, same
     * JMH settings): 256³, 1024³ and 128x784x256 within noise of each other in the full GEMM, while the
     * micro-kernel alone (A from L2, B in L1, best of 8) reaches 155-165 GFLOP/s at 512 bits and 79 at 256,
     * so 512 stays.
     */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /**
     * Rows of the C tile: one broadcast each per step. 8 x 2 vectors (16 accumulators) was chosen over
     * 6 x 2 because the network shapes are multiples of 8 (32, 128, 256, 784 rows); in isolation (A from
     * L2, B in L1, best of 10) 4x4, 6x2, 8x2, 12x2 and 14x2 all reach 160-170 GFLOP/s and 8x3 only 133.
     */
    static final int MR = 8;
    /** Vectors across the C tile: one load each per step. */
    static final int NV = 2;
    /** Columns of the C tile. */
    static final int NR = NV * LANES;

    private MicroKernel() {
    }

    /**
     * {@code tile[0..MR)[0..NR) = Ã·B̃} for a packed micro-panel Ã (kc x MR, column by column) and a
     * micro-panel B̃ (kc rows of NR, {@code bStride} apart: NR when packed). The tile is row-major with
     * rows NR apart; {@link #update} then merges it into C. Writing the accumulators to the (L1-resident)
     * tile keeps every vector in this method, so nothing is boxed, and costs under 1% at kc ≥ 64.
     */
    static void multiply(int kc, float[] a, int aOffset, float[] b, int bOffset, int bStride, float[] tile) {
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
        c00.intoArray(tile, 0);
        c01.intoArray(tile, LANES);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + LANES);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + LANES);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + LANES);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + LANES);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + LANES);
        c60.intoArray(tile, 6 * NR);
        c61.intoArray(tile, 6 * NR + LANES);
        c70.intoArray(tile, 7 * NR);
        c71.intoArray(tile, 7 * NR + LANES);
    }

    /**
     * Merges the first {@code rows x cols} of a tile (rows {@code tileStride} apart) into C:
     * {@code c = alpha·t} where beta is 0 (C unread, so NaN there is overwritten), else
     * {@code c = fma(t, alpha, beta·c)}. Whole vectors and the scalar remainder round identically.
     */
    static void update(float[] tile, int tileStride, int rows, int cols, float alpha, float beta,
                       float[] c, int cOffset, int ldc) {
        int vectorCols = cols / LANES * LANES;
        FloatVector alphas = FloatVector.broadcast(SPECIES, alpha);
        for (int i = 0; i < rows; i++) {
            int t = i * tileStride;
            int ci = cOffset + i * ldc;
            for (int j = 0; j < vectorCols; j += LANES) {
                FloatVector acc = FloatVector.fromArray(SPECIES, tile, t + j);
                if (beta == 0f) {
                    acc.mul(alpha).intoArray(c, ci + j);
                } else {
                    acc.fma(alphas, FloatVector.fromArray(SPECIES, c, ci + j).mul(beta)).intoArray(c, ci + j);
                }
            }
            for (int j = vectorCols; j < cols; j++) {
                c[ci + j] = beta == 0f ? tile[t + j] * alpha : Math.fma(tile[t + j], alpha, c[ci + j] * beta);
            }
        }
    }
}
