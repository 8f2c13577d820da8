package org.vecnn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Entry point of the benchmark jar ({@code ./vecnn bench}).
 *
 * <ul>
 *   <li>no arguments: every benchmark at full length; prints the GFLOP/s table and draws the chart;</li>
 *   <li>{@code --quick}: a reduced set in about two minutes, then the table;</li>
 *   <li>anything else: passed to JMH's own command line.</li>
 * </ul>
 */
public final class BenchMain {

    private static final Path RESULTS = Path.of("target", "jmh-results.json");
    private static final Path CHART = Path.of("target", "sgemm-gflops.png");

    /** The quick set: square sizes and the network shapes that matter most. */
    private static final String[] QUICK_SHAPES = {"256x256x256", "1024x1024x1024", "32x784x256", "128x784x256",
            "784x128x256:TN", "128x256x784:NT", "1x784x256"};
    private static final String[] QUICK_TWO_THREAD_SHAPES = {"512x512x512", "1024x1024x1024", "128x784x256"};

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        if (arguments.isEmpty()) {
            report(run(new OptionsBuilder().include("Sgemm")
                    .param("library", available(SgemmLibrary.NAMES.toArray(String[]::new))), RESULTS), CHART);
        } else if (arguments.equals(List.of("--quick"))) {
            List<RunResult> results = new ArrayList<>(run(quick(SgemmBenchmark.class, QUICK_SHAPES,
                    "vecnn", "openblas", "ejml", "ojalgo"), RESULTS));
            results.addAll(run(quick(SgemmTwoThreadsBenchmark.class, QUICK_TWO_THREAD_SHAPES, "vecnn", "openblas"),
                    Path.of("target", "jmh-results-two-threads.json")));
            report(results, null);
        } else {
            org.openjdk.jmh.Main.main(args);
        }
    }

    private static ChainedOptionsBuilder quick(Class<?> benchmark, String[] shapes, String... libraries) {
        return new OptionsBuilder()
                .include(benchmark.getName() + ".")
                .param("shape", shapes)
                .param("library", available(libraries))
                .warmupIterations(2).warmupTime(TimeValue.milliseconds(400))
                .measurementIterations(3).measurementTime(TimeValue.milliseconds(400))
                .forks(1);
    }

    /** The libraries that can run here: OpenBLAS is left out, with one line saying why, where it is missing. */
    private static String[] available(String... libraries) {
        if (OpenBlasSgemm.available()) {
            return libraries;
        }
        System.out.println(OpenBlasSgemm.unavailableMessage() + "; its benchmarks are skipped.");
        return Arrays.stream(libraries).filter(name -> !name.equals("openblas")).toArray(String[]::new);
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder options, Path results)
            throws RunnerException, IOException {
        Files.createDirectories(results.getParent());
        return new Runner(options.resultFormat(ResultFormatType.JSON).result(results.toString()).build()).run();
    }

    private static void report(Collection<RunResult> results, Path chart) throws IOException {
        List<GflopsTable.Row> rows = results.stream().map(GflopsTable.Row::of).toList();
        System.out.println();
        System.out.print(GflopsTable.render(rows, OpenBlasSgemm.describe()));
        System.out.println("JMH results: " + RESULTS);
        if (chart != null) {
            GflopsChart.write(rows, chart);
            System.out.println("chart: " + chart);
        }
    }
}
