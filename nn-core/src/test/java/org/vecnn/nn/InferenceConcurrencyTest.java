package org.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;

/**
 * Many threads predicting on one shared model get the single-threaded results, bit for bit. The expected
 * results are computed first, on a cold JVM, so this also shows that JIT compilation changes no bit.
 */
class InferenceConcurrencyTest {

    private static final int THREADS = 8;
    private static final int PREDICTIONS = 4000;

    @Test
    void eightThreadsOnOneModelMatchOneThreadBitwise() throws Exception {
        Sequential model = new Sequential(new Normalization().adapt(Matrix.random(50, 13, 1)), new Dense(40, "relu"),
                new Dense(17, "gelu"), new Dense(5, "softmax")).build(13L);
        Matrix samples = Matrix.random(64, 13, 2);
        Matrix batch = Matrix.random(300, 13, 3);
        float[][] expected = new float[samples.rows()][];
        for (int i = 0; i < samples.rows(); i++) {
            expected[i] = model.predict(row(samples, i));
        }
        Matrix expectedBatch = model.predict(batch);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    float[] output = new float[5];
                    int checked = 0;
                    for (int n = 0; n < PREDICTIONS; n++) {
                        int i = (n * 7 + thread) % samples.rows();
                        model.predict(row(samples, i), output);
                        assertArrayEquals(expected[i], output, "thread " + thread + ", sample " + i);
                        if (n % 500 == thread) {
                            assertEquals(expectedBatch, model.predict(batch), "thread " + thread + " batch");
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertEquals(PREDICTIONS, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static float[] row(Matrix m, int i) {
        float[] row = new float[m.cols()];
        System.arraycopy(m.data(), i * m.cols(), row, 0, row.length);
        return row;
    }

    @Test
    void weightsSwappedWhilePredictingAreNeverMixed() throws Exception {
        Sequential model = new Sequential(new Dense(64, "relu"), new Dense(64, "tanh"), new Dense(3, "softmax"))
                .build(16, 1L);
        List<Matrix> first = model.getWeights();
        List<Matrix> second = new Sequential(new Dense(64, "relu"), new Dense(64, "tanh"), new Dense(3, "softmax"))
                .build(16, 2L).getWeights();
        Matrix batch = Matrix.random(40, 16, 5);
        Matrix expectedFirst = model.predict(batch);
        model.setWeights(second);
        Matrix expectedSecond = model.predict(batch);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<Integer> writer = pool.submit(() -> {
                start.await();
                for (int n = 0; n < 500; n++) {
                    model.setWeights(n % 2 == 0 ? first : second);
                }
                return 500;
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                readers.add(pool.submit(() -> {
                    start.await();
                    int checked = 0;
                    while (!writer.isDone() || checked < 50) {
                        Matrix out = model.predict(batch);
                        if (!out.equals(expectedFirst) && !out.equals(expectedSecond)) {
                            throw new AssertionError("a prediction mixed the two sets of weights");
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            start.countDown();
            assertEquals(500, writer.get());
            for (Future<Integer> reader : readers) {
                assertEquals(true, reader.get() >= 50);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
