package org.vecnn.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code ./vecnn bench --training}: the training benchmarks, then a table of throughput against PyTorch's
 * figures (DESIGN.md section 8) and of two threads against one, each ratio taken from neighbouring
 * iterations of {@link TrainingScalingBenchmark} in one JVM.
 */
final class TrainingReport {

    /** PyTorch 1.13, one thread, on this machine: the MLP in samples/s, the tutorial's fit in ms (DESIGN.md). */
    private static final double PYTORCH_MLP = 42_000;
    private static final double PYTORCH_TUTORIAL_MS = 300;

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
        System.out.println();
        System.out.print(render(mlp.getPrimaryResult().getScore(), tutorial.getPrimaryResult().getScore(),
                iterationScores(pairs)));
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

    /** The measured iterations' scores, in order, fork after fork. */
    private static List<Double> iterationScores(RunResult result) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                scores.add(iteration.getPrimaryResult().getScore());
            }
        }
        return scores;
    }

    /**
     * The table: {@code alternating} holds iteration scores on 1, 2, 1, 2, … threads; each (1, 2) pair gives a
     * ratio, and the median ratio is the figure.
     */
    static String render(double mlpOneThread, double tutorialMs, List<Double> alternating) {
        List<Double> ratios = new ArrayList<>();
        List<Double> one = new ArrayList<>();
        List<Double> two = new ArrayList<>();
        for (int i = 0; i + 1 < alternating.size(); i += 2) {
            one.add(alternating.get(i));
            two.add(alternating.get(i + 1));
            ratios.add(alternating.get(i + 1) / alternating.get(i));
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-62s %14s %14s %9s%n", "", "vecnn", "PyTorch 1.13", "ratio"));
        out.append(String.format(Locale.ROOT, "%-62s %14s %14s %9s%n",
                "MLP 784-256-128-10, batch 128, SGD, one thread (samples/s)", whole(mlpOneThread),
                whole(PYTORCH_MLP), times(mlpOneThread / PYTORCH_MLP)));
        out.append(String.format(Locale.ROOT, "%-62s %14s %14s %9s%n",
                "tutorial 2-25-15-1, Adam, 100 epochs, one thread (ms/fit)",
                String.format(Locale.ROOT, "%.1f", tutorialMs),
                whole(PYTORCH_TUTORIAL_MS), times(PYTORCH_TUTORIAL_MS / tutorialMs)));
        out.append(String.format(Locale.ROOT,
                "%nTwo threads / one, MLP, %d pairs of neighbouring 1 s iterations in one JVM:%n", ratios.size()));
        out.append(String.format(Locale.ROOT, "  median %s (quartiles %s to %s); one thread median %s samples/s, "
                        + "two threads %s%n", times(percentile(ratios, 50)), times(percentile(ratios, 25)),
                times(percentile(ratios, 75)), whole(percentile(one, 50)), whole(percentile(two, 50))));
        return out.toString();
    }

    /** The p-th percentile (nearest rank) of the values; NaN for none. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String whole(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }
}
