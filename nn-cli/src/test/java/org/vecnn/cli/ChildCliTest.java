package org.vecnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line in a JVM of its own, where only a fresh process can show it: a bad system property is
 * one line, not an initialisation error mid-training, and a file of 300,000 rows trains, evaluates and
 * scores in a small heap, since nothing holds the file's text.
 */
class ChildCliTest {

    private static final int ROWS = 300_000;

    @TempDir
    Path dir;

    /** What the child printed (stdout and stderr together) and its status. */
    record Result(int status, String output) {
    }

    private static Result vecnn(List<String> jvm, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector"));
        command.addAll(jvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), VecnnCli.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    /** Lines other than the JVM's own notice about incubator modules. */
    private static List<String> ownLines(String output) {
        return output.lines().filter(line -> !line.startsWith("WARNING: Using incubator modules")).toList();
    }

    @Test
    void aBadThreadCountIsOneLineBeforeAnyWork() throws Exception {
        Result result = vecnn(List.of("-Dvecnn.threads=0"), "summary", "--model", dir.resolve("m.vnn").toString());
        assertEquals(1, result.status(), result.output());
        assertEquals(List.of("vecnn: bad system property: vecnn.threads must be a whole number >= 1, was '0'"),
                ownLines(result.output()));
    }

    @Test
    void aLargeFileTrainsEvaluatesAndScoresInASmallHeap() throws Exception {
        Path data = dir.resolve("large.csv");
        SplittableRandom random = new SplittableRandom(10);
        try (BufferedWriter out = Files.newBufferedWriter(data, StandardCharsets.UTF_8)) {
            out.write("f0,f1,f2,f3,f4,f5,f6,f7,f8,f9,label\n");
            for (int r = 0; r < ROWS; r++) {
                double sum = 0;
                for (int c = 0; c < 10; c++) {
                    double v = random.nextDouble(-1, 1);
                    sum += v;
                    out.write(String.format(Locale.ROOT, "%.5f,", v));
                }
                out.write(sum > 0 ? "1\n" : "0\n");
            }
        }
        Path model = dir.resolve("m.vnn");
        Result trained = vecnn(List.of("-Xmx96m"), "train", "--data", data.toString(), "--target", "label",
                "--layers", "8:relu,1:sigmoid", "--epochs", "1", "--batch-size", "256", "--verbose", "0",
                "--metrics", "accuracy", "--out", model.toString());
        assertEquals(0, trained.status(), trained.output());
        Result scored = vecnn(List.of("-Xmx48m"), "evaluate", "--model", model.toString(), "--data", data.toString(),
                "--json");
        assertEquals(0, scored.status(), scored.output());
        assertTrue(scored.output().contains("\"samples\":" + ROWS), scored.output());
        Path predictions = dir.resolve("p.csv");
        Result predicted = vecnn(List.of("-Xmx48m"), "predict", "--model", model.toString(), "--data",
                data.toString(), "--out", predictions.toString());
        assertEquals(0, predicted.status(), predicted.output());
        try (Stream<String> lines = Files.lines(predictions)) {
            assertEquals(ROWS + 1, lines.count());
        }
        assertFalse(Files.readString(predictions).contains("NaN"));
    }
}
