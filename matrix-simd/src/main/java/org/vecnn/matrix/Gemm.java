package org.vecnn.matrix;

import org.vecnn.matrix.kernel.CheckedGemm;
import org.vecnn.matrix.kernel.KernelProvider;

/**
 * BLAS-style single-precision matrix multiplication on row-major arrays:
 * {@code C = alpha·op(A)·op(B) + beta·C}, with the semantics of {@code cblas_sgemm(CblasRowMajor, …)}.
 *
 * <p>op(A) is m x k, op(B) is k x n and C is m x n. A is stored m x k (k x m when transposed) with rows
 * {@code lda} apart from {@code aOffset}; likewise B and C. Where {@code beta == 0} C is overwritten without
 * being read, so NaN there does not propagate; where {@code alpha == 0} or {@code k == 0}, A and B are not
 * read and C becomes {@code beta·C}. Every argument is checked before C is touched.
 */
public final class Gemm {

    private Gemm() {
    }

    /** Multiplies with the kernels this JVM runs on (vector where the Vector API is present, else scalar). */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc) {
        CheckedGemm.sgemm(KernelProvider.kernels(), transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset,
                ldb, beta, c, cOffset, ldc);
    }
}
