package org.vecnn.matrix;

import static org.vecnn.matrix.testkit.Rounding.gamma;

/**
 * The GEMM reference: naive loops in double precision, with the per-element error bound of DESIGN.md
 * section 5, {@code |ĉ − c| ≤ γ(k+2)·(|α|·Σ_p|a_ip||b_pj| + |β|·|c0_ij|) + (k+2)·Float.MIN_VALUE}, where
 * {@code γ(n) = n·u/(1 − n·u)} and {@code u = 2^-24}. It holds for any blocking, order, FMA use or lane count.
 */
public final class GemmOracle {

    /** The exact-as-double result and the error bound of each element of C (row-major m x n). */
    public record Expected(double[] values, double[] bounds) {
    }

    private GemmOracle() {
    }

    /** op(A)[i][p] for a row-major A stored with leading dimension lda. */
    public static float opA(GemmCase gc, float[] a, int i, int p) {
        return gc.transA() ? a[gc.aOffset() + p * gc.lda() + i] : a[gc.aOffset() + i * gc.lda() + p];
    }

    /** op(B)[p][j]. */
    public static float opB(GemmCase gc, float[] b, int p, int j) {
        return gc.transB() ? b[gc.bOffset() + j * gc.ldb() + p] : b[gc.bOffset() + p * gc.ldb() + j];
    }

    /** Computes alpha·op(A)·op(B) + beta·C0 in double, and the bound each float result must meet. */
    public static Expected expected(GemmCase gc, float[] a, float[] b, float[] c0) {
        int m = gc.m();
        int n = gc.n();
        double[] values = new double[m * n];
        double[] bounds = new double[m * n];
        double gamma = gamma(gc.k() + 2L);
        double tiny = (gc.k() + 2.0) * Float.MIN_VALUE;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double magnitude = 0;
                for (int p = 0; p < gc.k(); p++) {
                    double product = (double) opA(gc, a, i, p) * opB(gc, b, p, j);
                    sum += product;
                    magnitude += Math.abs(product);
                }
                double old = gc.beta() == 0f ? 0 : c0[gc.cOffset() + i * gc.ldc() + j];
                values[i * n + j] = gc.alpha() * sum + gc.beta() * old;
                bounds[i * n + j] = gamma * (Math.abs(gc.alpha()) * magnitude + Math.abs(gc.beta() * old)) + tiny;
            }
        }
        return new Expected(values, bounds);
    }
}
