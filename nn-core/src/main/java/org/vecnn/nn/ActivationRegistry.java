package org.vecnn.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.vecnn.nn.activation.Parameterised;

/** The activations by Keras name, for {@link Activation#of}. */
final class ActivationRegistry {

    /** Each name with its default activation, in the order error messages list them. */
    static final Map<String, Activation> DEFAULTS = new LinkedHashMap<>();
    /** The names whose activation takes an alpha, with how to make one. */
    static final Map<String, Function<Float, Activation>> WITH_ALPHA =
            Map.of("leaky_relu", Parameterised::leakyRelu, "elu", Parameterised::elu);

    static {
        for (Activation activation : new Activation[] {Activation.LINEAR, Activation.RELU, Activation.SIGMOID,
                Activation.TANH, Activation.SOFTMAX, Activation.LEAKY_RELU, Activation.ELU, Activation.GELU,
                Activation.SWISH, Activation.SOFTPLUS}) {
            DEFAULTS.put(activation.name(), activation);
        }
        DEFAULTS.put("silu", Activation.SWISH);
    }

    private ActivationRegistry() {
    }
}
