package org.vecnn.train;

import java.util.Locale;
import java.util.Map;

/**
 * The tf.keras 2 progress text of an epoch: {@code 7/7 [==============================] - 0s 2ms/step -
 * loss: 0.6931} (verbosity 1; the bar is drawn with {@code >} at its head while running) or
 * {@code 7/7 - 0s - loss: 0.6931 - 12ms/epoch - 2ms/step} (verbosity 2).
 */
final class ProgressLine {

    private static final int BAR = 30;

    private ProgressLine() {
    }

    /** The line after {@code step} of {@code steps} batches, {@code seconds} into the epoch. */
    static String format(int verbose, int step, int steps, double seconds, Map<String, Double> values) {
        boolean done = step == steps;
        StringBuilder line = new StringBuilder();
        String total = Integer.toString(steps);
        line.append(String.format(Locale.ROOT, "%" + total.length() + "d/%s", step, total));
        double perStep = seconds / Math.max(1, step);
        if (verbose == 1) {
            int filled = (int) ((long) BAR * step / steps);
            line.append(" [");
            if (filled > 0) {
                line.append("=".repeat(filled - 1)).append(step < steps ? '>' : '=');
            }
            line.append(".".repeat(BAR - filled));
            line.append("] - ");
            if (done) {
                line.append(String.format(Locale.ROOT, "%.0fs %s", Math.floor(seconds), perStep(perStep)));
            } else {
                line.append(String.format(Locale.ROOT, "ETA: %.0fs", perStep * (steps - step)));
            }
        } else {
            line.append(String.format(Locale.ROOT, " - %.0fs", Math.floor(seconds)));
        }
        values.forEach((name, value) -> line.append(" - ").append(name).append(": ").append(number(value)));
        if (verbose == 2) {
            line.append(" - ").append(duration(seconds)).append("/epoch - ").append(perStep(perStep));
        }
        return line.toString();
    }

    /** %.4f, or %.4e for magnitudes below 1e-3, as Keras prints metrics. */
    static String number(double value) {
        return String.format(Locale.ROOT, Math.abs(value) > 1e-3 || value == 0 ? "%.4f" : "%.4e", value);
    }

    private static String perStep(double seconds) {
        return duration(seconds) + "/step";
    }

    /** Seconds as whole s, ms or us, whichever is the largest unit with a value of at least 1. */
    private static String duration(double seconds) {
        if (seconds >= 1) {
            return String.format(Locale.ROOT, "%.0fs", seconds);
        }
        if (seconds >= 1e-3) {
            return String.format(Locale.ROOT, "%.0fms", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.0fus", seconds * 1e6);
    }
}
