package org.vecnn.matrix.kernel;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.vecnn.matrix.kernel.gemm.BlockSizes;
import org.vecnn.matrix.kernel.gemm.GemmDriver;

/**
 * The kernels of {@code -Dvecnn.kernels=auto} where the vector side can run: the scalar kernels first, then,
 * once the GEMM calls have added up to {@value #WARM_UP_AFTER_MULTIPLY_ADDS} multiply-adds or numbered
 * {@value #WARM_UP_AFTER_CALLS} (a fraction of a second of plain loops, or a few thousand single-sample
 * predictions), a background thread runs the vector kernels until C2 has compiled them, and calls
 * go to the vector kernels from then on. Before C2 compiles it, Vector API code runs interpreted or in C1,
 * many times slower than a plain loop, and compiling it competes with the caller's own code for the JIT: a
 * short run (a CLI command, a small fit) is done before that would pay off, and never starts it. The two
 * sides give the same bits for every kernel (the invariant in DESIGN.md), so the switch, whenever it
 * happens, changes no result. {@code -Dvecnn.kernels=vector} takes the vector side from the first call.
 */
final class WarmingKernels implements Kernels {

    /** GEMM multiply-adds on the scalar side after which the vector side is warmed up. */
    static final long WARM_UP_AFTER_MULTIPLY_ADDS = 1L << 27;
    /** GEMM calls on the scalar side after which the vector side is warmed up, however small they are. */
    static final int WARM_UP_AFTER_CALLS = 20_000;
    /** Rounds of every kernel the warm-up thread runs: past C2's invocation and loop thresholds. */
    static final int WARM_UP_ROUNDS = 12_000;

    private final Kernels vector;
    private final Kernels scalar;
    private final long warmUpAfter;
    private final AtomicBoolean warmUpStarted = new AtomicBoolean();
    private final CountDownLatch warm = new CountDownLatch(1);
    private volatile Kernels current;
    /** GEMM multiply-adds and calls so far on the scalar side; racy increments may lose a few, harmlessly. */
    private long scalarMultiplyAdds;
    private int scalarCalls;

    /**
     * Starts on {@code scalar}; warms {@code vector} up once {@code warmUpAfter} multiply-adds or
     * {@link #WARM_UP_AFTER_CALLS} GEMM calls have run.
     */
    WarmingKernels(Kernels vector, Kernels scalar, long warmUpAfter) {
        this.vector = vector;
        this.scalar = scalar;
        this.warmUpAfter = warmUpAfter;
        this.current = scalar;
    }

    private void countScalarWork(int m, int n, int k) {
        scalarMultiplyAdds += (long) m * n * k;
        scalarCalls++;
        if ((scalarMultiplyAdds >= warmUpAfter || scalarCalls >= WARM_UP_AFTER_CALLS)
                && warmUpStarted.compareAndSet(false, true)) {
            try {
                Thread thread = new Thread(this::warmUp, "vecnn-kernel-warm-up");
                thread.setDaemon(true);
                thread.start();
            } catch (OutOfMemoryError | SecurityException e) {
                // no thread to spare: the plain loops go on, with the same results
            }
        }
    }

    /** Waits until the warm-up has ended; true if calls then go to the vector kernels. */
    boolean awaitVector(long timeout, TimeUnit unit) throws InterruptedException {
        return warm.await(timeout, unit) && current == vector;
    }

    /** The side calls go to now. */
    Kernels current() {
        return current;
    }

    /** Compiles the vector kernels by running them, then hands the calls to them; on any failure, it does not. */
    private void warmUp() {
        try {
            exercise(vector, WARM_UP_ROUNDS);
            current = vector;
        } finally {
            warm.countDown();
        }
    }

