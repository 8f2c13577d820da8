package org.vecnn.matrix.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.vecnn.matrix.kernel.gemm.BlockSizes;
import org.vecnn.matrix.kernel.gemm.GemmDriver;
import org.vecnn.matrix.parallel.Parallelism;

/**
 * Vector API kernels on {@link FloatVector#SPECIES_PREFERRED}. Each loop runs to the species' loop bound
 * and hands the tail to its {@link ScalarKernels} twin, so no mask enters a hot loop and every lane count
 * is handled; the activations' vector loops live in their own files ({@link ActivationKernels}). Loaded
 * reflectively by {@link KernelProvider}: the vector code (this class, the GEMM package, the activations'
 * vector sides and {@code kernel.math.VectorMath}) is loaded only where the incubator module is.
 */
public final class VectorKernels implements Kernels {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final ScalarKernels TAIL = ScalarKernels.INSTANCE;

    /** Creates the kernels; fails with a {@link LinkageError} where the incubator module is absent. */
    public VectorKernels() {
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int lanes() {
        return LANES;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                      float beta, float[] c, int cOffset, int ldc) {
        GemmDriver.sgemm(BlockSizes.DEFAULT, GemmDriver.threadsFor(Parallelism.threads(), m, n, k),
                transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    @Override
    public void sgemmWithBias(int m, int n, int k, float[] a, int aOffset, int lda, float[] b, int bOffset,
                              int ldb, float[] packedB, int packedOffset, float[] bias, int biasOffset, float[] c,
                              int cOffset, int ldc, boolean relu) {
        GemmDriver.sgemmWithBias(BlockSizes.DEFAULT, GemmDriver.threadsFor(Parallelism.threads(), m, n, k), m, n, k,
                a, aOffset, lda, b, bOffset, ldb, packedB, packedOffset, bias, biasOffset, c, cOffset, ldc, relu);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
                      int lda, float[] b, int bOffset, int ldb, float[] packedB, int packedOffset, float beta,
                      float[] c, int cOffset, int ldc) {
        GemmDriver.sgemm(BlockSizes.DEFAULT, GemmDriver.threadsFor(Parallelism.threads(), m, n, k), transA, transB,
                m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, packedB, packedOffset, beta, c, cOffset, ldc);
    }

    @Override
    public int packedWeightsSize(int k, int n) {
        return GemmDriver.packedSize(k, n);
    }

    @Override
    public void packWeights(boolean transB, int k, int n, float[] b, int bOffset, int ldb, float[] packed,
                            int packedOffset) {
        GemmDriver.packWeights(BlockSizes.DEFAULT, transB, k, n, b, bOffset, ldb, packed, packedOffset, false);
    }

    @Override
    public void addRowToRows(int rows, int cols, float[] row, int rowOffset, float[] x, int xOffset) {
        int bound = SPECIES.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int xr = xOffset + r * cols;
            for (int j = 0; j < bound; j += LANES) {
                FloatVector.fromArray(SPECIES, x, xr + j).add(FloatVector.fromArray(SPECIES, row, rowOffset + j))
                        .intoArray(x, xr + j);
            }
            if (bound < cols) {
                // One masked vector rather than a scalar loop: the bias add of a narrow layer is all tail.
                VectorMask<Float> tail = SPECIES.indexInRange(bound, cols);
                FloatVector.fromArray(SPECIES, x, xr + bound, tail)
                        .add(FloatVector.fromArray(SPECIES, row, rowOffset + bound, tail)).intoArray(x, xr + bound,
                                tail);
            }
        }
    }

    @Override
    public void multiply(int n, float[] x, int xOffset, float[] y, int yOffset, float[] out, int outOffset) {
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, xOffset + i).mul(FloatVector.fromArray(SPECIES, y, yOffset + i))
                    .intoArray(out, outOffset + i);
        }
        TAIL.multiply(n - bound, x, xOffset + bound, y, yOffset + bound, out, outOffset + bound);
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xOffset) {
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, xOffset + i).mul(alpha).intoArray(x, xOffset + i);
        }
        TAIL.scale(n - bound, alpha, x, xOffset + bound);
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOffset, float[] y, int yOffset) {
        int bound = SPECIES.loopBound(n);
        FloatVector alphas = FloatVector.broadcast(SPECIES, alpha);
        for (int i = 0; i < bound; i += LANES) {
            alphas.fma(FloatVector.fromArray(SPECIES, x, xOffset + i), FloatVector.fromArray(SPECIES, y, yOffset + i))
                    .intoArray(y, yOffset + i);
        }
        TAIL.axpy(n - bound, alpha, x, xOffset + bound, y, yOffset + bound);
    }

    @Override
    public void scaleShiftRows(int rows, int cols, float[] scale, int scaleOffset, float[] shift, int shiftOffset,
                               float[] x, int xOffset, float[] out, int outOffset) {
        int bound = SPECIES.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int xr = xOffset + r * cols;
            int or = outOffset + r * cols;
            for (int j = 0; j < bound; j += LANES) {
                FloatVector.fromArray(SPECIES, x, xr + j).fma(FloatVector.fromArray(SPECIES, scale, scaleOffset + j),
                        FloatVector.fromArray(SPECIES, shift, shiftOffset + j)).intoArray(out, or + j);
            }
            TAIL.scaleShiftRows(1, cols - bound, scale, scaleOffset + bound, shift, shiftOffset + bound,
                    x, xr + bound, out, or + bound);
        }
    }

    @Override
    public int firstNonFinite(int n, float[] x, int offset) {
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < bound; i += LANES) {
            VectorMask<Float> bad = FloatVector.fromArray(SPECIES, x, offset + i).test(VectorOperators.IS_FINITE).not();
            if (bad.anyTrue()) {
                return i + bad.firstTrue();
            }
        }
        int tail = TAIL.firstNonFinite(n - bound, x, offset + bound);
        return tail < 0 ? -1 : bound + tail;
    }

    /** Lane-wise max is exact, so any order gives the same answer as the scalar loop. */
    @Override
    public float max(int n, float[] x, int offset) {
        int bound = SPECIES.loopBound(n);
        if (bound == 0) {
            return TAIL.max(n, x, offset);
        }
        FloatVector maxes = FloatVector.fromArray(SPECIES, x, offset);
        for (int i = LANES; i < bound; i += LANES) {
            maxes = maxes.max(FloatVector.fromArray(SPECIES, x, offset + i));
        }
        float max = maxes.reduceLanes(VectorOperators.MAX);
        for (int i = bound; i < n; i++) {
            max = Math.max(max, x[offset + i]);
        }
        return max;
    }

    /**
     * The scalar loop's sum, in index order: partial sums per lane would make the bits depend on the lane
     * count, which the bit-identity invariant rules out for every reduction.
     */
    @Override
    public float sum(int n, float[] x, int offset) {
        return TAIL.sum(n, x, offset);
    }

    @Override
    public ActivationKernel activation(ActivationKernels kernels) {
        return kernels.vector();
    }
}
