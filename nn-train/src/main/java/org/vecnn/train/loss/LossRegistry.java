package org.vecnn.train.loss;

import java.util.List;
import org.vecnn.nn.Registry;

/** The losses by Keras name, for {@link Loss#of}: one line each. */
final class LossRegistry {

    static final Registry<Loss> LOSSES = new Registry<Loss>("loss")
            .register("mean_squared_error", () -> Loss.MEAN_SQUARED_ERROR, "mse")
            .register("mean_absolute_error", () -> Loss.MEAN_ABSOLUTE_ERROR, "mae")
            .register("huber", () -> Loss.huber(1f))
            .register("binary_crossentropy", () -> Loss.BINARY_CROSSENTROPY)
            .register("categorical_crossentropy", () -> Loss.CATEGORICAL_CROSSENTROPY)
            .register("sparse_categorical_crossentropy", () -> Loss.SPARSE_CATEGORICAL_CROSSENTROPY);

    /** The names registered here, before any of a user's. */
    static final List<String> BUILT_IN = LOSSES.names();

    private LossRegistry() {
    }
}
