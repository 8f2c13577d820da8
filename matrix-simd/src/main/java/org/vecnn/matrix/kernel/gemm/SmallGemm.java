package org.vecnn.matrix.kernel.gemm;

import static org.vecnn.matrix.kernel.gemm.MicroKernel.LANES;
import static org.vecnn.matrix.kernel.gemm.MicroKernel.SPECIES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The unpacked path for problems too small or too narrow to repay packing: batch-1 inference (m = 1 is a
 * GEMV) and narrow outputs (10 classes, one logit). C is built from broadcasts of op(A)[i][p] times row p
 * of B, which must therefore be contiguous (B not transposed), or, for narrow C of many rows, by
 * {@link NarrowGemm} from op(A)'s columns times broadcasts of B. Every C element is one FMA chain over p in
 * order, from its start (C already scaled by β, or a layer's bias row) or from zero, as in
 * the packed path and the scalar loop: the same row gives the same bits in a batch of any size.
 */
final class SmallGemm {

    /**
     * Problems with at most this many multiply-adds (64³) skip packing. Not yet tuned: at 64³ this path
     * runs at 0.4-0.6x OpenBLAS's small-matrix kernels, the next thing to measure.
     */
    static final long MAX_MULTIPLY_ADDS = 64L * 64 * 64;

    /** Columns per pass of a row: eight vectors, eight independent chains to cover the FMA latency. */
    private static final int WIDE = 8 * LANES;
    /** Rows per pass of a column vector. */
    private static final int ROWS = 8;
    /** Steps of op(A) per copy of a pass's rows, the copy's constant row stride. */
    private static final int CHUNK = 256;

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

    /**
     * {@code C = α·op(A)·B + S}, where element (i, j) of S is {@code start[startOffset + i·startStride + j]}
     * (C itself, a bias row with stride 0), or 0 where {@code start} is null. An α other than 1 is folded into
     * a copy of A first (the products {@code fma(α·a, b, c)} of the scalar loop), so that the loops broadcast A
     * straight from memory.
     */
    static void multiply(int m, int n, int k, float alpha, float[] a, int aOffset, int aRowStride, int aColStride,
                         float[] b, int bOffset, int ldb, float[] start, int startOffset, int startStride,
                         float[] c, int cOffset, int ldc) {
        float[] source = a;
        int offset = aOffset;
        int rowStride = aRowStride;
        int colStride = aColStride;
        if (alpha != 1f) {
            GemmWorkspace ws = GemmWorkspace.forCurrentThread(m * k, 0);
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    ws.packedA[i * k + p] = alpha * a[aOffset + i * aRowStride + p * aColStride];
                }
            }
            source = ws.packedA;
            offset = 0;
            rowStride = k;
            colStride = 1;
        }
        if (NarrowGemm.applies(m, n, rowStride)) {
            NarrowGemm.multiply(m, n, k, source, offset, rowStride, colStride, b, bOffset, ldb, start, startOffset,
                    startStride, c, cOffset, ldc);
        } else if (m < ROWS || k < ROWS) {
            byRows(m, n, k, source, offset, rowStride, colStride, b, bOffset, ldb, start, startOffset, startStride, c,
                    cOffset, ldc);
        } else {
            byColumns(m, n, k, source, offset, rowStride, colStride, b, bOffset, ldb, start, startOffset, startStride,
                    c, cOffset, ldc);
        }
    }

    /**
     * Few rows (GEMV above all) or few steps (a first layer of two inputs): each row of C in passes of eight
     * column vectors, straight in C.
     */
    private static void byRows(int m, int n, int k, float[] a, int aOffset, int aRowStride, int aColStride,
                               float[] b, int bOffset, int ldb, float[] start, int startOffset, int startStride,
                               float[] c, int cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            int ai = aOffset + i * aRowStride;
            for (int j0 = 0; j0 < n; j0 += WIDE) {
                int cols = Math.min(WIDE, n - j0);
                int ci = cOffset + i * ldc + j0;
                int si = startOffset + i * startStride + j0;
                if (cols == WIDE) {
                    eightVectors(k, a, ai, aColStride, b, bOffset + j0, ldb, start, si, c, ci);
                } else {
                    remainder(cols, k, a, ai, aColStride, b, bOffset + j0, ldb, start, si, c, ci);
                }
            }
        }
    }

    /**
     * Eight rows or more: C one column vector at a time, eight rows per pass (eight FMA chains sharing one
     * load of B) through the workspace tile. The pass's rows of op(A) are first copied, {@link #CHUNK} steps
     * at a time, into rows a constant {@code CHUNK} apart, so that the kernel's eight reads share one index
     * instead of holding eight. B's rows are read in place as whole vectors, also for a last partial vector
     * of columns (its lanes past the last column are never stored); only rows whose vector would run past
     * B's end are read from zero-padded copies.
     */
    private static void byColumns(int m, int n, int k, float[] a, int aOffset, int aRowStride, int aColStride,
                                  float[] b, int bOffset, int ldb, float[] start, int startOffset, int startStride,
                                  float[] c, int cOffset, int ldc) {
        GemmWorkspace ws = GemmWorkspace.forCurrentThread(0, ROWS * CHUNK);
        float[] rowsOfA = ws.packedB;
        for (int j0 = 0; j0 < n; j0 += LANES) {
            int cols = Math.min(LANES, n - j0);
            int bj = bOffset + j0;
            int safe = MicroKernel.rowsInRange(k, bj, ldb, b.length);
            float[] padded = safe == k ? null : ws.edges(b, bj, ldb, safe, k, cols);
            for (int i0 = 0; i0 < m; i0 += ROWS) {
                int rows = Math.min(ROWS, m - i0);
                if (start != null) {
                    MicroKernel.copy(rows, cols, start, startOffset + i0 * startStride + j0, startStride, ws.tile, 0,
                            LANES);
                }
                for (int p0 = 0; p0 < k; p0 += CHUNK) {
                    int p1 = Math.min(k, p0 + CHUNK);
                    copyRows(rows, p1 - p0, a, aOffset + i0 * aRowStride + p0 * aColStride, aRowStride, aColStride,
                            rowsOfA);
                    boolean accumulate = start != null || p0 > 0;
                    int inPlace = Math.clamp(safe, p0, p1);
                    if (inPlace > p0) {
                        eightRows(inPlace - p0, rowsOfA, 0, b, bj + p0 * ldb, ldb, ws.tile, accumulate);
                    }
                    if (inPlace < p1) {
                        eightRows(p1 - inPlace, rowsOfA, inPlace - p0, padded, (inPlace - safe) * LANES, LANES,
                                ws.tile, accumulate || inPlace > p0);
                    }
                }
                MicroKernel.copy(rows, cols, ws.tile, 0, LANES, c, cOffset + i0 * ldc + j0, ldc);
            }
        }
    }

    /**
     * Rows {@code 0..rows)} of op(A), {@code steps} values each, into {@code to} at {@code r·CHUNK}; the rows up
     * to eight past them are zeros.
     */
    private static void copyRows(int rows, int steps, float[] a, int offset, int rowStride, int colStride, float[] to) {
        if (colStride == 1) {
            MicroKernel.copy(rows, steps, a, offset, rowStride, to, 0, CHUNK);
        } else {
            for (int r = 0; r < rows; r++) {
                for (int p = 0; p < steps; p++) {
                    to[r * CHUNK + p] = a[offset + r * rowStride + p * colStride];
                }
            }
        }
        if (rows < ROWS) {
            Arrays.fill(to, rows * CHUNK, ROWS * CHUNK, 0f);
        }
    }

    /**
     * {@code steps} steps of the eight copied rows of A (row r's step p at {@code a[r·CHUNK + aStart + p]})
     * times one vector column of B (step p's vector at {@code bOffset + p·bStride}), into the tile's first
     * eight vectors (from them when accumulating).
     */
    private static void eightRows(int steps, float[] a, int aStart, float[] b, int bOffset, int bStride, float[] tile,
                                  boolean accumulate) {
        FloatVector acc0, acc1, acc2, acc3, acc4, acc5, acc6, acc7;
        if (accumulate) {
            acc0 = FloatVector.fromArray(SPECIES, tile, 0);
            acc1 = FloatVector.fromArray(SPECIES, tile, LANES);
            acc2 = FloatVector.fromArray(SPECIES, tile, 2 * LANES);
            acc3 = FloatVector.fromArray(SPECIES, tile, 3 * LANES);
            acc4 = FloatVector.fromArray(SPECIES, tile, 4 * LANES);
            acc5 = FloatVector.fromArray(SPECIES, tile, 5 * LANES);
            acc6 = FloatVector.fromArray(SPECIES, tile, 6 * LANES);
            acc7 = FloatVector.fromArray(SPECIES, tile, 7 * LANES);
        } else {
            FloatVector zero = FloatVector.zero(SPECIES);
            acc0 = zero;
            acc1 = zero;
            acc2 = zero;
            acc3 = zero;
            acc4 = zero;
            acc5 = zero;
            acc6 = zero;
            acc7 = zero;
        }
        int end = aStart + steps;
        for (int ap = aStart, bi = bOffset; ap < end; ap++, bi += bStride) {
            FloatVector bp = FloatVector.fromArray(SPECIES, b, bi);
            acc0 = FloatVector.broadcast(SPECIES, a[ap]).fma(bp, acc0);
            acc1 = FloatVector.broadcast(SPECIES, a[ap + CHUNK]).fma(bp, acc1);
            acc2 = FloatVector.broadcast(SPECIES, a[ap + 2 * CHUNK]).fma(bp, acc2);
            acc3 = FloatVector.broadcast(SPECIES, a[ap + 3 * CHUNK]).fma(bp, acc3);
            acc4 = FloatVector.broadcast(SPECIES, a[ap + 4 * CHUNK]).fma(bp, acc4);
            acc5 = FloatVector.broadcast(SPECIES, a[ap + 5 * CHUNK]).fma(bp, acc5);
            acc6 = FloatVector.broadcast(SPECIES, a[ap + 6 * CHUNK]).fma(bp, acc6);
            acc7 = FloatVector.broadcast(SPECIES, a[ap + 7 * CHUNK]).fma(bp, acc7);
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

    /** Eight column vectors of one row of C at once: eight independent FMA chains cover the FMA latency. */
    private static void eightVectors(int k, float[] a, int ai, int aColStride, float[] b, int bj, int ldb,
                                     float[] start, int si, float[] c, int ci) {
        FloatVector acc0, acc1, acc2, acc3, acc4, acc5, acc6, acc7;
        if (start != null) {
            acc0 = FloatVector.fromArray(SPECIES, start, si);
            acc1 = FloatVector.fromArray(SPECIES, start, si + LANES);
            acc2 = FloatVector.fromArray(SPECIES, start, si + 2 * LANES);
            acc3 = FloatVector.fromArray(SPECIES, start, si + 3 * LANES);
            acc4 = FloatVector.fromArray(SPECIES, start, si + 4 * LANES);
            acc5 = FloatVector.fromArray(SPECIES, start, si + 5 * LANES);
            acc6 = FloatVector.fromArray(SPECIES, start, si + 6 * LANES);
            acc7 = FloatVector.fromArray(SPECIES, start, si + 7 * LANES);
        } else {
            FloatVector zero = FloatVector.zero(SPECIES);
            acc0 = zero;
            acc1 = zero;
            acc2 = zero;
            acc3 = zero;
            acc4 = zero;
            acc5 = zero;
            acc6 = zero;
            acc7 = zero;
        }
        int end = bj + k * ldb;
        for (int at = ai, row = bj; row < end; at += aColStride, row += ldb) {
            FloatVector ap = FloatVector.broadcast(SPECIES, a[at]);
            acc0 = ap.fma(FloatVector.fromArray(SPECIES, b, row), acc0);
            acc1 = ap.fma(FloatVector.fromArray(SPECIES, b, row + LANES), acc1);
            acc2 = ap.fma(FloatVector.fromArray(SPECIES, b, row + 2 * LANES), acc2);
            acc3 = ap.fma(FloatVector.fromArray(SPECIES, b, row + 3 * LANES), acc3);
            acc4 = ap.fma(FloatVector.fromArray(SPECIES, b, row + 4 * LANES), acc4);
            acc5 = ap.fma(FloatVector.fromArray(SPECIES, b, row + 5 * LANES), acc5);
            acc6 = ap.fma(FloatVector.fromArray(SPECIES, b, row + 6 * LANES), acc6);
            acc7 = ap.fma(FloatVector.fromArray(SPECIES, b, row + 7 * LANES), acc7);
        }
        acc0.intoArray(c, ci);
        acc1.intoArray(c, ci + LANES);
        acc2.intoArray(c, ci + 2 * LANES);
        acc3.intoArray(c, ci + 3 * LANES);
        acc4.intoArray(c, ci + 4 * LANES);
        acc5.intoArray(c, ci + 5 * LANES);
        acc6.intoArray(c, ci + 6 * LANES);
        acc7.intoArray(c, ci + 7 * LANES);
    }

    /**
     * Fewer than eight vectors of columns, one vector at a time in one loop (no call per vector: a batch-1
     * layer is short enough for calls to weigh): one chain per vector, so narrow layers are latency-bound,
     * the price of the same bits as any other path. Where there are at least a vector's columns, the last
     * vector overlaps the one before it (its lanes' chains are the same, so are their bits), unless C is
     * also the start; otherwise it is masked (AVX2's masked accesses are slow, AVX-512's are not). Where a
     * masked vector would run past its array's end the JDK checks the mask's lanes first, a few nanoseconds
     * per access. A single column is a scalar chain.
     */
    private static void remainder(int cols, int k, float[] a, int ai, int aColStride, float[] b, int bj, int ldb,
                                  float[] start, int si, float[] c, int ci) {
        if (cols == 1) {
            float acc = start == null ? 0f : start[si];
            for (int p = 0; p < k; p++) {
                acc = Math.fma(a[ai + p * aColStride], b[bj + p * ldb], acc);
            }
            c[ci] = acc;
            return;
        }
        boolean overlap = cols >= LANES && start != c;
        for (int j = 0; j < cols; j += LANES) {
            if (j + LANES <= cols || overlap) {
                int at = Math.min(j, cols - LANES);
                FloatVector acc = start == null ? FloatVector.zero(SPECIES)
                        : FloatVector.fromArray(SPECIES, start, si + at);
                for (int p = 0; p < k; p++) {
                    acc = FloatVector.broadcast(SPECIES, a[ai + p * aColStride])
                            .fma(FloatVector.fromArray(SPECIES, b, bj + at + p * ldb), acc);
                }
                acc.intoArray(c, ci + at);
            } else {
                VectorMask<Float> lanes = SPECIES.indexInRange(j, cols);
                FloatVector acc = start == null ? FloatVector.zero(SPECIES)
                        : FloatVector.fromArray(SPECIES, start, si + j, lanes);
                for (int p = 0; p < k; p++) {
                    acc = FloatVector.broadcast(SPECIES, a[ai + p * aColStride])
                            .fma(FloatVector.fromArray(SPECIES, b, bj + j + p * ldb, lanes), acc);
                }
                acc.intoArray(c, ci + j, lanes);
            }
        }
    }
}
