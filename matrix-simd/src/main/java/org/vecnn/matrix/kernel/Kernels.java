package org.vecnn.matrix.kernel;

import java.util.Arrays;

/**
 * The numeric kernels vecnn runs on, over {@code float[]} arrays with offsets.
 *
 * <p>Two implementations stand behind this interface: {@link ScalarKernels}, plain loops that serve as the
 * reference and the fallback, and {@code VectorKernels}, the Vector API versions. {@link KernelProvider}
 * picks one per JVM; the tests check each vector kernel against its scalar twin. The activations' kernels
 * are not methods here: each activation's pair lives in its own file, and {@link #activation} picks this
 * side of it.
 *
 * <p>Arguments are not validated here: callers check shapes, offsets and lengths first (as
 * {@link org.vecnn.matrix.Gemm} does). Matrices are row-major and contiguous unless a leading dimension is
 * passed. Unless stated otherwise an output may alias its input exactly (same array and offset).
 */
public interface Kernels {

    /** A short name of the implementation: {@code "vector"} or {@code "scalar"}. */
    String name();

    /** Float lanes processed per instruction: 1 for the scalar kernels. */
    int lanes();

    /**
     * {@code C = alpha·op(A)·op(B) + beta·C} for row-major operands, as {@code cblas_sgemm(CblasRowMajor, …)}.
     * Requires {@code m, n, k > 0} and {@code alpha != 0} (the entry point handles the degenerate cases);
     * when {@code beta == 0}, C is not read.
     */
    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
               float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
               float beta, float[] c, int cOffset, int ldc);

    /**
     * {@code C = A·B + bias}, then with {@code relu} {@code C = max(C, 0)}: a dense layer's output from
     * row-major A (m x k, {@code lda}), B (k x n, {@code ldb}) and C (m x n, {@code ldc}), every row of C
     * starting from the bias row, so that each element is one FMA chain over k from its bias; requires
     * {@code m, n, k > 0}. The same bits as writing the bias into every row, calling {@link #sgemm} with β = 1
     * and then ReLU's kernel, which is what this default does; the vector side starts the GEMM's accumulators
     * from the bias and takes the maximum as it stores them, one pass over C. {@code packedB}, B as
     * {@link #packWeights} laid it out from {@code packedOffset} (or null), is what the vector side reads
     * instead of packing B per call; this default ignores it.
     */
    default void sgemmWithBias(int m, int n, int k, float[] a, int aOffset, int lda, float[] b, int bOffset,
                               int ldb, float[] packedB, int packedOffset, float[] bias, int biasOffset, float[] c,
                               int cOffset, int ldc, boolean relu) {
        for (int r = 0; r < m; r++) {
            System.arraycopy(bias, biasOffset, c, cOffset + r * ldc, n);
        }
        sgemm(false, false, m, n, k, 1f, a, aOffset, lda, b, bOffset, ldb, 1f, c, cOffset, ldc);
        for (int r = 0; relu && r < m; r++) {
            for (int j = cOffset + r * ldc; j < cOffset + r * ldc + n; j++) {
                c[j] = Math.max(c[j], 0f);
            }
        }
    }

    /**
     * {@link #sgemm} with op(B) also given as {@link #packWeights} laid it out from {@code packedOffset} (or
     * {@code packedB} null), which the vector side reads instead of packing op(B) per call; this default
     * ignores it. The same bits either way.
     */
    default void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
                       int lda, float[] b, int bOffset, int ldb, float[] packedB, int packedOffset, float beta,
                       float[] c, int cOffset, int ldc) {
        sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    /**
     * The floats {@link #packWeights} needs for a k x n op(B): 0 where no side of these kernels packs B (the
     * plain loops read it as it is).
     */
    default int packedWeightsSize(int k, int n) {
        return 0;
    }

    /**
     * Copies an op(B) that many calls multiply (a layer's weights, or their transpose: k x n, B row-major,
     * {@code ldb} apart from {@code bOffset}) into {@code packed} from {@code packedOffset},
     * {@link #packedWeightsSize} floats, in the layout the vector GEMM streams, for the {@code packedB} of
     * {@link #sgemm} and {@link #sgemmWithBias}: packed once, not per call. Nothing to do here.
     */
    default void packWeights(boolean transB, int k, int n, float[] b, int bOffset, int ldb, float[] packed,
                             int packedOffset) {
    }

    /** Adds {@code row[0..cols)} to each of the {@code rows} rows of the {@code rows x cols} matrix x. */
    void addRowToRows(int rows, int cols, float[] row, int rowOffset, float[] x, int xOffset);

    /** {@code out[i] = x[i] * y[i]} for {@code n} elements. */
    void multiply(int n, float[] x, int xOffset, float[] y, int yOffset, float[] out, int outOffset);

    /** {@code x[i] *= alpha} for {@code n} elements. */
    void scale(int n, float alpha, float[] x, int xOffset);

    /** {@code y[i] = fma(alpha, x[i], y[i])} for {@code n} elements. */
    void axpy(int n, float alpha, float[] x, int xOffset, float[] y, int yOffset);

    /** The sum of {@code n} elements, in an order of the implementation's choosing. */
    float sum(int n, float[] x, int offset);

    /** The largest of {@code n > 0} elements, NaN if any is NaN. */
    float max(int n, float[] x, int offset);

    /** {@code out[j] = Σ_i x[i][j]}, summed from the first row down (the bias gradient); out must not alias x. */
    default void columnSums(int rows, int cols, float[] x, int xOffset, float[] out, int outOffset) {
        Arrays.fill(out, outOffset, outOffset + cols, 0f);
        for (int r = 0; r < rows; r++) {
            addRowToRows(1, cols, x, xOffset + r * cols, out, outOffset);
        }
    }

    /**
     * {@code out[i][j] = fma(x[i][j], scale[j], shift[j])} over a {@code rows x cols} matrix: a per-column
     * affine map (feature normalisation).
     */
    void scaleShiftRows(int rows, int cols, float[] scale, int scaleOffset, float[] shift, int shiftOffset,
                        float[] x, int xOffset, float[] out, int outOffset);

    /** The index (from 0) of the first NaN or infinite element among {@code n}, or −1 if all are finite. */
    int firstNonFinite(int n, float[] x, int offset);

    /** This side of an activation's kernels: the plain loop or its vector twin, which give the same bits. */
    ActivationKernel activation(ActivationKernels kernels);
}
