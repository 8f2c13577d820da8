package org.vecnn.matrix.kernel.gemm;

import static org.vecnn.matrix.kernel.gemm.MicroKernel.LANES;
import static org.vecnn.matrix.kernel.gemm.MicroKernel.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import org.vecnn.matrix.kernel.math.VectorMath;

/**
 * The unpacked path for problems too small or too narrow to repay packing: batch-1 inference (m = 1 is a
 * GEMV) and narrow outputs (10 classes, one logit). C is built from broadcasts of op(A)[i][p] times row p
 * of B, which must therefore be contiguous (B not transposed). Every C element is the p-ordered FMA
 * chain from zero (in the narrow remainder, four interleaved chains), merged into C by
 * {@link MicroKernel#update}; a single output column is instead a vector dot product per row.
 */
final class SmallGemm {

    /**
     * Problems with at most this many multiply-adds (64³) skip packing. Not yet tuned: at 64³ this path
     * runs at 0.4-0.6x OpenBLAS's small-matrix kernels, the next thing to measure.
     */
    static final long MAX_MULTIPLY_ADDS = 64L * 64 * 64;

    /** Columns per pass of a row: eight vectors, which the workspace tile (MR x NR = 16 vectors) holds. */
    private static final int WIDE = 8 * LANES;
    /** Rows per pass of a column vector. */
    private static final int ROWS = 8;

    private SmallGemm() {
    }

    /**
     * Whether a problem of this shape takes the unpacked path: B must not be transposed, and the problem
     * must be small, or have fewer rows than a micro-tile, or fewer columns (a packed panel would be
     * mostly zero padding: 10 classes in a 32-wide panel).
     */
    static boolean applies(boolean transB, int m, int n, int k) {
        return !transB && (m < MicroKernel.MR || n < MicroKernel.NR || (long) m * n * k <= MAX_MULTIPLY_ADDS);
    }

    static void multiply(int m, int n, int k, float alpha, float[] a, int aOffset, int aRowStride, int aColStride,
                         float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        if (n == 1 && ldb == 1 && aColStride == 1) {
            dots(m, k, alpha, a, aOffset, aRowStride, b, bOffset, beta, c, cOffset, ldc);
        } else if (m < ROWS) {
            byRows(m, n, k, alpha, a, aOffset, aRowStride, aColStride, b, bOffset, ldb, beta, c, cOffset, ldc);
        } else {
            byColumns(m, n, k, alpha, a, aOffset, aRowStride, aColStride, b, bOffset, ldb, beta, c, cOffset, ldc);
        }
    }

    /**
     * One output column (a single logit) with contiguous rows of A and a contiguous column of B: one dot
     * product per row, along k in vectors, the last one masked, then across the lanes.
     */
    private static void dots(int m, int k, float alpha, float[] a, int aOffset, int aRowStride, float[] b,
                             int bOffset, float beta, float[] c, int cOffset, int ldc) {
        int bound = SPECIES.loopBound(k);
        for (int i = 0; i < m; i++) {
            int ai = aOffset + i * aRowStride;
            FloatVector acc = FloatVector.zero(SPECIES);
            for (int p = 0; p < bound; p += LANES) {
                acc = FloatVector.fromArray(SPECIES, a, ai + p).fma(FloatVector.fromArray(SPECIES, b, bOffset + p),
                        acc);
            }
            if (bound < k) {
                VectorMask<Float> tail = SPECIES.indexInRange(bound, k);
                acc = FloatVector.fromArray(SPECIES, a, ai + bound, tail)
                        .fma(FloatVector.fromArray(SPECIES, b, bOffset + bound, tail), acc);
            }
            float dot = VectorMath.sumLanes(acc);
            int ci = cOffset + i * ldc;
            c[ci] = beta == 0f ? dot * alpha : Math.fma(dot, alpha, c[ci] * beta);
        }
    }

    /**
     * Few rows (GEMV above all): each row of C in passes of eight column vectors. With alpha 1 and beta 0 or
     * 1 (a layer's forward pass, the bias already in C) the chains start from C's values and end in C;
     * otherwise they go through the tile and {@link MicroKernel#update}.
     */
    private static void byRows(int m, int n, int k, float alpha, float[] a, int aOffset, int aRowStride,
                               int aColStride, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset,
                               int ldc) {
        boolean direct = alpha == 1f && (beta == 0f || beta == 1f);
        boolean accumulate = direct && beta == 1f;
        float[] tile = direct ? null : GemmWorkspace.forCurrentThread(0, 0).tile;
        for (int i = 0; i < m; i++) {
            int ai = aOffset + i * aRowStride;
            for (int j0 = 0; j0 < n; j0 += WIDE) {
                int cols = Math.min(WIDE, n - j0);
                float[] sums = direct ? c : tile;
                int sumsOffset = direct ? cOffset + i * ldc + j0 : 0;
                if (cols == WIDE) {
                    eightVectors(k, a, ai, aColStride, b, bOffset + j0, ldb, sums, sumsOffset, accumulate);
                } else {
                    remainder(cols, k, a, ai, aColStride, b, bOffset + j0, ldb, sums, sumsOffset, accumulate);
                }
                if (!direct) {
                    MicroKernel.update(tile, WIDE, 1, cols, alpha, beta, c, cOffset + i * ldc + j0, ldc);
                }
            }
        }
    }

