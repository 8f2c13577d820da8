package org.vecnn.nn;

import java.util.Locale;

/**
 * The tf.keras 2 model summary table: 65 columns, fields starting at columns 0, 29 and 55, each cut to its
 * width and wrapped onto further lines when longer, rows separated by blank lines, totals with thousands
 * separators.
 */
final class Summary {

    private static final int WIDTH = 65;
    private static final int[] POSITIONS = {29, 55, WIDTH};

    private Summary() {
    }

    static String format(Sequential model) {
        StringBuilder out = new StringBuilder();
        out.append("Model: \"").append(model.name()).append("\"\n");
        out.append("_".repeat(WIDTH)).append('\n');
        row(out, "Layer (type)", "Output Shape", "Param #");
        out.append("=".repeat(WIDTH)).append('\n');
        long trainable = 0;
        long frozen = 0;
        for (Layer layer : model.layers()) {
            row(out, layer.name() + " (" + layer.type() + ")", "(None, " + layer.outputWidth() + ")",
                    Long.toString(layer.trainableParams() + layer.nonTrainableParams()));
            out.append(" ".repeat(WIDTH)).append('\n');
            trainable += layer.trainableParams();
            frozen += layer.nonTrainableParams();
        }
        out.append("=".repeat(WIDTH)).append('\n');
        out.append(String.format(Locale.ROOT, "Total params: %,d\n", trainable + frozen));
        out.append(String.format(Locale.ROOT, "Trainable params: %,d\n", trainable));
        out.append(String.format(Locale.ROOT, "Non-trainable params: %,d\n", frozen));
        out.append("_".repeat(WIDTH)).append('\n');
        for (String warning : model.warnings()) {
            out.append("Warning: ").append(warning).append('\n');
        }
        return out.toString();
    }

    /** One table row; fields longer than their column continue on the next line, as Keras prints them. */
    private static void row(StringBuilder out, String... fields) {
        String[] left = fields.clone();
        do {
            StringBuilder line = new StringBuilder();
            for (int col = 0; col < left.length; col++) {
                int start = col == 0 ? 0 : POSITIONS[col - 1];
                int space = col == left.length - 1 ? 0 : 2;
                int cutoff = Math.min(left[col].length(), POSITIONS[col] - start - space);
                if (col == 0) {
                    line.append(' ');
                }
                line.append(left[col], 0, cutoff).append(" ".repeat(space));
                left[col] = left[col].substring(cutoff);
                line.append(" ".repeat(Math.max(0, POSITIONS[col] - line.length())));
            }
            out.append(line).append('\n');
        } while (!String.join("", left).isEmpty());
    }
}
