package org.vecnn.matrix.kernel.gemm;

/**
 * The operands of one GEMM call as strided views: element (i, p) of op(A) is
 * {@code a[aOffset + i·aRowStride + p·aColStride]}, likewise op(B), and C is row-major with {@code ldc}.
 * One instance per thread is reused from call to call (so a call allocates nothing) and cleared after it,
 * so that it never keeps the caller's arrays alive.
 */
final class GemmOperands {

    int m;
    int n;
    int k;
    float alpha;
    float beta;
    float[] a;
    int aOffset;
    int aRowStride;
    int aColStride;
    float[] b;
    int bOffset;
    int bRowStride;
    int bColStride;
    float[] c;
    int cOffset;
    int ldc;

    GemmOperands set(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                     float beta, float[] c, int cOffset, int ldc) {
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        this.a = a;
        this.aOffset = aOffset;
        this.aRowStride = transA ? 1 : lda;
        this.aColStride = transA ? lda : 1;
        this.b = b;
        this.bOffset = bOffset;
        this.bRowStride = transB ? 1 : ldb;
        this.bColStride = transB ? ldb : 1;
        this.c = c;
        this.cOffset = cOffset;
        this.ldc = ldc;
        return this;
    }

    void clear() {
        a = null;
        b = null;
        c = null;
    }
}