    /**
     * Eight rows or more: C one column vector at a time, eight rows per pass (eight FMA chains sharing
     * one load of B). A last partial vector of columns is first packed, zero-padded, as a B micro-panel so
     * that the loop needs no mask.
     */
    private static void byColumns(int m, int n, int k, float alpha, float[] a, int aOffset, int aRowStride,
                                  int aColStride, float[] b, int bOffset, int ldb, float beta, float[] c,
                                  int cOffset, int ldc) {
        GemmWorkspace ws = GemmWorkspace.forCurrentThread(0, k * MicroKernel.NR);
        for (int j0 = 0; j0 < n; j0 += LANES) {
            int cols = Math.min(LANES, n - j0);
            float[] column = b;
            int columnOffset = bOffset + j0;
            int stride = ldb;
            if (cols < LANES) {
                Packing.packB(k, cols, b, bOffset + j0, ldb, 1, ws.packedB);
                column = ws.packedB;
                columnOffset = 0;
                stride = MicroKernel.NR;
            }
            for (int i0 = 0; i0 < m; i0 += ROWS) {
                int rows = Math.min(ROWS, m - i0);
                eightRows(k, a, aOffset + i0 * aRowStride, aRowStride, aColStride, rows, column, columnOffset,
                        stride, ws.tile);
                MicroKernel.update(ws.tile, LANES, rows, cols, alpha, beta, c, cOffset + i0 * ldc + j0, ldc);
            }
        }
    }

    /** Rows {@code 0..rows)} of A (the last repeated up to eight) times one vector column of B, into the tile. */
    private static void eightRows(int k, float[] a, int aBase, int aRowStride, int aColStride, int rows,
                                  float[] b, int bOffset, int bStride, float[] tile) {
        int last = rows - 1;
        int a0 = aBase;
        int a1 = aBase + Math.min(1, last) * aRowStride;
        int a2 = aBase + Math.min(2, last) * aRowStride;
        int a3 = aBase + Math.min(3, last) * aRowStride;
        int a4 = aBase + Math.min(4, last) * aRowStride;
        int a5 = aBase + Math.min(5, last) * aRowStride;
        int a6 = aBase + Math.min(6, last) * aRowStride;
        int a7 = aBase + Math.min(7, last) * aRowStride;
        FloatVector acc0 = FloatVector.zero(SPECIES), acc1 = FloatVector.zero(SPECIES);
        FloatVector acc2 = FloatVector.zero(SPECIES), acc3 = FloatVector.zero(SPECIES);
        FloatVector acc4 = FloatVector.zero(SPECIES), acc5 = FloatVector.zero(SPECIES);
        FloatVector acc6 = FloatVector.zero(SPECIES), acc7 = FloatVector.zero(SPECIES);
        for (int p = 0; p < k; p++) {
            FloatVector bp = FloatVector.fromArray(SPECIES, b, bOffset + p * bStride);
            int ap = p * aColStride;
            acc0 = FloatVector.broadcast(SPECIES, a[a0 + ap]).fma(bp, acc0);
            acc1 = FloatVector.broadcast(SPECIES, a[a1 + ap]).fma(bp, acc1);
            acc2 = FloatVector.broadcast(SPECIES, a[a2 + ap]).fma(bp, acc2);
            acc3 = FloatVector.broadcast(SPECIES, a[a3 + ap]).fma(bp, acc3);
            acc4 = FloatVector.broadcast(SPECIES, a[a4 + ap]).fma(bp, acc4);
            acc5 = FloatVector.broadcast(SPECIES, a[a5 + ap]).fma(bp, acc5);
            acc6 = FloatVector.broadcast(SPECIES, a[a6 + ap]).fma(bp, acc6);
            acc7 = FloatVector.broadcast(SPECIES, a[a7 + ap]).fma(bp, acc7);
        }
        acc0.intoArray(tile, 0);
        acc1.intoArray(tile, LANES);
        acc2.intoArray(tile, 2 * LANES);
        acc3.intoArray(tile, 3 * LANES);
        acc4.intoArray(tile, 4 * LANES);
        acc5.intoArray(tile, 5 * LANES);
        acc6.intoArray(tile, 6 * LANES);
        acc7.intoArray(tile, 7 * LANES);
    }

