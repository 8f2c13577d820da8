package org.vecnn.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;

/**
 * The table of {@link SgemmPairsBenchmark}: per shape, vecnn against OpenBLAS on one thread and vecnn's two
 * threads against its one, each the median ratio of neighbouring iterations in one JVM, with quartiles and
 * the median GFLOP/s of each side.
 */
final class PairsTable {

    private PairsTable() {
    }

    static String render(Collection<RunResult> results) {
        Map<String, Map<String, AlternatingScores>> byShape = new LinkedHashMap<>();
        for (RunResult result : results) {
            byShape.computeIfAbsent(result.getParams().getParam("shape"), shape -> new LinkedHashMap<>())
                    .put(result.getParams().getParam("versus"), AlternatingScores.of(result));
        }
        StringBuilder out = new StringBuilder("sgemm, neighbouring iterations in one JVM: median ratio (quartiles),"
                + " median GFLOP/s\n\n");
        out.append(String.format(Locale.ROOT, "%-16s %-34s %-34s%n", "shape (MxKxN)", "vecnn / OpenBLAS, one thread",
                "vecnn two threads / one"));
        byShape.forEach((shape, pairs) -> {
            GemmShape parsed = GemmShape.parse(shape);
            out.append(String.format(Locale.ROOT, "%-16s %-34s %-34s%n", shape,
                    cell(pairs.get("openblas"), parsed, true),
                    cell(pairs.get(SgemmPairsBenchmark.TWO_THREADS), parsed, false)));
        });
        return out.toString();
    }

    /** {@code 0.95x (0.90-1.01), 110 vs 116}: vecnn first where {@code vecnnFirst}, else the contender. */
    private static String cell(AlternatingScores scores, GemmShape shape, boolean vecnnFirst) {
        if (scores == null || scores.pairs() == 0) {
            return "-";
        }
        var ratios = vecnnFirst ? scores.ratios().stream().map(r -> 1 / r).toList() : scores.ratios();
        double gigaflop = shape.flops() / 1e9;
        double vecnn = AlternatingScores.percentile(scores.first(), 50) * gigaflop;
        double contender = AlternatingScores.percentile(scores.second(), 50) * gigaflop;
        return String.format(Locale.ROOT, "%s, %.0f vs %.0f", AlternatingScores.medianAndQuartiles(ratios),
                vecnnFirst ? vecnn : contender, vecnnFirst ? contender : vecnn);
    }
}
