package org.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Sequential;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/**
 * The same seed gives bitwise-identical weights after fit with {@code -Dvecnn.threads=1} and {@code =2}: the
 * thread count is fixed per JVM, so each trains in a child JVM of its own and prints a hash of every
 * weight's bits. The MLP is large enough for its GEMMs to split across two threads.
 */
class ThreadCountDeterminismTest {

    /** Trains the MLP and prints the hash of its weights' bits. */
    public static void main(String[] args) {
        Matrix x = Matrix.random(512, 784, 1);
        Matrix y = Matrix.zeros(512, 1);
        for (int i = 0; i < 512; i++) {
            y.set(i, 0, i % 10);
        }
        Sequential model = new Sequential(new Dense(256, "relu"), new Dense(128, "relu"), new Dense(10, "softmax"));
        new Trainer(model, Loss.SPARSE_CATEGORICAL_CROSSENTROPY, Optimizer.adam())
                .fit(x, y, FitOptions.defaults().withVerbose(0).withEpochs(2).withBatchSize(256).withSeed(9));
        long hash = 17;
        for (Matrix weight : model.getWeights()) {
            for (float value : weight.data()) {
                hash = hash * 31 + Float.floatToRawIntBits(value);
            }
        }
        System.out.println("weights " + Long.toHexString(hash));
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
