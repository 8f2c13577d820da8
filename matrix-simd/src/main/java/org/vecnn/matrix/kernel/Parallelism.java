package org.vecnn.matrix.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Kernel parallelism: {@code -Dvecnn.threads=N} (default: the available processors) threads split a
 * kernel's work, the caller's thread included; 1 runs everything on the caller's thread. Work is split
 * into parts whose results never depend on which thread runs them (GEMM splits m or n, never k).
 *
 * <p>The workers are N − 1 daemon threads, handed parts directly (no queue, nothing allocated per call).
 * One caller uses them at a time; a concurrent caller, or one asking for more parts than there are
 * threads, runs its parts itself, in order, with the same results.
 */
public final class Parallelism {

    private static final int THREADS = configuredThreads(System.getProperty("vecnn.threads"));
    private static final AtomicBoolean IN_USE = new AtomicBoolean();

    /** The workers, started on first use. */
    private static final class Pool {
        static final Worker[] WORKERS = startWorkers(THREADS - 1);
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
     * Runs {@code part.accept(0 .. parts-1)} and returns when all are done: part 0 on the caller's thread,
     * the others on the workers when they are free, else all on the caller's thread. The first failure is
     * rethrown to the caller.
     */
    public static void run(int parts, IntConsumer part) {
        if (parts <= 1 || parts > THREADS || !IN_USE.compareAndSet(false, true)) {
            for (int t = 0; t < parts; t++) {
                part.accept(t);
            }
            return;
        }
        try {
            Worker[] workers = Pool.WORKERS;
            Batch batch = Batch.INSTANCE.reset(parts - 1, Thread.currentThread());
            for (int t = 1; t < parts; t++) {
                workers[t - 1].assign(part, t, batch);
            }
            try {
                part.accept(0);
            } catch (RuntimeException | Error e) {
                batch.fail(e);
            }
            batch.await();
            batch.rethrow();
        } finally {
            IN_USE.set(false);
        }
    }

    /** The parts of the current call: how many are still running, and the first failure. */
    private static final class Batch {
        /** One batch at a time: {@link #IN_USE} guards it. */
        static final Batch INSTANCE = new Batch();

        private final AtomicInteger pending = new AtomicInteger();
        private volatile Throwable failure;
        private volatile Thread caller;

        Batch reset(int parts, Thread caller) {
            this.failure = null;
            this.caller = caller;
            pending.set(parts);
            return this;
        }

        void fail(Throwable e) {
            if (failure == null) {
                failure = e;
            }
        }

        void done() {
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }

        void await() {
            for (int spins = 0; pending.get() > 0; spins++) {
                if (spins < 1_000) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
        }

        void rethrow() {
            Throwable e = failure;
            failure = null;
            caller = null;
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    private static Worker[] startWorkers(int count) {
        Worker[] workers = new Worker[count];
        for (int w = 0; w < count; w++) {
            workers[w] = new Worker();
            Thread thread = new Thread(workers[w], "vecnn-kernel-worker-" + (w + 1));
            thread.setDaemon(true);
            workers[w].thread = thread;
            thread.start();
        }
        return workers;
    }

    /** A worker thread that runs one assigned part at a time and parks in between. */
    private static final class Worker implements Runnable {
        private volatile Thread thread;
        private volatile IntConsumer task;
        private int part;
        private Batch batch;

        void assign(IntConsumer task, int part, Batch batch) {
            this.part = part;
            this.batch = batch;
            this.task = task;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            while (true) {
                IntConsumer current = task;
                if (current == null) {
                    LockSupport.park(this);
                    continue;
                }
                try {
                    current.accept(part);
                } catch (RuntimeException | Error e) {
                    batch.fail(e);
                } finally {
                    task = null;
                    batch.done();
                }
            }
        }
    }
}
