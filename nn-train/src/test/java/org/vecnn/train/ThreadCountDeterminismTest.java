package org.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.parallel.Parallelism;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Dropout;
import org.vecnn.nn.Normalization;
import org.vecnn.nn.Regularizer;
import org.vecnn.nn.Sequential;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/**
 * The same seed gives bitwise-identical weights after fit for every thread count: with {@code
 * -Dvecnn.threads=1} and {@code =2} in child JVMs of their own (each prints a hash of every weight's bits),
 * and with {@link Parallelism#setThreads} from 1 to 3 in this one, over batch sizes around the chunk size.
 * The MLP is large enough for its steps to be shared between threads; its last batch is a partial one.
 */
class ThreadCountDeterminismTest {

    /** Trains the MLP and prints the hash of its weights' bits. */
    public static void main(String[] args) {
        System.out.println("weights " + Long.toHexString(trainedWeightsHash(128, Optimizer.adam())));
    }

    /**
     * 500 samples, normalised, dropout and an L2 penalty, 2 epochs in batches of {@code batchSize}: the hash of
     * the weights.
     */
    static long trainedWeightsHash(int batchSize, Optimizer optimizer) {
        Matrix x = Matrix.random(500, 784, 1);
        Matrix y = Matrix.zeros(500, 1);
        for (int i = 0; i < 500; i++) {
            y.set(i, 0, i % 10);
        }
        Sequential model = new Sequential(new Normalization().adapt(x),
                new Dense(256, "relu").kernelRegularizer(Regularizer.l2(1e-4)), new Dropout(0.2f),
                new Dense(128, "relu"), new Dense(10, "softmax"));
        new Trainer(model, Loss.SPARSE_CATEGORICAL_CROSSENTROPY, optimizer)
                .fit(x, y, FitOptions.defaults().withVerbose(0).withEpochs(2).withBatchSize(batchSize).withSeed(9));
        return WeightBits.hash(model.getWeights());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 16, 17, 33, 100, 128, 500})
    void everyThreadCountTrainsTheSameBits(int batchSize) {
        int configured = Parallelism.threads();
        try {
            long[] hashes = new long[3];
            for (int threads = 1; threads <= 3; threads++) {
                Parallelism.setThreads(threads);
                hashes[threads - 1] = trainedWeightsHash(batchSize, Optimizer.adam().withClipNorm(1.0));
            }
            assertEquals(hashes[0], hashes[1], "1 and 2 threads, batch " + batchSize);
            assertEquals(hashes[0], hashes[2], "1 and 3 threads, batch " + batchSize);
        } finally {
            Parallelism.setThreads(configured);
        }
    }

    private static String trainWith(int threads) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector", "-Dvecnn.threads=" + threads,
                "-cp", System.getProperty("java.class.path"), ThreadCountDeterminismTest.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output.lines().filter(line -> line.startsWith("weights ")).findFirst()
                .orElseThrow(() -> new AssertionError("no weights line in: " + output));
    }

    @Test
    void oneAndTwoThreadsTrainTheSameBits() throws Exception {
        String one = trainWith(1);
        String two = trainWith(2);
        assertTrue(one.matches("weights [0-9a-f]+"), one);
        assertEquals(one, two);
    }
}
