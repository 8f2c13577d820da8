package org.vecnn.matrix.kernel;

import java.util.Arrays;
import org.vecnn.matrix.kernel.math.ScalarMath;

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
            out[outOffset + i] = ScalarMath.sigmoid(x[xOffset + i]);
        }
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
            out[outOffset + i] = ScalarMath.tanh(x[xOffset + i]);
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
    public void leakyRelu(int n, float alpha, float[] x, int xOffset, float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            float v = x[xOffset + i];
            out[outOffset + i] = v > 0f ? v : alpha * v;
        }
    }

    @Override
    public void leakyReluBackward(int n, float alpha, float[] x, int xOffset, float[] grad, int gOffset,
                                  float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            float g = grad[gOffset + i];
            out[outOffset + i] = x[xOffset + i] > 0f ? g : alpha * g;
        }
    }

    @Override
    public void elu(int n, float alpha, float[] x, int xOffset, float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            float v = x[xOffset + i];
            out[outOffset + i] = v > 0f ? v : alpha * ScalarMath.expm1(v);
        }
    }

    @Override
    public void eluBackward(int n, float alpha, float[] x, int xOffset, float[] grad, int gOffset,
                            float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            float v = x[xOffset + i];
            out[outOffset + i] = (v > 0f ? 1f : alpha * ScalarMath.exp(v)) * grad[gOffset + i];
        }
    }

    @Override
    public void gelu(int n, float[] x, int xOffset, float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            float v = x[xOffset + i];
            out[outOffset + i] = 0.5f * v * twiceNormalCdf(v);
        }
    }

    @Override
    public void geluBackward(int n, float[] x, int xOffset, float[] grad, int gOffset, float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            float v = x[xOffset + i];
            float density = ScalarMath.exp(-0.5f * v * v) * Erfc.INV_SQRT_2PI;
            out[outOffset + i] = Math.fma(v, density, 0.5f * twiceNormalCdf(v)) * grad[gOffset + i];
        }
    }

    /** {@code 2·Φ(x) = erfc(−x/√2)}, with the same operations as the vector kernel. */
    static float twiceNormalCdf(float x) {
        float u = x * -Erfc.INV_SQRT2;
        float z = Math.abs(u);
        float t = 1f / Math.fma(0.5f, z, 1f);
        float p = Erfc.C[Erfc.C.length - 1];
        for (int c = Erfc.C.length - 2; c >= 0; c--) {
            p = Math.fma(p, t, Erfc.C[c]);
        }
        float r = t * ScalarMath.exp(Math.fma(-z, z, p));
        return u >= 0f ? r : 2f - r;
    }

    @Override
    public void swish(int n, float[] x, int xOffset, float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            float v = x[xOffset + i];
            out[outOffset + i] = v * ScalarMath.sigmoid(v);
        }
    }

    @Override
    public void swishBackward(int n, float[] x, int xOffset, float[] grad, int gOffset, float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            // σ(x) and 1 − σ(x) = σ(−x) both from e = exp(−|x|), so neither is a difference of near-equals.
            float v = x[xOffset + i];
            float e = ScalarMath.exp(-Math.abs(v));
            float q = 1f / (1f + e);
            float s = v >= 0f ? q : e * q;
            float complement = v >= 0f ? e * q : q;
            out[outOffset + i] = s * Math.fma(v, complement, 1f) * grad[gOffset + i];
        }
    }

    @Override
    public void softplus(int n, float[] x, int xOffset, float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            float v = x[xOffset + i];
            out[outOffset + i] = Math.max(v, 0f) + ScalarMath.log1pUnit(ScalarMath.exp(-Math.abs(v)));
        }
    }

    @Override
    public void softplusBackward(int n, float[] x, int xOffset, float[] grad, int gOffset, float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = ScalarMath.sigmoid(x[xOffset + i]) * grad[gOffset + i];
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
    public void softmaxRows(int rows, int cols, float[] x, int xOffset, float[] out, int outOffset) {
        for (int r = 0; r < rows; r++) {
            int xr = xOffset + r * cols;
            int or = outOffset + r * cols;
            float max = max(cols, x, xr);
            float total = 0f;
            for (int j = 0; j < cols; j++) {
                float e = ScalarMath.exp(x[xr + j] - max);
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
