package org.vecnn.bench;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code ./vecnn bench --training}: the training benchmarks, then PyTorch on the same workloads in the same
 * session ({@link PythonPeers}), then a table of throughput against PyTorch's and of two threads against
 * one, each ratio taken from neighbouring iterations of {@link TrainingScalingBenchmark} in one JVM.
 */
final class TrainingReport {

    private TrainingReport() {
    }

    static void run(boolean quick) throws Exception {
        RunResult tutorial = single(options(quick, TutorialTrainingBenchmark.class));
        RunResult mlp = single(options(quick, TrainingBenchmark.class));
        ChainedOptionsBuilder scaling = new OptionsBuilder().include(TrainingScalingBenchmark.class.getName() + ".");
        if (quick) {
            scaling.warmupIterations(8).measurementIterations(16);
        }
        RunResult pairs = single(scaling);
        PythonPeers peers = PythonPeers.measure(quick);
        System.out.println();
        System.out.print(Machine.header());
        System.out.print(render(mlp.getPrimaryResult().getScore(), tutorial.getPrimaryResult().getScore(),
                peers, AlternatingScores.of(pairs)));
    }

    private static ChainedOptionsBuilder options(boolean quick, Class<?> benchmark) {
        ChainedOptionsBuilder options = new OptionsBuilder().include(benchmark.getName() + ".");
        if (quick) {
            options.forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(4).measurementTime(TimeValue.seconds(1));
        }
        return options;
    }

    private static RunResult single(ChainedOptionsBuilder options) throws Exception {
        Collection<RunResult> results = new Runner(options.build()).run();
        return results.iterator().next();
    }

    /**
     * The table: {@code threads} holds iteration scores on 1, 2, 1, 2, … threads; each (1, 2) pair gives a
     * ratio, and the median ratio is the figure.
     */
    static String render(double mlpOneThread, double tutorialMs, PythonPeers peers, AlternatingScores threads) {
        List<Double> ratios = threads.ratios();
        List<Double> one = threads.first();
        List<Double> two = threads.second();
        StringBuilder out = new StringBuilder();
        for (String note : peers.notes()) {
            out.append(note).append('\n');
        }
        out.append(String.format(Locale.ROOT, "%-62s %14s %14s %9s%n", "", "vecnn", "PyTorch", "ratio"));
        double torchMlp = peers.figure("pytorch", "mlp-training").orElse(Double.NaN);
        double torchTutorialMs = peers.figure("pytorch", "tutorial-fit-ms").orElse(Double.NaN);
        out.append(String.format(Locale.ROOT, "%-62s %14s %14s %9s%n",
                "MLP 784-256-128-10, batch 128, SGD, one thread (samples/s)", whole(mlpOneThread),
                whole(torchMlp), times(mlpOneThread / torchMlp)));
        out.append(String.format(Locale.ROOT, "%-62s %14s %14s %9s%n",
                "tutorial 2-25-15-1, Adam, 100 epochs, one thread (ms/fit)",
                String.format(Locale.ROOT, "%.1f", tutorialMs),
                String.format(Locale.ROOT, "%.1f", torchTutorialMs), times(torchTutorialMs / tutorialMs)));
        out.append(String.format(Locale.ROOT,
                "%nTwo threads / one, MLP, %d pairs of neighbouring 1 s iterations in one JVM:%n", ratios.size()));
        out.append(String.format(Locale.ROOT, "  median %s (quartiles %s to %s); one thread median %s samples/s, "
                        + "two threads %s%n", times(median(ratios)), times(AlternatingScores.percentile(ratios, 25)),
                times(AlternatingScores.percentile(ratios, 75)), whole(median(one)), whole(median(two))));
        return out.toString();
    }

    private static double median(List<Double> values) {
        return AlternatingScores.percentile(values, 50);
    }

    private static String whole(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }
}
