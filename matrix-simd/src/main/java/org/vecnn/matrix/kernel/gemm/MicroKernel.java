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
     * {@code tile += Ã·B̃} for a packed micro-panel Ã (kc x MR, column by column) and a micro-panel B̃ (kc
     * rows of NR, {@code bStride} apart: NR when packed). The tile (MR rows of NR, the workspace's) is loaded
     * into the accumulators first, or they start from zero when {@code load} is false, and stored back at
     * the end: each element of C goes on being one FMA chain over k across k blocks, as the scalar loop sums
     * it. The tile's constant offsets keep the general registers free for the loop's own addresses, and the
     * accumulators are set in one branch, not through a helper (which C2 was seen to compile slower).
     */
    static void multiply(int kc, float[] a, int aOffset, float[] b, int bOffset, int bStride, float[] tile,
                         boolean load) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (load) {
            c00 = FloatVector.fromArray(SPECIES, tile, 0);
            c01 = FloatVector.fromArray(SPECIES, tile, LANES);
            c10 = FloatVector.fromArray(SPECIES, tile, NR);
            c11 = FloatVector.fromArray(SPECIES, tile, NR + LANES);
            c20 = FloatVector.fromArray(SPECIES, tile, 2 * NR);
            c21 = FloatVector.fromArray(SPECIES, tile, 2 * NR + LANES);
            c30 = FloatVector.fromArray(SPECIES, tile, 3 * NR);
            c31 = FloatVector.fromArray(SPECIES, tile, 3 * NR + LANES);
            c40 = FloatVector.fromArray(SPECIES, tile, 4 * NR);
            c41 = FloatVector.fromArray(SPECIES, tile, 4 * NR + LANES);
            c50 = FloatVector.fromArray(SPECIES, tile, 5 * NR);
            c51 = FloatVector.fromArray(SPECIES, tile, 5 * NR + LANES);
            c60 = FloatVector.fromArray(SPECIES, tile, 6 * NR);
            c61 = FloatVector.fromArray(SPECIES, tile, 6 * NR + LANES);
            c70 = FloatVector.fromArray(SPECIES, tile, 7 * NR);
            c71 = FloatVector.fromArray(SPECIES, tile, 7 * NR + LANES);
        } else {
            FloatVector zero = FloatVector.zero(SPECIES);
            c00 = zero;
            c01 = zero;
            c10 = zero;
            c11 = zero;
            c20 = zero;
            c21 = zero;
            c30 = zero;
            c31 = zero;
            c40 = zero;
            c41 = zero;
            c50 = zero;
            c51 = zero;
            c60 = zero;
            c61 = zero;
            c70 = zero;
            c71 = zero;
        }
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
     * Copies {@code rows x cols} floats between two row-major views (a tile of C and the workspace tile),
     * whole vectors first, then the remaining columns.
     */
    static void copy(int rows, int cols, float[] from, int fromOffset, int fromStride, float[] to, int toOffset,
                     int toStride) {
        int vectorCols = cols / LANES * LANES;
        for (int i = 0; i < rows; i++) {
            int f = fromOffset + i * fromStride;
            int t = toOffset + i * toStride;
            for (int j = 0; j < vectorCols; j += LANES) {
                FloatVector.fromArray(SPECIES, from, f + j).intoArray(to, t + j);
            }
            for (int j = vectorCols; j < cols; j++) {
                to[t + j] = from[f + j];
            }
        }
    }
}