    /**
     * Runs every kernel {@code rounds} times on small operands, through each GEMM path (packed, small,
     * transposed, GEMV) and both whole-vector loops and tails.
     */
    static void exercise(Kernels kernels, int rounds) {
        int n = 67;
        float[] x = new float[64 * 96];
        float[] y = new float[64 * 96];
        float[] out = new float[64 * 96];
        float[] row = new float[96];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 13 - 6) * 0.125f;
            y[i] = (i % 7 - 3) * 0.25f;
        }
        for (int round = 0; round < rounds; round++) {
            kernels.sgemm(false, false, 64, 64, 96, 1f, x, 0, 96, y, 0, 64, 0f, out, 0, 64);
            if (round % 8 == 0) {
                kernels.sgemm(false, true, 40, 32, 48, 1f, x, 0, 48, y, 0, 48, 1f, out, 0, 32);
                kernels.sgemm(true, false, 32, 40, 48, 1f, x, 0, 32, y, 0, 40, 0f, out, 0, 40);
            }
            kernels.sgemm(false, false, 1, 25, 15, 1f, x, 0, 15, y, 0, 25, 1f, out, 0, 25);
            kernels.sgemm(false, false, 16, 10, 32, 1f, x, 0, 32, y, 0, 10, 1f, out, 0, 10);
            kernels.sgemmWithBias(32, 64, 96, x, 0, 96, y, 0, 64, null, 0, row, 0, out, 0, 64, round % 2 == 0);
            kernels.addRowToRows(2, n, row, 0, out, 0);
            kernels.multiply(n, x, 0, y, 0, out, 0);
            kernels.scale(n, 0.5f, out, 0);
            kernels.axpy(n, 0.5f, x, 0, out, 0);
            row[0] = kernels.sum(n, x, 0) + kernels.max(n, x, 0);
            for (ActivationKernels activation : ActivationKernels.made()) {
                ActivationKernel side = kernels.activation(activation);
                side.forward(1, n, 0.5f, x, 0, out, 0);
                side.backward(1, n, 0.5f, x, 0, out, 0, y, 0, out, 0);
                side.forward(4, 10, 0.5f, x, 0, out, 0);
                side.backward(4, 10, 0.5f, x, 0, out, 0, y, 0, out, 0);
            }
            kernels.scaleShiftRows(2, n, y, 0, x, 0, x, 0, out, 0);
            row[1] = kernels.firstNonFinite(n, x, 0);
            kernels.columnSums(4, n, x, 0, row, 0);
        }
    }

    @Override
    public String name() {
        return vector.name();
    }

    @Override
    public int lanes() {
        return vector.lanes();
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset, int lda,
                      float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        Kernels side = current;
        if (side == scalar) {
            countScalarWork(m, n, k);
        }
        side.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
                      int lda, float[] b, int bOffset, int ldb, float[] packedB, int packedOffset, float beta,
                      float[] c, int cOffset, int ldc) {
        Kernels side = current;
        if (side == scalar) {
            countScalarWork(m, n, k);
        }
        side.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, packedB, packedOffset, beta, c,
                cOffset, ldc);
    }

    @Override
    public void sgemmWithBias(int m, int n, int k, float[] a, int aOffset, int lda, float[] b, int bOffset,
                              int ldb, float[] packedB, int packedOffset, float[] bias, int biasOffset, float[] c,
                              int cOffset, int ldc, boolean relu) {
        Kernels side = current;
        if (side == scalar) {
            countScalarWork(m, n, k);
        }
        side.sgemmWithBias(m, n, k, a, aOffset, lda, b, bOffset, ldb, packedB, packedOffset, bias, biasOffset, c,
                cOffset, ldc, relu);
    }

    /** The vector side's size, whichever side runs now: the packed copy must be there when it takes over. */
    @Override
    public int packedWeightsSize(int k, int n) {
        return vector.packedWeightsSize(k, n);
    }

    /** The vector side's layout, copied by plain loops until that side is warm. */
    @Override
    public void packWeights(boolean transB, int k, int n, float[] b, int bOffset, int ldb, float[] packed,
                            int packedOffset) {
        if (current == scalar) {
            GemmDriver.packWeights(BlockSizes.DEFAULT, transB, k, n, b, bOffset, ldb, packed, packedOffset, true);
        } else {
            vector.packWeights(transB, k, n, b, bOffset, ldb, packed, packedOffset);
        }
    }

    @Override
    public void addRowToRows(int rows, int cols, float[] row, int rowOffset, float[] x, int xOffset) {
        current.addRowToRows(rows, cols, row, rowOffset, x, xOffset);
    }

    @Override
    public void multiply(int n, float[] x, int xOffset, float[] y, int yOffset, float[] out, int outOffset) {
        current.multiply(n, x, xOffset, y, yOffset, out, outOffset);
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xOffset) {
        current.scale(n, alpha, x, xOffset);
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOffset, float[] y, int yOffset) {
        current.axpy(n, alpha, x, xOffset, y, yOffset);
    }

    @Override
    public float sum(int n, float[] x, int offset) {
        return current.sum(n, x, offset);
    }

    @Override
    public float max(int n, float[] x, int offset) {
        return current.max(n, x, offset);
    }

    @Override
    public void columnSums(int rows, int cols, float[] x, int xOffset, float[] out, int outOffset) {
        current.columnSums(rows, cols, x, xOffset, out, outOffset);
    }

    @Override
    public void scaleShiftRows(int rows, int cols, float[] scale, int scaleOffset, float[] shift, int shiftOffset,
                               float[] x, int xOffset, float[] out, int outOffset) {
        current.scaleShiftRows(rows, cols, scale, scaleOffset, shift, shiftOffset, x, xOffset, out, outOffset);
    }

    @Override
    public int firstNonFinite(int n, float[] x, int offset) {
        return current.firstNonFinite(n, x, offset);
    }

    @Override
    public ActivationKernel activation(ActivationKernels kernels) {
        return current.activation(kernels);
    }
}
