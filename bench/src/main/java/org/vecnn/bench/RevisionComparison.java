package org.vecnn.bench;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./vecnn bench --compare REV [--quick]}: vecnn's headline figures (single-sample latency, batch
 * forward, tutorial fit, training throughput on one and two threads) from another build's benchmark jar
 * against this build's, in one session. The two jars take turns, the order swapped every round, so a
 * noisy neighbour or a frequency change weighs on both alike; each round gives a ratio, and the table
 * shows every round's and their median. A ratio above 1 means this build is faster.
 */
final class RevisionComparison {

    /** One figure: a label, whether a higher score is better, and the JMH arguments that measure it. */
    record Measure(String label, boolean higherIsBetter, List<String> arguments) {
        Measure(String label, boolean higherIsBetter, String... arguments) {
            this(label, higherIsBetter, List.of(arguments));
        }
    }

    private static final String TWO_THREADS = "--add-modules jdk.incubator.vector -Dvecnn.kernels=vector"
            + " -Dvecnn.threads=2";

    static final List<Measure> MEASURES = List.of(
            new Measure("single-sample predict, tutorial network (ns)", false,
                    "TutorialInferenceBenchmark.predict", "-p", "implementation=vecnn", "-bm", "avgt", "-tu", "ns"),
            new Measure("batch-256 forward, 784-256-128-10 MLP (samples/s)", true,
                    "MlpInferenceBenchmark.predict", "-p", "implementation=vecnn"),
            new Measure("tutorial fit, 100 epochs (ms)", false, "TutorialTrainingBenchmark.fit"),
            new Measure("MLP training, 1 thread (samples/s)", true, "TrainingBenchmark.epochs"),
            new Measure("MLP training, 2 threads (samples/s)", true, "TrainingBenchmark.epochs",
                    "-jvmArgsAppend", TWO_THREADS));

    /**
     * This JVM's -XX options and vecnn properties ({@code --avx2}'s {@code -XX:UseAVX=2}, the kernel side), for
     * the JVMs that measure both jars: they run as this one does.
     */
    private static final List<String> VM_OPTIONS = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(option -> option.startsWith("-XX:") || option.startsWith("-Dvecnn.kernels=")).toList();

    private RevisionComparison() {
    }

    /** Measures every figure on both jars, alternating, and prints the table. */
    static void run(Path otherJar, Path thisJar, boolean quick) throws IOException, InterruptedException {
        int rounds = quick ? 2 : 4;
        List<String> timing = quick ? List.of("-f", "1", "-wi", "2", "-w", "1s", "-i", "3", "-r", "1s")
                : List.of("-f", "1", "-wi", "3", "-w", "1s", "-i", "5", "-r", "1s");
        StringBuilder table = new StringBuilder("| figure | before | after | after vs before, by round | median |\n"
                + "| --- | ---: | ---: | --- | ---: |\n");
        for (Measure measure : MEASURES) {
            double[] before = new double[rounds];
            double[] after = new double[rounds];
            double[] ratios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                boolean otherFirst = round % 2 == 0;
                double first = score(otherFirst ? otherJar : thisJar, measure, timing);
                double second = score(otherFirst ? thisJar : otherJar, measure, timing);
                before[round] = otherFirst ? first : second;
                after[round] = otherFirst ? second : first;
                ratios[round] = measure.higherIsBetter() ? after[round] / before[round] : before[round] / after[round];
            }
            table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2fx |%n", measure.label(),
                    number(median(before)), number(median(after)), Arrays.stream(ratios)
                            .mapToObj(r -> String.format(Locale.ROOT, "%.2fx", r)).reduce((a, b) -> a + ", " + b)
                            .orElse(""), median(ratios)));
        }
        System.out.println();
        System.out.print(Machine.header());
        System.out.println("before: " + otherJar + "\nafter: " + thisJar + "\n");
        System.out.print(table);
    }

    /** One JMH run of a measure on a jar, in its own JVM: the primary score. */
    private static double score(Path jar, Measure measure, List<String> timing)
            throws IOException, InterruptedException {
        Path result = Files.createTempFile("vecnn-compare-", ".json");
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "--add-modules", "jdk.incubator.vector"));
            command.addAll(VM_OPTIONS);
            command.addAll(List.of("-jar", jar.toString()));
            command.addAll(measure.arguments());
            command.addAll(timing);
            command.addAll(List.of("-rf", "json", "-rff", result.toString()));
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (process.waitFor() != 0) {
                throw new IOException("the benchmark " + measure.arguments().getFirst() + " failed on " + jar);
            }
            var results = JsonParser.parseString(Files.readString(result)).getAsJsonArray();
            if (results.isEmpty()) {
                throw new IOException("no result from " + measure.arguments().getFirst() + " on " + jar);
            }
            return results.get(0).getAsJsonObject().getAsJsonObject("primaryMetric").get("score").getAsDouble();
        } finally {
            Files.deleteIfExists(result);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String number(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
