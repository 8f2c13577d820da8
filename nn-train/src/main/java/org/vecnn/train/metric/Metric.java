package org.vecnn.train.metric;

import java.util.function.Function;
import org.vecnn.train.loss.Loss;

/**
 * A quantity reported while training, accumulated over the batches of an epoch (Keras's stateful metrics):
 * {@link #reset}, {@link #update} per batch, then {@link #result}. Predictions are the model's outputs
 * (probabilities for sigmoid and softmax outputs); targets are as the loss takes them.
 */
public interface Metric {

    /** The name in the history and the progress line, such as {@code "accuracy"}. */
    String name();

    /** Forgets everything accumulated. */
    void reset();

    /**
     * Accumulates a batch of {@code rows} samples: {@code predictions} rows x outputs, {@code targets} rows x
     * targetWidth. Allocates nothing.
     */
    void update(int rows, int outputs, float[] predictions, float[] targets, int targetWidth);

    /** The value over everything since the last reset. */
    double result();

    /**
     * A fresh metric of this Keras name, for a model trained with this loss: {@code accuracy} (binary,
     * categorical or sparse categorical, chosen from the loss as Keras does), {@code precision},
     * {@code recall}, {@code auc}, {@code mse}, {@code mae}.
     *
     * @throws IllegalArgumentException for any other name, listing the known ones
     */
    static Metric of(String name, Loss loss) {
        return MetricRegistry.METRICS.get(name).apply(loss);
    }

    /**
     * Registers a metric under a name, for {@link #of} and the command line's {@code --metrics}: its factory
     * makes a fresh one for a model trained with the given loss.
     *
     * @throws IllegalArgumentException for a blank name or one already registered
     */
    static void register(String name, Function<Loss, Metric> factory) {
        MetricRegistry.METRICS.register(name, () -> factory);
    }
}
