package org.vecnn.matrix.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The kernel thread pool: every part runs once, on several threads when asked, whatever the callers do. */
class ParallelismTest {

    private final int configured = Parallelism.threads();

    @AfterEach
    void restoreThreads() {
        Parallelism.setThreads(configured);
    }

    @Test
    void threadCountsAreValidated() {
        assertEquals(3, Parallelism.configuredThreads("3"));
        assertEquals(Runtime.getRuntime().availableProcessors(), Parallelism.configuredThreads(null));
        for (String bad : new String[] {"0", "-2", "two"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Parallelism.configuredThreads(bad));
            assertTrue(e.getMessage().contains("vecnn.threads"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallelism.setThreads(0));
        assertTrue(e.getMessage().contains("at least 1, got 0"), e.getMessage());
        Parallelism.setThreads(3);
        assertEquals(3, Parallelism.threads());
    }

    @Test
    void everyPartRunsOnceForAnyThreadAndPartCount() {
        for (int threads = 1; threads <= 4; threads++) {
            Parallelism.setThreads(threads);
            for (int parts : new int[] {0, 1, 2, 3, 5, 17, 64}) {
                AtomicIntegerArray runs = new AtomicIntegerArray(parts);
                Parallelism.run(parts, runs::incrementAndGet);
                for (int p = 0; p < parts; p++) {
                    assertEquals(1, runs.get(p), "part " + p + " of " + parts + " with " + threads + " threads");
                }
            }
        }
    }

    @Test
    void partsRunConcurrentlyWhenThereAreThreads() throws InterruptedException {
        Parallelism.setThreads(2);
        CountDownLatch bothStarted = new CountDownLatch(2);
        Set<String> threadNames = ConcurrentHashMap.newKeySet();
        Parallelism.run(2, part -> {
            threadNames.add(Thread.currentThread().getName());
            bothStarted.countDown();
            try {
                // Part 0 cannot finish before part 1 has started: only a second thread can start it.
                assertTrue(bothStarted.await(30, TimeUnit.SECONDS), "the second part never started");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(2, threadNames.size(), threadNames.toString());
    }

    /**
     * After a part fails, no thread starts a new part: only the parts already running when the failure is
     * recorded finish. To make that independent of scheduling, every part that starts while part 10 runs
     * waits until part 10's thread has parked, which it does only after the failure is recorded and it has
     * run out of parts; so at most one part per other thread starts after part 10, and none once they go on.
     */
    @Test
    void aFailureStopsNewPartsAndReachesTheCaller() {
        for (int threads = 1; threads <= 3; threads++) {
            Parallelism.setThreads(threads);
            AtomicReference<Thread> failing = new AtomicReference<>();
            AtomicInteger startedAfterFailure = new AtomicInteger();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallelism.run(1000, part -> {
                if (part == 10) {
                    failing.set(Thread.currentThread());
                    throw new IllegalStateException("part 10 failed");
                }
                Thread failed = failing.get();
                if (failed != null) {
                    startedAfterFailure.incrementAndGet();
                    if (failed != Thread.currentThread()) {
                        awaitParked(failed);
                    }
                }
            }));
            assertEquals("part 10 failed", e.getMessage());
            assertTrue(startedAfterFailure.get() <= threads - 1,
                    startedAfterFailure + " parts started after part 10 failed, with " + threads + " threads");
        }
    }

    private static void awaitParked(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, thread.getName() + " never parked after its part failed");
            Thread.onSpinWait();
        }
    }

    /** Part 0 is the caller's, always: a part number keeps to one thread (part 1 to the worker, if it is awake). */
    @Test
    void theCallerRunsPartZero() {
        Parallelism.setThreads(2);
        String[] threadOf = new String[2];
        for (int call = 0; call < 20; call++) {
            Parallelism.run(2, part -> threadOf[part] = Thread.currentThread().getName());
            assertEquals(Thread.currentThread().getName(), threadOf[0], "part 0 ran elsewhere");
        }
    }

    @Test
    void nestedAndConcurrentCallersRunTheirPartsThemselves() throws InterruptedException {
        Parallelism.setThreads(2);
        AtomicInteger inner = new AtomicInteger();
        Parallelism.run(4, part -> Parallelism.run(3, innerPart -> inner.incrementAndGet()));
        assertEquals(12, inner.get());
        AtomicInteger total = new AtomicInteger();
        Thread[] callers = new Thread[3];
        for (int t = 0; t < callers.length; t++) {
            callers[t] = new Thread(() -> {
                for (int call = 0; call < 2_000; call++) {
                    Parallelism.run(5, part -> total.incrementAndGet());
                }
            });
            callers[t].start();
        }
        for (Thread caller : callers) {
            caller.join();
        }
        assertEquals(3 * 2_000 * 5, total.get());
    }
}
