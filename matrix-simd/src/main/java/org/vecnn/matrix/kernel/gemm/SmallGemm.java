package org.vecnn.matrix.kernel.gemm;

import static org.vecnn.matrix.kernel.gemm.MicroKernel.LANES;
import static org.vecnn.matrix.kernel.gemm.MicroKernel.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * The unpacked path for problems too small to repay packing, batch-1 inference above all (m = 1 is a
 * GEMV): each C row is built from broadcasts of op(A)[i][p] times row p of B, which must therefore be
 * contiguous (B not transposed). Every C element is the p-ordered FMA chain from zero, merged into C by
 * {@link MicroKernel#update}; the vector blocks and the scalar columns round identically.
 */
final class SmallGemm {

    /** Problems with at most this many multiply-adds skip packing; tuned by JMH. */
    static final long MAX_MULTIPLY_ADDS = 64L * 64 * 64;

    /** Columns per pass: eight vectors, which the workspace tile (MR x NR = 16 vectors) holds. */
    private static final int WIDE = 8 * LANES;

    private SmallGemm() {
    }

    /** Whether a problem of this shape takes the unpacked path. */
    static boolean applies(boolean transB, int m, int n, int k) {
        return !transB && (m < MicroKernel.MR || (long) m * n * k <= MAX_MULTIPLY_ADDS);
    }

    static void multiply(int m, int n, int k, float alpha, float[] a, int aOffset, int aRowStride, int aColStride,
                         float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        float[] tile = GemmWorkspace.forCurrentThread(0, 0).tile;
        for (int i = 0; i < m; i++) {
            int ai = aOffset + i * aRowStride;
            for (int j0 = 0; j0 < n; j0 += WIDE) {
                int cols = Math.min(WIDE, n - j0);
                if (cols == WIDE) {
                    eightVectors(k, a, ai, aColStride, b, bOffset + j0, ldb, tile);
                } else {
                    remainder(cols, k, a, ai, aColStride, b, bOffset + j0, ldb, tile);
                }
                MicroKernel.update(tile, WIDE, 1, cols, alpha, beta, c, cOffset + i * ldc + j0, ldc);
            }
        }
    }

    /** Eight column vectors at once: eight independent FMA chains cover the FMA latency. */
    private static void eightVectors(int k, float[] a, int ai, int aColStride, float[] b, int bj, int ldb,
                                     float[] tile) {
        FloatVector acc0 = FloatVector.zero(SPECIES), acc1 = FloatVector.zero(SPECIES);
        FloatVector acc2 = FloatVector.zero(SPECIES), acc3 = FloatVector.zero(SPECIES);
        FloatVector acc4 = FloatVector.zero(SPECIES), acc5 = FloatVector.zero(SPECIES);
        FloatVector acc6 = FloatVector.zero(SPECIES), acc7 = FloatVector.zero(SPECIES);
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
        acc0.intoArray(tile, 0);
        acc1.intoArray(tile, LANES);
        acc2.intoArray(tile, 2 * LANES);
        acc3.intoArray(tile, 3 * LANES);
        acc4.intoArray(tile, 4 * LANES);
        acc5.intoArray(tile, 5 * LANES);
        acc6.intoArray(tile, 6 * LANES);
        acc7.intoArray(tile, 7 * LANES);
    }

    /** Fewer than eight vectors of columns: one vector at a time, then single columns. */
    private static void remainder(int cols, int k, float[] a, int ai, int aColStride, float[] b, int bj, int ldb,
                                  float[] tile) {
        int j = 0;
        for (; j + LANES <= cols; j += LANES) {
            FloatVector acc = FloatVector.zero(SPECIES);
            for (int p = 0; p < k; p++) {
                acc = FloatVector.broadcast(SPECIES, a[ai + p * aColStride])
                        .fma(FloatVector.fromArray(SPECIES, b, bj + j + p * ldb), acc);
            }
            acc.intoArray(tile, j);
        }
        for (; j < cols; j++) {
            float acc = 0f;
            for (int p = 0; p < k; p++) {
                acc = Math.fma(a[ai + p * aColStride], b[bj + j + p * ldb], acc);
            }
            tile[j] = acc;
        }
    }
}
