package org.vecnn.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code ./vecnn bench --inference}: the two inference benchmarks, then numpy and PyTorch on the same batch
 * in the same session ({@link PythonPeers}), then a table of single-sample latency (mean, p50, p99, bytes
 * per call) and batch throughput, each as a ratio to its baselines.
 */
final class InferenceReport {

    private InferenceReport() {
    }

    static void run(boolean quick) throws Exception {
        Collection<RunResult> latency = new Runner(options(quick, TutorialInferenceBenchmark.class)
                .addProfiler(GCProfiler.class).build()).run();
        String[] implementations = OpenBlasSgemm.available() ? new String[] {"vecnn", "openblas"}
                : new String[] {"vecnn"};
        if (!OpenBlasSgemm.available()) {
            System.out.println(OpenBlasSgemm.unavailableMessage() + "; the batch baseline is skipped.");
        }
        Collection<RunResult> throughput = new Runner(options(quick, MlpInferenceBenchmark.class)
                .param("implementation", implementations).build()).run();
        PythonPeers peers = PythonPeers.measure(quick);
        System.out.println();
        System.out.print(Machine.header());
        System.out.print(render(latency, throughput, peers));
    }

    private static ChainedOptionsBuilder options(boolean quick, Class<?> benchmark) {
        ChainedOptionsBuilder options = new OptionsBuilder().include(benchmark.getName() + ".");
        if (quick) {
            options.forks(1).warmupIterations(3).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(4).measurementTime(TimeValue.milliseconds(500));
        }
        return options;
    }

    static String render(Collection<RunResult> latency, Collection<RunResult> throughput, PythonPeers peers) {
        StringBuilder out = new StringBuilder();
        out.append("Single sample, tutorial network 2-25-15-1 (sigmoid), one thread\n\n");
        out.append(String.format(Locale.ROOT, "%-8s %10s %10s %10s %10s %14s%n", "", "mean ns", "p50 ns", "p99 ns",
                "B/call", "loop / vecnn"));
        List<String> names = List.of("vecnn", "loop");
        double[] means = new double[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Optional<RunResult> average = find(latency, name, Mode.AverageTime);
            Optional<RunResult> sample = find(latency, name, Mode.SampleTime);
            means[i] = average.map(r -> r.getPrimaryResult().getScore()).orElse(Double.NaN);
            double p50 = sample.map(r -> r.getPrimaryResult().getStatistics().getPercentile(50)).orElse(Double.NaN);
            double p99 = sample.map(r -> r.getPrimaryResult().getStatistics().getPercentile(99)).orElse(Double.NaN);
            double bytes = average.flatMap(InferenceReport::bytesPerCall).orElse(Double.NaN);
            out.append(String.format(Locale.ROOT, "%-8s %10.1f %10.1f %10.1f %10.2f %14s%n", name, means[i], p50, p99,
                    bytes, name.equals("vecnn") ? "" : String.format(Locale.ROOT, "%.2fx", means[i] / means[0])));
        }
        out.append("\nBatch of 256, MLP 784-256-128-10 (relu, relu, softmax), one thread\n\n");
        out.append(String.format(Locale.ROOT, "%-30s %14s %10s%n", "", "samples/s", "ratio"));
        double vecnn = throughput.stream().filter(r -> implementation(r).equals("vecnn"))
                .mapToDouble(r -> r.getPrimaryResult().getScore()).findFirst().orElse(Double.NaN);
        List<RunResult> sorted = new ArrayList<>(throughput);
        for (RunResult result : sorted) {
            double score = result.getPrimaryResult().getScore();
            String label = implementation(result).equals("vecnn") ? "vecnn predict"
                    : "OpenBLAS sgemm + same passes";
            out.append(String.format(Locale.ROOT, "%-30s %14.0f %10s%n", label, score,
                    implementation(result).equals("vecnn") ? "" : String.format(Locale.ROOT, "%.2fx", vecnn / score)));
        }
        for (String[] peer : new String[][] {{"numpy", "numpy (x @ W + b, max, softmax)"},
                {"pytorch", "PyTorch (nn.Sequential, no_grad)"}}) {
            peers.figure(peer[0], "mlp-inference").ifPresent(score -> out.append(String.format(Locale.ROOT,
                    "%-30s %14.0f %10s%n", peer[1], score, String.format(Locale.ROOT, "%.2fx", vecnn / score))));
        }
        for (String note : peers.notes()) {
            out.append(note).append('\n');
        }
        return out.toString();
    }

    private static Optional<RunResult> find(Collection<RunResult> results, String implementation, Mode mode) {
        return results.stream().filter(r -> implementation(r).equals(implementation)
                && r.getParams().getMode() == mode).findFirst();
    }

    private static String implementation(RunResult result) {
        return result.getParams().getParam("implementation");
    }

    /** The GC profiler's normalised allocation rate, in bytes per benchmark call. */
    private static Optional<Double> bytesPerCall(RunResult result) {
        for (var entry : result.getSecondaryResults().entrySet()) {
            if (entry.getKey().endsWith("gc.alloc.rate.norm")) {
                Result<?> value = entry.getValue();
                return Optional.of(value.getScore());
            }
        }
        return Optional.empty();
    }
}