    /**
     * Eight column vectors at once, into sums (added to them when accumulating): eight independent FMA
     * chains cover the FMA latency.
     */
    private static void eightVectors(int k, float[] a, int ai, int aColStride, float[] b, int bj, int ldb,
                                     float[] sums, int sumsOffset, boolean accumulate) {
        FloatVector acc0 = start(sums, sumsOffset, accumulate), acc1 = start(sums, sumsOffset + LANES, accumulate);
        FloatVector acc2 = start(sums, sumsOffset + 2 * LANES, accumulate);
        FloatVector acc3 = start(sums, sumsOffset + 3 * LANES, accumulate);
        FloatVector acc4 = start(sums, sumsOffset + 4 * LANES, accumulate);
        FloatVector acc5 = start(sums, sumsOffset + 5 * LANES, accumulate);
        FloatVector acc6 = start(sums, sumsOffset + 6 * LANES, accumulate);
        FloatVector acc7 = start(sums, sumsOffset + 7 * LANES, accumulate);
        for (int p = 0; p < k; p++) {
            FloatVector ap = FloatVector.broadcast(SPECIES, a[ai + p * aColStride]);
            int row = bj + p * ldb;
            acc0 = ap.fma(FloatVector.fromArray(SPECIES, b, row), acc0);
            acc1 = ap.fma(FloatVector.fromArray(SPECIES, b, row + LANES), acc1);
            acc2 = ap.fma(FloatVector.fromArray(SPECIES, b, row + 2 * LANES), acc2);
            acc3 = ap.fma(FloatVector.fromArray(SPECIES, b, row + 3 * LANES), acc3);
            acc4 = ap.fma(FloatVector.fromArray(SPECIES, b, row + 4 * LANES), acc4);
            acc5 = ap.fma(FloatVector.fromArray(SPECIES, b, row + 5 * LANES), acc5);
            acc6 = ap.fma(FloatVector.fromArray(SPECIES, b, row + 6 * LANES), acc6);
            acc7 = ap.fma(FloatVector.fromArray(SPECIES, b, row + 7 * LANES), acc7);
        }
        acc0.intoArray(sums, sumsOffset);
        acc1.intoArray(sums, sumsOffset + LANES);
        acc2.intoArray(sums, sumsOffset + 2 * LANES);
        acc3.intoArray(sums, sumsOffset + 3 * LANES);
        acc4.intoArray(sums, sumsOffset + 4 * LANES);
        acc5.intoArray(sums, sumsOffset + 5 * LANES);
        acc6.intoArray(sums, sumsOffset + 6 * LANES);
        acc7.intoArray(sums, sumsOffset + 7 * LANES);
    }

    /**
     * Fewer than eight vectors of columns, one vector at a time, the last one masked (a scalar FMA chain per
     * column would cost a vector's worth each, and narrow layers are all remainder). With so few chains
     * the FMA latency would dominate, so each vector sums k in four interleaved chains (p mod 4), added
     * pairwise at the end. Masked-off lanes load zero and are not stored.
     */
    private static void remainder(int cols, int k, float[] a, int ai, int aColStride, float[] b, int bj, int ldb,
                                  float[] sums, int sumsOffset, boolean accumulate) {
        for (int j = 0; j < cols; j += LANES) {
            VectorMask<Float> lanes = SPECIES.indexInRange(j, cols);
            FloatVector acc0 = accumulate ? FloatVector.fromArray(SPECIES, sums, sumsOffset + j, lanes)
                    : FloatVector.zero(SPECIES);
            FloatVector acc1 = FloatVector.zero(SPECIES);
            FloatVector acc2 = FloatVector.zero(SPECIES), acc3 = FloatVector.zero(SPECIES);
            int p = 0;
            for (; p + 3 < k; p += 4) {
                int row = bj + j + p * ldb;
                int ap = ai + p * aColStride;
                acc0 = FloatVector.broadcast(SPECIES, a[ap]).fma(FloatVector.fromArray(SPECIES, b, row, lanes), acc0);
                acc1 = FloatVector.broadcast(SPECIES, a[ap + aColStride])
                        .fma(FloatVector.fromArray(SPECIES, b, row + ldb, lanes), acc1);
                acc2 = FloatVector.broadcast(SPECIES, a[ap + 2 * aColStride])
                        .fma(FloatVector.fromArray(SPECIES, b, row + 2 * ldb, lanes), acc2);
                acc3 = FloatVector.broadcast(SPECIES, a[ap + 3 * aColStride])
                        .fma(FloatVector.fromArray(SPECIES, b, row + 3 * ldb, lanes), acc3);
            }
            for (; p < k; p++) {
                acc0 = FloatVector.broadcast(SPECIES, a[ai + p * aColStride])
                        .fma(FloatVector.fromArray(SPECIES, b, bj + j + p * ldb, lanes), acc0);
            }
            acc0.add(acc1).add(acc2.add(acc3)).intoArray(sums, sumsOffset + j, lanes);
        }
    }

    /** A chain's first value: the vector already in sums when accumulating, else zero. */
    private static FloatVector start(float[] sums, int offset, boolean accumulate) {
        return accumulate ? FloatVector.fromArray(SPECIES, sums, offset) : FloatVector.zero(SPECIES);
    }
}
