package org.vecnn.matrix.kernel;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Kernel parallelism: {@code -Dvecnn.threads=N} (default: the available processors) threads split a
 * kernel's work, the caller's thread included; 1 runs everything on the caller's thread. Work is split
 * into parts whose results never depend on how many threads there are (GEMM splits m or n, never k).
 */
public final class Parallelism {

    private static final int THREADS = configuredThreads(System.getProperty("vecnn.threads"));

    private static final class Pool {
        static final ExecutorService WORKERS = Executors.newFixedThreadPool(Math.max(1, THREADS - 1), task -> {
            Thread thread = new Thread(task, "vecnn-kernel-worker");
            thread.setDaemon(true);
            return thread;
        });
    }

    private Parallelism() {
    }

    /** The configured number of kernel threads, at least 1. */
    public static int threads() {
        return THREADS;
    }

    static int configuredThreads(String property) {
        if (property == null || property.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int threads = Integer.parseInt(property.strip());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("vecnn.threads must be a whole number >= 1, was '" + property + "'");
    }

    /**
     * Runs {@code part.accept(0 .. parts-1)}, part 0 on the caller's thread and the others on the shared
     * workers (at least one), and returns when all are done. Callers size {@code parts} from
     * {@link #threads()}; more parts than threads queue and still complete.
     */
    public static void run(int parts, IntConsumer part) {
        if (parts == 1) {
            part.accept(0);
            return;
        }
        Future<?>[] others = new Future<?>[parts - 1];
        for (int t = 1; t < parts; t++) {
            int index = t;
            others[t - 1] = Pool.WORKERS.submit(() -> part.accept(index));
        }
        RuntimeException failure = null;
        try {
            part.accept(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> other : others) {
            try {
                other.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new IllegalStateException("interrupted while waiting for kernel workers", e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
