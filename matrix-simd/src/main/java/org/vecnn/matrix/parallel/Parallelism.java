package org.vecnn.matrix.parallel;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Kernel parallelism: {@code -Dvecnn.threads=N} (default: the available processors), or {@link #setThreads}
 * at run time, threads share a kernel's work, the caller's thread included; 1 runs everything on the
 * caller's thread. Work is split into parts whose results never depend on which thread runs them (GEMM
 * splits m or n, never k), so results are the same for every thread count.
 *
 * <p>The workers are N − 1 daemon threads. The caller runs part 0 and worker w part w first, so that a
 * part number lands on the same thread call after call, its data still in that core's cache; then all
 * claim the remaining parts one at a time from a shared counter (nothing queued, nothing allocated per
 * call), so a worker that wakes late, or a core that another process is using, only leaves more parts to
 * the others. A worker that has not started when the caller runs out of parts is called off, and the
 * caller runs its first part itself. Workers spin briefly after a call before they park, to catch the next
 * one without a wake-up. One caller uses the workers at a time; a concurrent or nested caller runs its
 * parts itself, in order, with the same results.
 */
public final class Parallelism {

    /** How long a worker waits for the next call before parking: a training step's serial gaps are shorter. */
    private static final long WORKER_SPIN_NANOS = 100_000;
    /** onSpinWait rounds the caller waits for running workers before parking. */
    private static final int CALLER_SPINS = 1_000;

    private static final AtomicBoolean IN_USE = new AtomicBoolean();
    private static volatile int threads = configuredThreads(System.getProperty("vecnn.threads"));
    /** The workers started so far: one fewer than the most threads asked for yet. */
    private static volatile Worker[] workers = new Worker[0];

    private Parallelism() {
    }

    /** The number of kernel threads, at least 1. */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the number of kernel threads from the next kernel call on (as {@code torch.set_num_threads}): fewer
     * leave cores to the rest of a service, more start workers. Results do not depend on it.
     *
     * @throws IllegalArgumentException if {@code count} is below 1
     */
    public static void setThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("the number of kernel threads must be at least 1, got " + count);
        }
        threads = count;
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
     * Runs {@code part.accept(0 .. parts-1)}, each part once, and returns when all are done: on the caller's
     * thread and up to {@code threads() − 1} workers when they are free, else all on the caller's thread, in
     * order. After a failure no new part starts; the first failure is rethrown to the caller.
     */
    public static void run(int parts, IntConsumer part) {
        int helpers = Math.min(parts, threads) - 1;
        if (helpers <= 0 || !IN_USE.compareAndSet(false, true)) {
            for (int t = 0; t < parts; t++) {
                part.accept(t);
            }
            return;
        }
        try {
            Worker[] pool = workers(helpers);
            Batch batch = Batch.INSTANCE.reset(part, parts, helpers, Thread.currentThread());
            for (int w = 0; w < helpers; w++) {
                pool[w].assign(batch);
            }
            batch.work(0);
            for (int w = 0; w < helpers; w++) {
                if (pool[w].revoke()) {
                    batch.done();
                    batch.runPart(w + 1);
                }
            }
            batch.await();
            batch.rethrow();
        } finally {
            IN_USE.set(false);
        }
    }

    /** The current call: its parts, the next unclaimed one, the workers still running, the first failure. */
    private static final class Batch {
        /** One batch at a time: {@link #IN_USE} guards it. */
        static final Batch INSTANCE = new Batch();

        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger running = new AtomicInteger();
        private volatile IntConsumer task;
        private volatile int parts;
        private volatile Throwable failure;
        private volatile Thread caller;

        Batch reset(IntConsumer task, int parts, int helpers, Thread caller) {
            this.failure = null;
            this.caller = caller;
            this.task = task;
            this.parts = parts;
            running.set(helpers);
            next.set(helpers + 1);
            return this;
        }

        /** Runs part {@code own}, then claims and runs parts until none is left. */
        void work(int own) {
            runPart(own);
            int count = parts;
            for (int p = next.getAndIncrement(); p < count; p = next.getAndIncrement()) {
                runPart(p);
            }
        }

        /** Runs one part, unless an earlier one failed; a failure stops the claiming. */
        void runPart(int p) {
            if (failure != null) {
                return;
            }
            try {
                task.accept(p);
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                }
                next.set(parts);
            }
        }

        /** One worker has finished, or was called off before it started. */
        void done() {
            if (running.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }

        void await() {
            for (int spins = 0; running.get() > 0; spins++) {
                if (spins < CALLER_SPINS) {
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
            task = null;
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    /** At least {@code count} workers, starting the missing ones (only the caller holding IN_USE gets here). */
    private static Worker[] workers(int count) {
        Worker[] pool = workers;
        if (pool.length >= count) {
            return pool;
        }
        Worker[] grown = Arrays.copyOf(pool, count);
        for (int w = pool.length; w < count; w++) {
            grown[w] = new Worker(w + 1);
            Thread thread = new Thread(grown[w], "vecnn-kernel-worker-" + (w + 1));
            thread.setDaemon(true);
            grown[w].thread = thread;
            thread.start();
        }
        workers = grown;
        return grown;
    }

    /** A worker thread: idle, assigned a batch it has not started, or running it. */
    private static final class Worker implements Runnable {
        private static final int IDLE = 0;
        private static final int ASSIGNED = 1;
        private static final int RUNNING = 2;

        private final AtomicInteger state = new AtomicInteger(IDLE);
        /** The part this worker runs first: its number among the workers, from 1. */
        private final int firstPart;
        private volatile Thread thread;
        private Batch batch;

        Worker(int firstPart) {
            this.firstPart = firstPart;
        }

        void assign(Batch work) {
            batch = work;
            state.set(ASSIGNED);
            LockSupport.unpark(thread);
        }

        /** Calls off an assignment the worker has not started; true if it had not. */
        boolean revoke() {
            return state.compareAndSet(ASSIGNED, IDLE);
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (true) {
                if (state.get() == ASSIGNED && state.compareAndSet(ASSIGNED, RUNNING)) {
                    Batch current = batch;
                    current.work(firstPart);
                    state.set(IDLE);
                    current.done();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < WORKER_SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
        }
    }
}
