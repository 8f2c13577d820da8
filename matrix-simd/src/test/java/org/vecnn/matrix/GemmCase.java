package org.vecnn.matrix;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One sgemm call to test: shape, transposes, scalars, and a layout with offsets and leading dimensions
 * larger than needed. Its arrays are made from {@code seed}; every element outside the C view holds a
 * sentinel that must survive the call, and a C read while {@code beta == 0} would meet NaN.
 */
public record GemmCase(int m, int n, int k, boolean transA, boolean transB, float alpha, float beta,
                       int aOffset, int bOffset, int cOffset, int ldaPad, int ldbPad, int ldcPad, long seed) {

    /** A value that no computation writes: the padding of every array. */
    public static final float SENTINEL = -12345.678f;

    /** A plain case: no offsets, tight leading dimensions. */
    public static GemmCase of(int m, int n, int k, boolean transA, boolean transB, float alpha, float beta, long seed) {
        return new GemmCase(m, n, k, transA, transB, alpha, beta, 0, 0, 0, 0, 0, 0, seed);
    }

    public int lda() {
        return Math.max(1, transA ? m : k) + ldaPad;
    }

    public int ldb() {
        return Math.max(1, transB ? k : n) + ldbPad;
    }

    public int ldc() {
        return Math.max(1, n) + ldcPad;
    }

    /** Multiply-adds this case performs. */
    public long multiplyAdds() {
        return (long) m * n * k;
    }

    /** A, stored (transA ? k x m : m x k), values uniform in [-1, 1) times a per-case power of two. */
    public float[] a() {
        return operand(transA ? k : m, transA ? m : k, lda(), aOffset, seed);
    }

    /** B, stored (transB ? n x k : k x n). */
    public float[] b() {
        return operand(transB ? n : k, transB ? k : n, ldb(), bOffset, seed + 1);
    }

    /** The initial C: random where beta reads it, NaN where beta = 0 promises not to. */
    public float[] c() {
        float[] c = operand(m, n, ldc(), cOffset, seed + 2);
        if (beta == 0f) {
            forEachInView(m, n, ldc(), cOffset, index -> c[index] = Float.NaN);
        }
        return c;
    }

    private static float[] operand(int rows, int cols, int ld, int offset, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float scale = Math.scalb(1f, random.nextInt(-8, 9));
        float[] data = new float[offset + rows * ld + 3];
        Arrays.fill(data, SENTINEL);
        forEachInView(rows, cols, ld, offset, index -> data[index] = (float) (random.nextDouble() * 2 - 1) * scale);
        return data;
    }

    private static void forEachInView(int rows, int cols, int ld, int offset, java.util.function.IntConsumer action) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                action.accept(offset + i * ld + j);
            }
        }
    }

    /** Runs this case through a sgemm implementation on fresh arrays and returns C after the call. */
    public float[] run(Sgemm sgemm, float[] a, float[] b, float[] c) {
        sgemm.multiply(transA, transB, m, n, k, alpha, a, aOffset, lda(), b, bOffset, ldb(), beta, c, cOffset, ldc());
        return c;
    }

    /**
     * Runs the case and checks every element of the C view against the double oracle within the
     * γ(k+2) bound, and every element outside the view for its sentinel. Returns the largest error/bound
     * ratio seen.
     */
    public double check(Sgemm sgemm) {
        float[] a = a();
        float[] b = b();
        float[] c0 = c();
        float[] c = run(sgemm, a.clone(), b.clone(), c0.clone());
        GemmOracle.Expected expected = GemmOracle.expected(this, a, b, c0);
        double worst = 0;
        boolean[] inView = new boolean[c.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int index = cOffset + i * ldc() + j;
                inView[index] = true;
                double error = Math.abs(c[index] - expected.values()[i * n + j]);
                double bound = expected.bounds()[i * n + j];
                if (!(error <= bound)) {
                    fail("C[" + i + "][" + j + "] = " + c[index] + ", expected " + expected.values()[i * n + j]
                            + " within " + bound + " (error " + error + ") for " + this);
                }
                worst = Math.max(worst, error / bound);
            }
        }
        for (int index = 0; index < c.length; index++) {
            if (!inView[index] && Float.floatToRawIntBits(c[index]) != Float.floatToRawIntBits(c0[index])) {
                fail("C[" + index + "] outside the view changed from " + c0[index] + " to " + c[index] + " for "
                        + this);
            }
        }
        return worst;
    }

    /** The sgemm signature, so the same case can drive Gemm, one kernel side or the driver directly. */
    @FunctionalInterface
    public interface Sgemm {
        void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                      float beta, float[] c, int cOffset, int ldc);
    }
}
