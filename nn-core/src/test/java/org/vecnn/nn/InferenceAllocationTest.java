package org.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;

/**
 * Single-sample and into-matrix batch prediction allocate nothing once warm, measured with the JVM's
 * per-thread allocation counter. C2 must have compiled the path first (the interpreter boxes vectors), so
 * the measurement is retried over a few warm-up rounds; it fails if no round is allocation-free.
 */
class InferenceAllocationTest {

    private static final int CALLS = 20_000;
    private static final int ROUNDS = 40;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void singleSamplePredictAllocatesNothingWhenWarm() {
        Sequential model = new Sequential(new Normalization().adapt(Matrix.random(10, 2, 1)), new Dense(25, "sigmoid"),
                new Dense(15, "relu"), new Dense(1, "sigmoid")).build(1L);
        float[] input = {0.3f, -0.7f};
        float[] output = new float[1];
        assertEquals(0, leastBytesPerRound(() -> {
            for (int i = 0; i < CALLS; i++) {
                input[0] = i * 1e-5f;
                model.predict(input, output);
            }
        }));
    }

    @Test
    void batchPredictIntoAMatrixAllocatesNothingWhenWarm() {
        Sequential model = new Sequential(new Dense(64, "relu"), new Dense(10, "softmax")).build(32, 2L);
        Matrix x = Matrix.random(40, 32, 3);
        Matrix out = Matrix.zeros(40, 10);
        assertEquals(0, leastBytesPerRound(() -> {
            for (int i = 0; i < CALLS / 20; i++) {
                model.predict(x, out);
            }
        }));
    }

    static long leastBytesPerRound(Runnable round) {
        assumeTrue(THREADS.isThreadAllocatedMemorySupported(), "no per-thread allocation counter");
        THREADS.setThreadAllocatedMemoryEnabled(true);
        long thread = Thread.currentThread().threadId();
        long least = Long.MAX_VALUE;
        for (int r = 0; r < ROUNDS && least > 0; r++) {
            long before = THREADS.getThreadAllocatedBytes(thread);
            round.run();
            least = Math.min(least, THREADS.getThreadAllocatedBytes(thread) - before);
        }
        return least;
    }
}
