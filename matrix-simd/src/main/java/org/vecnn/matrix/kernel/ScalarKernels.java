package org.vecnn.matrix.kernel;

import java.util.Arrays;

/**
 * Plain-loop kernels: the reference every vector kernel is tested against, and the fallback where the
 * Vector API cannot run. Element-wise kernels use exactly the operations (and FMAs) of their vector twins,
 * so the two agree bitwise wherever no transcendental function or reordered sum is involved.
 */
public final class ScalarKernels implements Kernels {

    /** The single instance; the class holds no state. */
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int lanes() {
        return 1;
    }

    /** Row by row: scale the C row by beta, then add {@code alpha·op(A)[i][p]} times row p of op(B). */
    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                      float beta, float[] c, int cOffset, int ldc) {
        int aRowStride = transA ? 1 : lda;
        int aColStride = transA ? lda : 1;
        int bRowStride = transB ? 1 : ldb;
        int bColStride = transB ? ldb : 1;
        for (int i = 0; i < m; i++) {
            int ci = cOffset + i * ldc;
            if (beta == 0f) {
                Arrays.fill(c, ci, ci + n, 0f);
            } else if (beta != 1f) {
                scale(n, beta, c, ci);
            }
            for (int p = 0; p < k; p++) {
                float aip = alpha * a[aOffset + i * aRowStride + p * aColStride];
                int bp = bOffset + p * bRowStride;
                for (int j = 0; j < n; j++) {
                    c[ci + j] = Math.fma(aip, b[bp + j * bColStride], c[ci + j]);
                }
            }
        }
    }

    @Override
    public void addRowToRows(int rows, int cols, float[] row, int rowOffset, float[] x, int xOffset) {
        for (int r = 0; r < rows; r++) {
            int xr = xOffset + r * cols;
            for (int j = 0; j < cols; j++) {
                x[xr + j] += row[rowOffset + j];
            }
        }
    }

    @Override
    public void multiply(int n, float[] x, int xOffset, float[] y, int yOffset, float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = x[xOffset + i] * y[yOffset + i];
        }
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xOffset) {
        for (int i = 0; i < n; i++) {
            x[xOffset + i] *= alpha;
        }
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOffset, float[] y, int yOffset) {
        for (int i = 0; i < n; i++) {
            y[yOffset + i] = Math.fma(alpha, x[xOffset + i], y[yOffset + i]);
        }
    }

    @Override
    public void relu(int n, float[] x, int xOffset, float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = Math.max(x[xOffset + i], 0f);
        }
    }

    @Override
    public void reluBackward(int n, float[] activated, int aOffset, float[] grad, int gOffset,
                             float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = activated[aOffset + i] > 0f ? grad[gOffset + i] : 0f;
        }
    }

    @Override
    public void sigmoid(int n, float[] x, int xOffset, float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = sigmoid(x[xOffset + i]);
        }
    }

    /** The logistic function split at 0, so that no exponential overflows: e = exp(−|x|). */
    static float sigmoid(float x) {
        float e = (float) Math.exp(-Math.abs(x));
        return (x >= 0f ? 1f : e) / (1f + e);
    }

    @Override
    public void sigmoidBackward(int n, float[] activated, int aOffset, float[] grad, int gOffset,
                                float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            float a = activated[aOffset + i];
            out[outOffset + i] = a * (1f - a) * grad[gOffset + i];
        }
    }

    @Override
    public void tanh(int n, float[] x, int xOffset, float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = (float) Math.tanh(x[xOffset + i]);
        }
    }

    @Override
    public void tanhBackward(int n, float[] activated, int aOffset, float[] grad, int gOffset,
                             float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            float a = activated[aOffset + i];
            out[outOffset + i] = (1f - a * a) * grad[gOffset + i];
        }
    }

    @Override
    public void softmaxRows(int rows, int cols, float[] x, int xOffset, float[] out, int outOffset) {
        for (int r = 0; r < rows; r++) {
            int xr = xOffset + r * cols;
            int or = outOffset + r * cols;
            float max = max(cols, x, xr);
            float total = 0f;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(x[xr + j] - max);
                out[or + j] = e;
                total += e;
            }
            for (int j = 0; j < cols; j++) {
                out[or + j] /= total;
            }
        }
    }

    @Override
    public void softmaxRowsBackward(int rows, int cols, float[] activated, int aOffset, float[] grad, int gOffset,
                                    float[] out, int outOffset) {
        for (int r = 0; r < rows; r++) {
            int ar = aOffset + r * cols;
            int gr = gOffset + r * cols;
            int or = outOffset + r * cols;
            float dot = 0f;
            for (int j = 0; j < cols; j++) {
                dot = Math.fma(activated[ar + j], grad[gr + j], dot);
            }
            for (int j = 0; j < cols; j++) {
                out[or + j] = activated[ar + j] * (grad[gr + j] - dot);
            }
        }
    }

    @Override
    public float max(int n, float[] x, int offset) {
        float max = x[offset];
        for (int i = 1; i < n; i++) {
            max = Math.max(max, x[offset + i]);
        }
        return max;
    }

    /** The left-to-right sum. */
    @Override
    public float sum(int n, float[] x, int offset) {
        float total = 0f;
        for (int i = 0; i < n; i++) {
            total += x[offset + i];
        }
        return total;
    }
}
