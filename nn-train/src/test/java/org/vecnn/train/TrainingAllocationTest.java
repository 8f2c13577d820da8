package org.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.parallel.Parallelism;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Dropout;
import org.vecnn.nn.Sequential;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/**
 * Steady-state training steps allocate nothing: a fit of 40 batches allocates no more than a fit of 10
 * (buffers, the working copy of the weights and the published copy are per fit or per epoch, not per batch).
 */
class TrainingAllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void batchesAllocateNothingOnceCompiled() {
        Trainer trainer = new Trainer(new Sequential(new Dense(32, "relu"), new Dropout(0.1f), new Dense(3, "softmax")),
                Loss.SPARSE_CATEGORICAL_CROSSENTROPY, Optimizer.adam());
        long measured = extraBytesOfThirtyBatches(trainer, 16, 8, 400);
        assertTrue(measured <= 0, () -> "30 more batches allocated " + measured + " more bytes");
    }

    /**
     * The same with two threads sharing each step, the first layer split by input features: the bytes the
     * caller and the kernel workers allocate together.
     */
    @Test
    void sharedStepsAllocateNothingOnAnyThread() {
        int configured = Parallelism.threads();
        Parallelism.setThreads(2);
        try {
            Trainer trainer = new Trainer(new Sequential(new Dense(64, "relu"), new Dense(10, "softmax")),
                    Loss.SPARSE_CATEGORICAL_CROSSENTROPY, Optimizer.adam());
            long measured = extraBytesOfThirtyBatches(trainer, 64, 512, 20);
            assertTrue(measured <= 0, () -> "30 more shared batches allocated " + measured + " more bytes");
        } finally {
            Parallelism.setThreads(configured);
        }
    }

    /**
     * The bytes a fit of 40 batches allocates beyond a fit of 10, less the longer shuffle order (4 bytes a
     * sample). C2 must compile the whole step first (interpreted Vector API code boxes every vector): it
     * warms up in rounds of {@code warmEpochs} epochs, up to 25, until the extra is gone.
     */
    private static long extraBytesOfThirtyBatches(Trainer trainer, int batchSize, int inputs, int warmEpochs) {
        Matrix x = Matrix.random(40 * batchSize, inputs, 1);
        Matrix y = Matrix.zeros(40 * batchSize, 1);
        Matrix fewX = Matrix.random(10 * batchSize, inputs, 2);
        Matrix fewY = Matrix.zeros(10 * batchSize, 1);
        FitOptions options = FitOptions.defaults().withBatchSize(batchSize).withVerbose(0);
        long extra = Long.MAX_VALUE;
        for (int round = 0; round < 25 && extra > 0; round++) {
            trainer.fit(x, y, options.withEpochs(warmEpochs));
            long few = allocated(() -> trainer.fit(fewX, fewY, options));
            long many = allocated(() -> trainer.fit(x, y, options));
            extra = many - few - 4L * (x.rows() - fewX.rows());
        }
        return extra;
    }

    /** Bytes allocated by this thread and the kernel workers while {@code work} runs. */
    private static long allocated(Runnable work) {
        long[] threads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t == Thread.currentThread() || t.getName().startsWith("vecnn-kernel-worker-"))
                .mapToLong(Thread::threadId).toArray();
        long before = sum(THREADS.getThreadAllocatedBytes(threads));
        work.run();
        return sum(THREADS.getThreadAllocatedBytes(threads)) - before;
    }

    private static long sum(long[] bytes) {
        long total = 0;
        for (long b : bytes) {
            total += Math.max(0, b);
        }
        return total;
    }
}
