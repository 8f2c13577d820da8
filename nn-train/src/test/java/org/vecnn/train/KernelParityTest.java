package org.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Sequential;
import org.vecnn.train.optim.Optimizer;

/**
 * The same model and input give the same output bits, and the same seed the same trained weights, in
 * every configuration of one machine: the vector kernels at each lane count the CPU has (4, 8, 16 floats),
 * the JIT held to AVX2, the scalar kernels, and 1 or 3 threads. Each configuration is a child JVM that
 * prints hashes of the bits; all must be equal.
 */
class KernelParityTest {

    /** Prints the hash of predictions (batches and single rows) and of trained weights. */
    public static void main(String[] args) {
        System.out.println("predictions " + Long.toHexString(predictionsHash()));
        System.out.println("weights " + Long.toHexString(ThreadCountDeterminismTest.trainedWeightsHash(100,
                Optimizer.adam())));
    }

    /** The benchmark MLP and the tutorial's network on fixed inputs, in batches of several sizes and alone. */
    static long predictionsHash() {
        long hash = 17;
        Sequential mlp = new Sequential(new Dense(256, "relu"), new Dense(128, "relu"), new Dense(10, "softmax"))
                .build(784, 5L);
        Sequential tutorial = new Sequential(new Dense(25, "relu"), new Dense(15, "relu"), new Dense(1, "sigmoid"))
                .build(2, 6L);
        for (Sequential model : List.of(mlp, tutorial)) {
            Matrix x = Matrix.random(300, model.inputWidth(), 7);
            for (int rows : new int[] {1, 3, 8, 9, 300}) {
                Matrix batch = Matrix.wrap(rows, x.cols(), Arrays.copyOf(x.data(), rows * x.cols()));
                for (float value : model.predict(batch).data()) {
                    hash = hash * 31 + Float.floatToRawIntBits(value);
                }
            }
        }
        return hash;
    }

    /** Runs the child with these JVM options; returns its two hash lines. */
    private static List<String> hashesWith(List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector"));
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KernelParityTest.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        List<String> hashes = output.lines().filter(l -> l.startsWith("predictions ") || l.startsWith("weights "))
                .toList();
        assertEquals(2, hashes.size(), output);
        return hashes;
    }

    @Test
    void everyLaneCountInstructionSetKernelSideAndThreadCountGivesTheSameBits() throws Exception {
        Map<String, List<String>> configurations = new LinkedHashMap<>();
        String vector = "-Dvecnn.kernels=vector";
        configurations.put("vector kernels", List.of(vector));
        configurations.put("8 lanes", List.of(vector, "-XX:MaxVectorSize=32"));
        configurations.put("4 lanes", List.of(vector, "-XX:MaxVectorSize=16"));
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            configurations.put("AVX2", List.of(vector, "-XX:UseAVX=2"));
        }
        configurations.put("scalar kernels", List.of("-Dvecnn.kernels=scalar"));
        configurations.put("auto kernels (scalar, then vector once warm)", List.of());
        configurations.put("1 thread", List.of(vector, "-Dvecnn.threads=1"));
        configurations.put("3 threads", List.of(vector, "-Dvecnn.threads=3"));
        List<String> reference = null;
        for (Map.Entry<String, List<String>> configuration : configurations.entrySet()) {
            List<String> hashes = hashesWith(configuration.getValue());
            assertTrue(hashes.get(0).matches("predictions [0-9a-f]+"), hashes.toString());
            if (reference == null) {
                reference = hashes;
            } else {
                assertEquals(reference, hashes, configuration.getKey() + " differs from the vector kernels");
            }
        }
    }
}
