package org.vecnn.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code ./vecnn bench --onnxruntime}: runs {@link OnnxRuntimeBenchmark} and prints, per network, the median
 * time per call of each side and the median of the neighbouring pairs' speed ratios (quartiles in brackets):
 * how many times faster vecnn is than ONNX Runtime on the same file.
 */
final class OnnxRuntimeReport {

    private OnnxRuntimeReport() {
    }

    static void run() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(OnnxRuntimeBenchmark.class.getName() + ".").build()).run();
        System.out.println();
        System.out.print(Machine.header());
        System.out.print(render(results));
    }

    static String render(Collection<RunResult> results) {
        StringBuilder out = new StringBuilder("vecnn against ONNX Runtime on the same ONNX file, one thread,"
                + " neighbouring iterations in one JVM\n\n");
        out.append(String.format(Locale.ROOT, "%-10s %14s %16s   %s%n", "network", "vecnn ns/call",
                "ONNX Runtime ns", "vecnn speed / ONNX Runtime's (quartiles)"));
        for (RunResult result : results) {
            out.append(row(result.getParams().getParam("network"), AlternatingScores.of(result)));
        }
        return out.toString();
    }

    /** One network's line from its alternating times per call, vecnn's first. */
    static String row(String network, AlternatingScores times) {
        return String.format(Locale.ROOT, "%-10s %14.0f %16.0f   %s%n", network,
                AlternatingScores.percentile(times.first(), 50), AlternatingScores.percentile(times.second(), 50),
                AlternatingScores.medianAndQuartiles(times.ratios()));
    }
}
