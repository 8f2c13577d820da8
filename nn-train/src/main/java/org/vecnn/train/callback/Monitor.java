package org.vecnn.train.callback;

import java.util.Map;
import org.vecnn.train.History;

/**
 * The quantity a callback watches, and whether a new value improves on the best by more than minDelta:
 * lower is better, except for accuracy, AUC, precision and recall (Keras's {@code mode="auto"}).
 */
final class Monitor {

    private final String name;
    private final double minDelta;
    private final boolean higherIsBetter;
    private double best;

    Monitor(String name, double minDelta) {
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("min delta must be at least 0, got " + minDelta);
        }
        this.name = name;
        this.minDelta = minDelta;
        this.higherIsBetter = History.higherIsBetter(name);
        this.best = higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    String name() {
        return name;
    }

    /** The watched value in these logs, or NaN when they lack it (no validation data, say). */
    double valueIn(Map<String, Double> logs) {
        return logs.getOrDefault(name, Double.NaN);
    }

    /** Whether the value improves on the best; if so it becomes the best. */
    boolean improves(double value) {
        boolean better = higherIsBetter ? value > best + minDelta : value < best - minDelta;
        if (better) {
            best = value;
        }
        return better;
    }

    double best() {
        return best;
    }
}
