package org.vecnn.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vecnn.matrix.Matrix;
import org.vecnn.train.metric.Metric;

/**
 * Keras's {@code evaluate} over data given in parts ({@link Trainer#evaluation}): the sample-weighted mean
 * loss and every compiled metric over all the rows added so far, with the weights published when it began.
 */
public final class Evaluation {

    /** Rows the loss is summed over at a time; parts of a multiple of it add up as one evaluate does. */
    static final int PART_ROWS = 256;

    private final Trainer trainer;
    private final TrainingPass pass;
    private final List<Metric> metrics;
    private double lossSum;
    private long samples;

    Evaluation(Trainer trainer, TrainingPass pass, List<Metric> metrics) {
        this.trainer = trainer;
        this.pass = pass;
        this.metrics = metrics;
    }

    /**
     * Adds samples: x one per row, y their targets, checked as {@link Trainer#fit} checks them.
     *
     * @throws IllegalArgumentException for empty or mismatched data, a NaN or infinite value, or targets
     *     the loss cannot take
     */
    public Evaluation add(Matrix x, Matrix y) {
        trainer.check(x, y);
        lossSum += pass.sumLoss(x, y, 0, x.rows(), metrics);
        samples += x.rows();
        return this;
    }

    /** The samples added so far. */
    public long samples() {
        return samples;
    }

    /**
     * The mean loss and each metric over everything added, by name: {@code loss} first.
     *
     * @throws IllegalStateException if nothing was added
     */
    public Map<String, Double> result() {
        if (samples == 0) {
            throw new IllegalStateException("nothing to evaluate: no samples were added");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("loss", lossSum / samples);
        metrics.forEach(metric -> values.put(metric.name(), metric.result()));
        return values;
    }
}
