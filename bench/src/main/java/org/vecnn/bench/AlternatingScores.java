package org.vecnn.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;

/**
 * Iteration scores that alternate between two contenders (first, second, first, …), paired neighbour by
 * neighbour: each pair ran on the same machine state, so the median of the pairs' ratios stands where a
 * shared machine's noise swamps either score alone. An odd last iteration has no partner and is dropped.
 *
 * @param first the first contender's scores, pair by pair
 * @param second the second contender's scores, pair by pair
 */
record AlternatingScores(List<Double> first, List<Double> second) {

    /** Pairs up scores in iteration order. */
    static AlternatingScores of(List<Double> alternating) {
        List<Double> first = new ArrayList<>();
        List<Double> second = new ArrayList<>();
        for (int i = 0; i + 1 < alternating.size(); i += 2) {
            first.add(alternating.get(i));
            second.add(alternating.get(i + 1));
        }
        return new AlternatingScores(first, second);
    }

    /** Pairs up a JMH run's measured iterations, fork after fork. */
    static AlternatingScores of(RunResult result) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                scores.add(iteration.getPrimaryResult().getScore());
            }
        }
        return of(scores);
    }

    /** How many pairs there are. */
    int pairs() {
        return first.size();
    }

    /** Each pair's {@code second / first}. */
    List<Double> ratios() {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            ratios.add(second.get(i) / first.get(i));
        }
        return ratios;
    }

    /** {@code 0.95x (0.90-1.01)}: the ratios' median and, in brackets, their quartiles. */
    static String medianAndQuartiles(List<Double> ratios) {
        return String.format(Locale.ROOT, "%.2fx (%.2f-%.2f)", percentile(ratios, 50), percentile(ratios, 25),
                percentile(ratios, 75));
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
}
