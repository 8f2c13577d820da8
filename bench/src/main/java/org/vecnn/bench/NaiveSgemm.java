package org.vecnn.bench;

/** The textbook triple loop: each C element is the dot product of a row of op(A) and a column of op(B). */
final class NaiveSgemm implements SgemmLibrary {

    private final GemmShape shape;
    private final float[] a;
    private final float[] b;
    private final float[] c;

    NaiveSgemm(GemmShape shape, float[] a, float[] b) {
        this.shape = shape;
        this.a = a;
        this.b = b;
        this.c = new float[shape.m() * shape.n()];
    }

    @Override
    public void multiply() {
        int m = shape.m();
        int n = shape.n();
        int k = shape.k();
        int lda = shape.aCols();
        int ldb = shape.bCols();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    float aip = shape.transA() ? a[p * lda + i] : a[i * lda + p];
                    float bpj = shape.transB() ? b[j * ldb + p] : b[p * ldb + j];
                    sum += aip * bpj;
                }
                c[i * n + j] = sum;
            }
        }
    }

    @Override
    public float[] result() {
        return c;
    }
}
