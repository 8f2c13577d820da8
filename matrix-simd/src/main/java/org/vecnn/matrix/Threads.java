package org.vecnn.matrix;

import org.vecnn.matrix.parallel.Parallelism;

/**
 * How many threads vecnn's kernels may use: a large GEMM and a training step share their work among this
 * many, the caller's thread included. Starts from {@code -Dvecnn.threads} (default: the available
 * processors); results are the same bits for any count.
 */
public final class Threads {

    private Threads() {
    }

    /** The thread count. */
    public static int count() {
        return Parallelism.threads();
    }

    /**
     * Sets the thread count from now on; 1 keeps everything on the caller's thread.
     *
     * @throws IllegalArgumentException if count is below 1
     */
    public static void set(int count) {
        Parallelism.setThreads(count);
    }
}
