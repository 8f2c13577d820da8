package org.vecnn.train.metric;

import java.util.function.Function;
import org.vecnn.nn.Registry;
import org.vecnn.train.loss.Loss;

/** The metrics by Keras name, for {@link Metric#of}: one line each, a factory from the loss trained with. */
final class MetricRegistry {

    static final Registry<Function<Loss, Metric>> METRICS = new Registry<Function<Loss, Metric>>("metric")
            .register("accuracy", () -> Accuracy::forLoss, "acc")
            .register("precision", () -> loss -> new Confusion(Confusion.Kind.PRECISION))
            .register("recall", () -> loss -> new Confusion(Confusion.Kind.RECALL))
            .register("auc", () -> loss -> new Auc())
            .register("mse", () -> loss -> new MeanError(true), "mean_squared_error")
            .register("mae", () -> loss -> new MeanError(false), "mean_absolute_error");

    private MetricRegistry() {
    }
}
