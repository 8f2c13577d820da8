package org.vecnn.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vecnn.matrix.Matrix;

/**
 * A classifier's confusion matrix, streamed chunk by chunk: counts of (actual, predicted) class pairs, the
 * predicted class being the largest output (or, for one sigmoid output, 1 at 0.5 and above); then accuracy and
 * each class's precision, recall, F1 and support.
 */
final class ConfusionMatrix {

    private final List<String> classes;
    private final long[][] counts;

    /** A matrix over these class names, in index order. */
    ConfusionMatrix(List<String> classes) {
        this.classes = List.copyOf(classes);
        this.counts = new long[classes.size()][classes.size()];
    }

    /** Counts one chunk: the model's outputs and the targets' class indices. */
    void add(Matrix outputs, Matrix targets) {
        for (int r = 0; r < outputs.rows(); r++) {
            int predicted = outputs.cols() == 1 ? (outputs.get(r, 0) >= 0.5f ? 1 : 0) : outputs.argmaxOfRow(r);
            int actual = (int) targets.get(r, 0);
            if (actual >= 0 && actual < counts.length && predicted < counts.length) {
                counts[actual][predicted]++;
            }
        }
    }

    /** The share of rows whose predicted class is the actual one. */
    double accuracy() {
        long right = 0;
        long all = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts.length; j++) {
                all += counts[i][j];
                right += i == j ? counts[i][j] : 0;
            }
        }
        return all == 0 ? 0 : (double) right / all;
    }

    /** Each class's precision, recall, F1 and support (0 where a ratio has no denominator). */
    Map<String, Map<String, Object>> perClass() {
        Map<String, Map<String, Object>> report = new LinkedHashMap<>();
        for (int c = 0; c < counts.length; c++) {
            long truePositives = counts[c][c];
            long predicted = 0;
            long actual = 0;
            for (int k = 0; k < counts.length; k++) {
                predicted += counts[k][c];
                actual += counts[c][k];
            }
            double precision = predicted == 0 ? 0 : (double) truePositives / predicted;
            double recall = actual == 0 ? 0 : (double) truePositives / actual;
            Map<String, Object> scores = new LinkedHashMap<>();
            scores.put("precision", precision);
            scores.put("recall", recall);
            scores.put("f1", precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall));
            scores.put("support", actual);
            report.put(classes.get(c), scores);
        }
        return report;
    }

    /** The counts as JSON: {"classes": [...], "matrix": [[...], ...]}, rows actual, columns predicted. */
    String toJson() {
        StringBuilder json = new StringBuilder("{\"classes\":[");
        for (int c = 0; c < classes.size(); c++) {
            json.append(c == 0 ? "" : ",").append('"').append(classes.get(c).replace("\\", "\\\\")
                    .replace("\"", "\\\"")).append('"');
        }
        json.append("],\"matrix\":[");
        for (int i = 0; i < counts.length; i++) {
            List<String> row = new ArrayList<>();
            for (long count : counts[i]) {
                row.add(Long.toString(count));
            }
            json.append(i == 0 ? "" : ",").append('[').append(String.join(",", row)).append(']');
        }
        return json.append("]}").toString();
    }

    /** The counts as a table with the class names, rows actual, columns predicted, then the per-class scores. */
    String toTable() {
        int width = Math.max(9, classes.stream().mapToInt(name -> Math.min(name.length(), 24) + 2).max().orElse(0));
        StringBuilder text = new StringBuilder("confusion matrix (rows: actual, columns: predicted):\n");
        text.append(pad("", width));
        classes.forEach(name -> text.append(pad(name, width)));
        for (int i = 0; i < counts.length; i++) {
            text.append('\n').append(pad(classes.get(i), width));
            for (long count : counts[i]) {
                text.append(pad(Long.toString(count), width));
            }
        }
        text.append('\n').append(pad("class", width)).append(pad("precision", 11)).append(pad("recall", 11))
                .append(pad("f1", 11)).append("support");
        perClass().forEach((name, scores) -> text.append('\n').append(pad(name, width)).append(String.format(
                Locale.ROOT, "%-11.4f%-11.4f%-11.4f%d", scores.get("precision"), scores.get("recall"),
                scores.get("f1"), scores.get("support"))));
        return text.toString();
    }

    private static String pad(String text, int width) {
        String shown = text.length() > 24 ? text.substring(0, 23) + "…" : text;
        return shown + " ".repeat(Math.max(1, width - shown.length()));
    }
}
