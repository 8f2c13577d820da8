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
    public void scaleShiftRows(int rows, int cols, float[] scale, int scaleOffset, float[] shift, int shiftOffset,
                               float[] x, int xOffset, float[] out, int outOffset) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                out[outOffset + r * cols + j] = Math.fma(x[xOffset + r * cols + j], scale[scaleOffset + j],
                        shift[shiftOffset + j]);
            }
        }
    }

    @Override
    public int firstNonFinite(int n, float[] x, int offset) {
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(x[offset + i])) {
                return i;
            }
        }
        return -1;
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

    @Override
    public ActivationKernel activation(ActivationKernels kernels) {
        return kernels.scalar();
    }
}
