package org.vecnn.matrix.kernel.gemm;

import static org.vecnn.matrix.kernel.gemm.MicroKernel.LANES;
import static org.vecnn.matrix.kernel.gemm.MicroKernel.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * The unpacked path for problems too small to repay packing, batch-1 inference above all (m = 1 is a
 * GEMV): each C row is built from broadcasts of op(A)[i][p] times row p of B, which must therefore be
 * contiguous (B not transposed). Every C element is the p-ordered FMA chain from zero, then
 * {@link MicroKernel#combine}; the vector blocks and the scalar tail round identically.
 */
final class SmallGemm {

    /** Problems with at most this many multiply-adds skip packing; tuned by JMH. */
    static final long MAX_MULTIPLY_ADDS = 64L * 64 * 64;

    private SmallGemm() {
    }

    /** Whether a problem of this shape takes the unpacked path. */
    static boolean applies(boolean transB, int m, int n, int k) {
        return !transB && (m < MicroKernel.MR || (long) m * n * k <= MAX_MULTIPLY_ADDS);
    }

    static void multiply(int m, int n, int k, float alpha, float[] a, int aOffset, int aRowStride, int aColStride,
                         float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        int wide = 8 * LANES;
        for (int i = 0; i < m; i++) {
            int ai = aOffset + i * aRowStride;
            int ci = cOffset + i * ldc;
            int j = 0;
            for (; j + wide <= n; j += wide) {
                eightVectors(k, a, ai, aColStride, b, bOffset + j, ldb, alpha, beta, c, ci + j);
            }
            for (; j + LANES <= n; j += LANES) {
                oneVector(k, a, ai, aColStride, b, bOffset + j, ldb, alpha, beta, c, ci + j);
            }
            for (; j < n; j++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) {
                    acc = Math.fma(a[ai + p * aColStride], b[bOffset + p * ldb + j], acc);
                }
                c[ci + j] = MicroKernel.combine(acc, alpha, beta, c[ci + j]);
            }
        }
    }

    /** Eight column vectors at once: eight independent FMA chains cover the FMA latency. */
    private static void eightVectors(int k, float[] a, int ai, int aColStride, float[] b, int bj, int ldb,
                                     float alpha, float beta, float[] c, int cj) {
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
        MicroKernel.store(acc0, alpha, beta, c, cj);
        MicroKernel.store(acc1, alpha, beta, c, cj + LANES);
        MicroKernel.store(acc2, alpha, beta, c, cj + 2 * LANES);
        MicroKernel.store(acc3, alpha, beta, c, cj + 3 * LANES);
        MicroKernel.store(acc4, alpha, beta, c, cj + 4 * LANES);
        MicroKernel.store(acc5, alpha, beta, c, cj + 5 * LANES);
        MicroKernel.store(acc6, alpha, beta, c, cj + 6 * LANES);
        MicroKernel.store(acc7, alpha, beta, c, cj + 7 * LANES);
    }

    private static void oneVector(int k, float[] a, int ai, int aColStride, float[] b, int bj, int ldb,
                                  float alpha, float beta, float[] c, int cj) {
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int p = 0; p < k; p++) {
            acc = FloatVector.broadcast(SPECIES, a[ai + p * aColStride])
                    .fma(FloatVector.fromArray(SPECIES, b, bj + p * ldb), acc);
        }
        MicroKernel.store(acc, alpha, beta, c, cj);
    }
}
