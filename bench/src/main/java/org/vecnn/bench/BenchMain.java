package org.vecnn.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Entry point of the benchmark jar ({@code ./vecnn bench}).
 *
 * <ul>
 *   <li>no arguments: every sgemm benchmark at full length (about 40 minutes), then the GFLOP/s table and
 *       the chart, with the JMH results in {@code -Dvecnn.bench.out} (default {@code target}), then vecnn
 *       against OpenBLAS and two threads against one in neighbouring iterations ({@link PairsTable});</li>
 *   <li>{@code --quick}: a reduced set in a few minutes, then the tables;</li>
 *   <li>{@code --pairs [--quick]}: only the neighbouring-iteration ratios;</li>
 *   <li>{@code --report RESULTS.json... [--chart CHART.png]}: the table (and chart) from saved JMH JSON
 *       results;</li>
 *   <li>{@code --inference [--quick]}: the single-sample and batch inference benchmarks, then their table
 *       (p50 and p99 latency, bytes per call, throughput, ratios to the baselines);</li>
 *   <li>{@code --onnxruntime}: vecnn against ONNX Runtime's Java API on the same ONNX file
 *       ({@link OnnxRuntimeReport});</li>
 *   <li>{@code --training [--quick]}: the training benchmarks, then their table (throughput against
 *       PyTorch's, and two threads against one in the same JVM);</li>
 *   <li>{@code --compare OTHER.jar [--quick]}: the headline figures of another build's benchmark jar against
 *       this one's, alternating ({@link RevisionComparison}; {@code ./vecnn bench --compare REV} builds the
 *       jar of a git revision);</li>
 *   <li>anything else: JMH's own command line.</li>
 * </ul>
 */
public final class BenchMain {

    /** Where runs leave their results: {@code -Dvecnn.bench.out}, by default {@code target}. */
    private static final Path OUT = Path.of(System.getProperty("vecnn.bench.out", "target"));
    private static final Path ONE_THREAD_RESULTS = OUT.resolve("jmh-results.json");
    private static final Path TWO_THREAD_RESULTS = OUT.resolve("jmh-results-two-threads.json");
    private static final Path CHART = OUT.resolve("sgemm-gflops.png");

    /** The quick set: square sizes and the network shapes that matter most. */
    private static final String[] QUICK_SHAPES = {"256x256x256", "1024x1024x1024", "32x784x256", "128x784x256",
            "784x128x256:TN", "128x256x784:NT", "1x784x256"};
    private static final String[] QUICK_TWO_THREAD_SHAPES = {"512x512x512", "1024x1024x1024", "128x784x256"};

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        if (arguments.isEmpty()) {
            run(new OptionsBuilder().include(SgemmBenchmark.class.getName() + ".")
                    .param("library", available(SgemmLibrary.NAMES.toArray(String[]::new))), ONE_THREAD_RESULTS);
            run(new OptionsBuilder().include(SgemmTwoThreadsBenchmark.class.getName() + ".")
                    .param("library", available("vecnn", "openblas")), TWO_THREAD_RESULTS);
            report(List.of(ONE_THREAD_RESULTS, TWO_THREAD_RESULTS), CHART, OpenBlasSgemm.describe());
            pairs(false);
        } else if (arguments.equals(List.of("--pairs")) || arguments.equals(List.of("--pairs", "--quick"))) {
            pairs(arguments.contains("--quick"));
        } else if (arguments.equals(List.of("--quick"))) {
            run(quick(SgemmBenchmark.class, QUICK_SHAPES, "vecnn", "openblas", "ejml", "ojalgo"), ONE_THREAD_RESULTS);
            run(quick(SgemmTwoThreadsBenchmark.class, QUICK_TWO_THREAD_SHAPES, "vecnn", "openblas"),
                    TWO_THREAD_RESULTS);
            report(List.of(ONE_THREAD_RESULTS, TWO_THREAD_RESULTS), null, OpenBlasSgemm.describe());
            pairs(true);
        } else if (arguments.getFirst().equals("--inference")) {
            InferenceReport.run(arguments.contains("--quick"));
        } else if (arguments.equals(List.of("--onnxruntime"))) {
            OnnxRuntimeReport.run();
        } else if (arguments.getFirst().equals("--training")) {
            TrainingReport.run(arguments.contains("--quick"));
        } else if (arguments.getFirst().equals("--compare") && arguments.size() >= 2) {
            RevisionComparison.run(Path.of(args[1]), thisJar(), arguments.contains("--quick"));
        } else if (arguments.getFirst().equals("--report")) {
            int chart = arguments.indexOf("--chart");
            List<Path> results = arguments.subList(1, chart < 0 ? args.length : chart).stream().map(Path::of).toList();
            report(results, chart < 0 || chart + 1 >= args.length ? null : Path.of(args[chart + 1]), "saved results");
        } else {
            org.openjdk.jmh.Main.main(args);
        }
    }

    /** The benchmark jar this class runs from. */
    private static Path thisJar() throws Exception {
        return Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ChainedOptionsBuilder quick(Class<?> benchmark, String[] shapes, String... libraries) {
        return new OptionsBuilder()
                .include(benchmark.getName() + ".")
                .param("shape", shapes)
                .param("library", available(libraries))
                .warmupIterations(3).warmupTime(TimeValue.milliseconds(400))
                .measurementIterations(3).measurementTime(TimeValue.milliseconds(400))
                .forks(1);
    }

    /** vecnn against OpenBLAS, and two threads against one, iteration by iteration in one JVM per shape. */
    private static void pairs(boolean quick) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder().include(SgemmPairsBenchmark.class.getName() + ".")
                .param("versus", OpenBlasSgemm.available() ? new String[] {"openblas", SgemmPairsBenchmark.TWO_THREADS}
                        : new String[] {SgemmPairsBenchmark.TWO_THREADS});
        if (!OpenBlasSgemm.available()) {
            System.out.println(OpenBlasSgemm.unavailableMessage() + "; its pairs are skipped.");
        }
        if (quick) {
            options.param("shape", QUICK_SHAPES).measurementIterations(12);
        }
        var results = new Runner(options.build()).run();
        System.out.println();
        System.out.print(Machine.header());
        System.out.print(PairsTable.render(results));
    }

    /** The libraries that can run here: OpenBLAS is left out, with one line saying why, where it is missing. */
    private static String[] available(String... libraries) {
        if (OpenBlasSgemm.available()) {
            return libraries;
        }
        System.out.println(OpenBlasSgemm.unavailableMessage() + "; its benchmarks are skipped.");
        return Arrays.stream(libraries).filter(name -> !name.equals("openblas")).toArray(String[]::new);
    }

    private static void run(ChainedOptionsBuilder options, Path results) throws Exception {
        Files.createDirectories(results.getParent());
        new Runner(options.resultFormat(ResultFormatType.JSON).result(results.toString()).build()).run();
    }

    /** Prints the table of the results, headed by {@code source}, and draws the chart where one is asked for. */
    private static void report(List<Path> results, Path chart, String source) throws Exception {
        List<GflopsTable.Row> rows = new ArrayList<>();
        for (Path file : results) {
            rows.addAll(JmhResults.read(file));
        }
        System.out.println();
        System.out.print(Machine.header());
        System.out.print(GflopsTable.render(rows, source));
        System.out.println("JMH results: " + results);
        if (chart != null) {
            GflopsChart.write(rows, chart);
            System.out.println("chart: " + chart);
        }
    }
}
