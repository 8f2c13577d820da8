package org.vecnn.bench;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The benchmark results as a text table of GFLOP/s per shape and library, with vecnn's ratios. */
final class GflopsTable {

    private GflopsTable() {
    }

    /** One measured (threads, library, shape) with its throughput in multiplications per second. */
    record Row(int threads, String library, GemmShape shape, double opsPerSecond, double error) {

        double gflops() {
            return opsPerSecond * shape.flops() / 1e9;
        }
    }

    /** The one-thread and two-thread tables, headed by where the numbers come from. */
    static String render(Collection<Row> rows, String source) {
        StringBuilder out = new StringBuilder();
        out.append("sgemm GFLOP/s (JMH; ").append(source).append(")\n\n");
        for (int threads : List.of(1, 2)) {
            List<Row> selected = rows.stream().filter(row -> row.threads() == threads).toList();
            if (!selected.isEmpty()) {
                table(out, threads, selected, threads == 2 ? rows.stream().filter(r -> r.threads() == 1).toList()
                        : List.of());
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static void table(StringBuilder out, int threads, List<Row> rows, List<Row> oneThread) {
        Set<String> libraries = rows.stream().map(Row::library)
                .sorted((x, y) -> Integer.compare(SgemmLibrary.NAMES.indexOf(x), SgemmLibrary.NAMES.indexOf(y)))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<GemmShape, List<Row>> byShape = rows.stream()
                .collect(Collectors.groupingBy(Row::shape, java.util.LinkedHashMap::new, Collectors.toList()));
        List<String> ratios = libraries.stream().filter(library -> !library.startsWith("vecnn"))
                .map(library -> "vecnn/" + library).collect(Collectors.toList());
        if (threads == 2) {
            ratios.add("vecnn 2T/1T");
        }
        out.append(threads == 1 ? "One thread" : "Two threads").append('\n');
        out.append(String.format(Locale.ROOT, "%-16s", "shape (MxKxN)"));
        libraries.forEach(library -> out.append(String.format(Locale.ROOT, "%14s", library)));
        ratios.forEach(ratio -> out.append(String.format(Locale.ROOT, "%16s", ratio)));
        out.append('\n');
        byShape.forEach((shape, shapeRows) -> {
            out.append(String.format(Locale.ROOT, "%-16s", shape));
            for (String library : libraries) {
                out.append(gflops(shapeRows, library).map(g -> String.format(Locale.ROOT, "%14.1f", g))
                        .orElse(String.format(Locale.ROOT, "%14s", "-")));
            }
            Optional<Double> vecnn = gflops(shapeRows, "vecnn");
            for (String ratio : ratios) {
                Optional<Double> base = ratio.equals("vecnn 2T/1T")
                        ? gflops(oneThread.stream().filter(r -> r.shape().equals(shape)).toList(), "vecnn")
                        : gflops(shapeRows, ratio.substring("vecnn/".length()));
                out.append(vecnn.isPresent() && base.isPresent()
                        ? String.format(Locale.ROOT, "%15.2fx", vecnn.get() / base.get())
                        : String.format(Locale.ROOT, "%16s", "-"));
            }
            out.append('\n');
        });
    }

    private static Optional<Double> gflops(List<Row> rows, String library) {
        return rows.stream().filter(row -> row.library().equals(library)).findFirst().map(Row::gflops);
    }
}
