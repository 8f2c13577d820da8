package org.vecnn.matrix.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.vecnn.matrix.kernel.gemm.BlockSizes;
import org.vecnn.matrix.kernel.gemm.GemmDriver;
import org.vecnn.matrix.kernel.math.VectorMath;
import org.vecnn.matrix.parallel.Parallelism;

/**
 * Vector API kernels on {@link FloatVector#SPECIES_PREFERRED}. Each loop runs to the species' loop bound
 * and hands the tail to its {@link ScalarKernels} twin, so no mask enters a hot loop and every lane count
 * is handled. The transcendental kernels (the activations, the exponentials of softmax) instead run loops
 * of masked vectors, in chunks staged through a per-thread scratch array: the arguments of
 * {@link VectorMath}'s exponentials are written there, VectorMath computes them in place, and a last
 * loop combines them with the input (a scalar {@code exp} costs about as much as a whole vector of them,
 * and single-sample inference on narrow layers is nearly all tail). No vector crosses a call, so none is
 * boxed whatever C2 inlines. The functions are bitwise equal to the scalar twins' in every JIT tier. Loaded
 * reflectively by {@link KernelProvider}: this class and the GEMM package are the only code that touches
 * {@code jdk.incubator.vector}.
 */
public final class VectorKernels implements Kernels {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final ScalarKernels TAIL = ScalarKernels.INSTANCE;
    /** Values the transcendental kernels stage at a time through their thread's scratch. */
    private static final int CHUNK = 512;
    /** Each thread's staging area: {@link VectorMath}'s arguments and results, two chunks. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[2 * CHUNK]);

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
                              int ldb, float[] bias, int biasOffset, float[] c, int cOffset, int ldc) {
        GemmDriver.sgemmWithBias(BlockSizes.DEFAULT, GemmDriver.threadsFor(Parallelism.threads(), m, n, k), m, n, k,
                a, aOffset, lda, b, bOffset, ldb, bias, biasOffset, c, cOffset, ldc);
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
    public void relu(int n, float[] x, int xOffset, float[] out, int outOffset) {
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, xOffset + i).max(0f).intoArray(out, outOffset + i);
        }
        TAIL.relu(n - bound, x, xOffset + bound, out, outOffset + bound);
    }

    @Override
    public void reluBackward(int n, float[] activated, int aOffset, float[] grad, int gOffset,
                             float[] out, int outOffset) {
        int bound = SPECIES.loopBound(n);
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int i = 0; i < bound; i += LANES) {
            VectorMask<Float> active = FloatVector.fromArray(SPECIES, activated, aOffset + i)
                    .compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(SPECIES, grad, gOffset + i), active).intoArray(out, outOffset + i);
        }
        TAIL.reluBackward(n - bound, activated, aOffset + bound, grad, gOffset + bound, out, outOffset + bound);
    }

    /** As the scalar twin: e = exp(−|x|), then (x ≥ 0 ? 1 : e) / (1 + e); no exponential can overflow. */
    @Override
    public void sigmoid(int n, float[] x, int xOffset, float[] out, int outOffset) {
        VectorMath.activate(VectorMath.SIGMOID, n, 0f, x, xOffset, null, 0, out, outOffset);
    }

    @Override
    public void sigmoidBackward(int n, float[] activated, int aOffset, float[] grad, int gOffset,
                                float[] out, int outOffset) {
        int bound = SPECIES.loopBound(n);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        for (int i = 0; i < bound; i += LANES) {
            FloatVector a = FloatVector.fromArray(SPECIES, activated, aOffset + i);
            a.mul(one.sub(a)).mul(FloatVector.fromArray(SPECIES, grad, gOffset + i)).intoArray(out, outOffset + i);
        }
        TAIL.sigmoidBackward(n - bound, activated, aOffset + bound, grad, gOffset + bound, out, outOffset + bound);
    }

    @Override
    public void tanh(int n, float[] x, int xOffset, float[] out, int outOffset) {
        VectorMath.activate(VectorMath.TANH, n, 0f, x, xOffset, null, 0, out, outOffset);
    }

