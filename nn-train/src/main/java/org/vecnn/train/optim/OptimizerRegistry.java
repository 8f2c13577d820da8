package org.vecnn.train.optim;

import org.vecnn.nn.Registry;

/** The optimisers by Keras name, for {@link Optimizer#of}, each a fresh one per look-up: one line each. */
final class OptimizerRegistry {

    static final Registry<Optimizer> OPTIMIZERS = new Registry<Optimizer>("optimizer")
            .register("sgd", Optimizer::sgd)
            .register("rmsprop", Optimizer::rmsprop)
            .register("adagrad", Optimizer::adagrad)
            .register("adam", Optimizer::adam)
            .register("adamw", () -> Optimizer.adamW(0.001, 0.004));

    private OptimizerRegistry() {
    }
}
