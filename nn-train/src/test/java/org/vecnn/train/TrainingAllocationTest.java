package org.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.kernel.Parallelism;
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
        Matrix x = Matrix.random(40 * 16, 8, 1);
        Matrix y = Matrix.zeros(40 * 16, 1);
        Matrix fewX = Matrix.random(10 * 16, 8, 2);
        Matrix fewY = Matrix.zeros(10 * 16, 1);
        FitOptions options = FitOptions.defaults().withBatchSize(16).withVerbose(0);
        // C2 must compile the whole step first (interpreted Vector API code boxes every vector): warm up in
        // rounds of 400 epochs until 30 more batches cost only the longer shuffle order, 4 bytes a sample.
        long extra = Long.MAX_VALUE;
        for (int round = 0; round < 25 && extra > 0; round++) {
            trainer.fit(x, y, options.withEpochs(400));
            long few = allocated(() -> trainer.fit(fewX, fewY, options));
            long many = allocated(() -> trainer.fit(x, y, options));
            extra = many - few - 4L * (x.rows() - fewX.rows());
        }
        long measured = extra;
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
            Matrix x = Matrix.random(40 * 64, 512, 1);
            Matrix y = Matrix.zeros(40 * 64, 1);
            Matrix fewX = Matrix.random(10 * 64, 512, 2);
            Matrix fewY = Matrix.zeros(10 * 64, 1);
            FitOptions options = FitOptions.defaults().withBatchSize(64).withVerbose(0);
            long extra = Long.MAX_VALUE;
            for (int round = 0; round < 25 && extra > 0; round++) {
                trainer.fit(x, y, options.withEpochs(20));
                long few = allocated(() -> trainer.fit(fewX, fewY, options));
                long many = allocated(() -> trainer.fit(x, y, options));
                extra = many - few - 4L * (x.rows() - fewX.rows());
            }
            long measured = extra;
            assertTrue(measured <= 0, () -> "30 more shared batches allocated " + measured + " more bytes");
        } finally {
            Parallelism.setThreads(configured);
        }
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
