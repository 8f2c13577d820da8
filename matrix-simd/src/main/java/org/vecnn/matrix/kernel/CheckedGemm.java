package org.vecnn.matrix.kernel;

import java.util.Arrays;

/**
 * {@code org.vecnn.matrix.Gemm}'s checked entry point on given kernels, for vecnn's modules that compare the
 * vector and scalar sides (tests, benchmarks): every argument is checked before C is touched, and the
 * degenerate cases (an empty C, k or alpha zero) are handled here, so the kernels never see them.
 */
public final class CheckedGemm {

    private CheckedGemm() {
    }

    /** {@code C = alpha·op(A)·op(B) + beta·C} on these kernels, with {@code org.vecnn.matrix.Gemm}'s checks. */
    public static void sgemm(Kernels kernels, boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc) {
        checkDimension("m", m);
        checkDimension("n", n);
        checkDimension("k", k);
        checkView("a", a, "aOffset", aOffset, "lda", lda, transA ? k : m, transA ? m : k);
        checkView("b", b, "bOffset", bOffset, "ldb", ldb, transB ? n : k, transB ? k : n);
        checkView("c", c, "cOffset", cOffset, "ldc", ldc, m, n);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scaleRows(kernels, m, n, beta, c, cOffset, ldc);
        } else {
            kernels.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        }
    }

    /** {@code C = beta·C}, writing zeros without reading C when beta is 0. */
    private static void scaleRows(Kernels kernels, int m, int n, float beta, float[] c, int cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            if (beta == 0f) {
                Arrays.fill(c, row, row + n, 0f);
            } else if (beta != 1f) {
                kernels.scale(n, beta, c, row);
            }
        }
    }

    private static void checkDimension(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }

    /** Checks that a {@code rows x cols} row-major view with the given offset and leading dimension fits. */
    private static void checkView(String array, float[] data, String offsetName, int offset,
                                  String ldName, int ld, int rows, int cols) {
        if (data == null) {
            throw new NullPointerException(array + " must not be null");
        }
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(ldName + " must be >= max(1, " + cols + ") for a "
                    + shape(rows, cols) + " " + array + ", was " + ld);
        }
        if (offset < 0) {
            throw new IllegalArgumentException(offsetName + " must be >= 0, was " + offset);
        }
        long end = offset + (long) (rows - 1) * ld + cols;
        if (rows > 0 && cols > 0 && end > data.length) {
            throw new IllegalArgumentException("array " + array + " is too short: a " + shape(rows, cols)
                    + " view at " + offsetName + "=" + offset + " with " + ldName + "=" + ld + " needs " + end
                    + " elements, " + array + ".length is " + data.length);
        }
        if (end > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the " + array + " view ends past the largest array index");
        }
    }

    private static String shape(int rows, int cols) {
        return rows + "x" + cols;
    }
}
