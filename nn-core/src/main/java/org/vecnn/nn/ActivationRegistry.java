package org.vecnn.nn;

import java.util.List;

/** The activations by Keras name, for {@link Activation#of}: one line each. */
final class ActivationRegistry {

    static final Registry<Activation> ACTIVATIONS = new Registry<Activation>("activation")
            .register("linear", () -> Activation.LINEAR)
            .register("relu", () -> Activation.RELU)
            .register("sigmoid", () -> Activation.SIGMOID)
            .register("tanh", () -> Activation.TANH)
            .register("softmax", () -> Activation.SOFTMAX)
            .register("leaky_relu", () -> Activation.LEAKY_RELU)
            .register("elu", () -> Activation.ELU)
            .register("gelu", () -> Activation.GELU)
            .register("swish", () -> Activation.SWISH, "silu")
            .register("softplus", () -> Activation.SOFTPLUS);

    /** The names registered here, before any of a user's. */
    static final List<String> BUILT_IN = ACTIVATIONS.names();

    private ActivationRegistry() {
    }
}