    @Override
    public void tanhBackward(int n, float[] activated, int aOffset, float[] grad, int gOffset,
                             float[] out, int outOffset) {
        int bound = SPECIES.loopBound(n);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        for (int i = 0; i < bound; i += LANES) {
            FloatVector a = FloatVector.fromArray(SPECIES, activated, aOffset + i);
            one.sub(a.mul(a)).mul(FloatVector.fromArray(SPECIES, grad, gOffset + i)).intoArray(out, outOffset + i);
        }
        TAIL.tanhBackward(n - bound, activated, aOffset + bound, grad, gOffset + bound, out, outOffset + bound);
    }

    @Override
    public void leakyRelu(int n, float alpha, float[] x, int xOffset, float[] out, int outOffset) {
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + i);
            v.mul(alpha).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(out, outOffset + i);
        }
        TAIL.leakyRelu(n - bound, alpha, x, xOffset + bound, out, outOffset + bound);
    }

    @Override
    public void leakyReluBackward(int n, float alpha, float[] x, int xOffset, float[] grad, int gOffset,
                                  float[] out, int outOffset) {
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < bound; i += LANES) {
            FloatVector g = FloatVector.fromArray(SPECIES, grad, gOffset + i);
            VectorMask<Float> positive = FloatVector.fromArray(SPECIES, x, xOffset + i).compare(VectorOperators.GT, 0f);
            g.mul(alpha).blend(g, positive).intoArray(out, outOffset + i);
        }
        TAIL.leakyReluBackward(n - bound, alpha, x, xOffset + bound, grad, gOffset + bound, out, outOffset + bound);
    }

    @Override
    public void elu(int n, float alpha, float[] x, int xOffset, float[] out, int outOffset) {
        VectorMath.activate(VectorMath.ELU, n, alpha, x, xOffset, null, 0, out, outOffset);
    }

    @Override
    public void eluBackward(int n, float alpha, float[] x, int xOffset, float[] grad, int gOffset,
                            float[] out, int outOffset) {
        VectorMath.activate(VectorMath.ELU_BACKWARD, n, alpha, x, xOffset, grad, gOffset, out, outOffset);
    }

    @Override
    public void gelu(int n, float[] x, int xOffset, float[] out, int outOffset) {
        float[] e = SCRATCH.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            normalTailExponentials(m, x, xOffset + c, e);
            for (int i = 0; i < m; i += LANES) {
                VectorMask<Float> lanes = SPECIES.indexInRange(i, m);
                FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + c + i, lanes);
                v.mul(0.5f).mul(twiceNormalCdf(v, FloatVector.fromArray(SPECIES, e, i, lanes)))
                        .intoArray(out, outOffset + c + i, lanes);
            }
        }
    }

    @Override
    public void geluBackward(int n, float[] x, int xOffset, float[] grad, int gOffset, float[] out, int outOffset) {
        float[] e = SCRATCH.get();
        for (int c = 0; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            normalTailExponentials(m, x, xOffset + c, e);
            for (int i = 0; i < m; i += LANES) {
                VectorMask<Float> lanes = SPECIES.indexInRange(i, m);
                FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + c + i, lanes);
                v.mul(-0.5f).mul(v).intoArray(e, CHUNK + i, lanes);
            }
            VectorMath.exp(m, e, CHUNK, e, CHUNK);
            for (int i = 0; i < m; i += LANES) {
                VectorMask<Float> lanes = SPECIES.indexInRange(i, m);
                FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + c + i, lanes);
                FloatVector density = FloatVector.fromArray(SPECIES, e, CHUNK + i, lanes).mul(Erfc.INV_SQRT_2PI);
                v.fma(density, twiceNormalCdf(v, FloatVector.fromArray(SPECIES, e, i, lanes)).mul(0.5f))
                        .mul(FloatVector.fromArray(SPECIES, grad, gOffset + c + i, lanes))
                        .intoArray(out, outOffset + c + i, lanes);
            }
        }
    }

    /** {@code 2·Φ(x) = erfc(−x/√2)}, operation for operation as {@link ScalarKernels#twiceNormalCdf}. */
        /** The reciprocal of erfc's argument, {@code t = 1/(1 + z/2)} with z = |x|/√2. */
    private static FloatVector erfcT(FloatVector x) {
        return FloatVector.broadcast(SPECIES, 1f).div(x.mul(-Erfc.INV_SQRT2).abs().fma(0.5f, 1f));
    }

    /**
     * {@code e[0..n)} = the exponentials inside {@link #twiceNormalCdf}, {@code exp(−z² + p(t))}, operation
     * for operation as {@link ScalarKernels#twiceNormalCdf}.
     */
    private static void normalTailExponentials(int n, float[] x, int xOffset, float[] e) {
        for (int i = 0; i < n; i += LANES) {
            VectorMask<Float> lanes = SPECIES.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + i, lanes);
            FloatVector z = v.mul(-Erfc.INV_SQRT2).abs();
            FloatVector t = erfcT(v);
            FloatVector p = FloatVector.broadcast(SPECIES, Erfc.C[Erfc.C.length - 1]);
            for (int c = Erfc.C.length - 2; c >= 0; c--) {
                p = p.fma(t, FloatVector.broadcast(SPECIES, Erfc.C[c]));
            }
            z.neg().fma(z, p).intoArray(e, i, lanes);
        }
        VectorMath.exp(n, e, 0, e, 0);
    }

    /** {@code 2·Φ(x) = erfc(−x/√2)} from its exponential {@code e} ({@link #normalTailExponentials}). */
    private static FloatVector twiceNormalCdf(FloatVector x, FloatVector e) {
        FloatVector r = erfcT(x).mul(e);
        return r.neg().add(2f).blend(r, x.mul(-Erfc.INV_SQRT2).compare(VectorOperators.GE, 0f));
    }

    @Override
    public void swish(int n, float[] x, int xOffset, float[] out, int outOffset) {
        VectorMath.activate(VectorMath.SWISH, n, 0f, x, xOffset, null, 0, out, outOffset);
    }

    @Override
    public void swishBackward(int n, float[] x, int xOffset, float[] grad, int gOffset, float[] out, int outOffset) {
        VectorMath.activate(VectorMath.SWISH_BACKWARD, n, 0f, x, xOffset, grad, gOffset, out, outOffset);
    }

    @Override
    public void softplus(int n, float[] x, int xOffset, float[] out, int outOffset) {
        VectorMath.activate(VectorMath.SOFTPLUS, n, 0f, x, xOffset, null, 0, out, outOffset);
    }

    @Override
    public void softplusBackward(int n, float[] x, int xOffset, float[] grad, int gOffset, float[] out, int outOffset) {
        VectorMath.activate(VectorMath.SIGMOID_TIMES, n, 0f, x, xOffset, grad, gOffset, out, outOffset);
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

    @Override
    public void softmaxRows(int rows, int cols, float[] x, int xOffset, float[] out, int outOffset) {
        int bound = SPECIES.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int xr = xOffset + r * cols;
            int or = outOffset + r * cols;
            float max = TAIL.max(cols, x, xr);
            VectorMath.activate(VectorMath.EXP, cols, max, x, xr, null, 0, out, or);
            float total = TAIL.sum(cols, out, or);
            for (int j = 0; j < bound; j += LANES) {
                FloatVector.fromArray(SPECIES, out, or + j).div(total).intoArray(out, or + j);
            }
            for (int j = bound; j < cols; j++) {
                out[or + j] /= total;
            }
        }
    }

    @Override
    public void softmaxRowsBackward(int rows, int cols, float[] activated, int aOffset, float[] grad, int gOffset,
                                    float[] out, int outOffset) {
        int bound = SPECIES.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int ar = aOffset + r * cols;
            int gr = gOffset + r * cols;
            int or = outOffset + r * cols;
            // One FMA chain in column order, as the scalar loop: the same bits for every lane count.
            float dot = 0f;
            for (int j = 0; j < cols; j++) {
                dot = Math.fma(activated[ar + j], grad[gr + j], dot);
            }
            for (int j = 0; j < bound; j += LANES) {
                FloatVector.fromArray(SPECIES, activated, ar + j)
                        .mul(FloatVector.fromArray(SPECIES, grad, gr + j).sub(dot)).intoArray(out, or + j);
            }
            for (int j = bound; j < cols; j++) {
                out[or + j] = activated[ar + j] * (grad[gr + j] - dot);
            }
        }
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
}
