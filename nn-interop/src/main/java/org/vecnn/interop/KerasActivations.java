package org.vecnn.interop;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import org.vecnn.nn.Activation;

/**
 * Keras's activations as vecnn's: by name (every one vecnn has, {@code hard_sigmoid} in the form of the
 * Keras version that wrote the file), or given as a serialised layer object (LeakyReLU, ReLU, ELU,
 * ThresholdedReLU, Softmax), as a Dense layer's activation may be.
 *
 * @param kerasMajor the major version of the Keras that wrote the file (2 for Keras 1 and 2, 3 for Keras 3)
 */
record KerasActivations(int kerasMajor) {

    /** The activation names Keras files use that vecnn imports. */
    static final List<String> NAMES = List.of("linear", "relu", "sigmoid", "tanh", "softmax", "elu", "selu",
            "softplus", "softsign", "hard_sigmoid", "exponential", "swish", "silu", "gelu", "relu6", "leaky_relu");

    /** Keras 2's hard sigmoid, {@code clip(0.2·x + 0.5, 0, 1)}; Keras 3's has slope 1/6. */
    private static final float KERAS_2_HARD_SIGMOID_SLOPE = 0.2f;

    /** The activation a layer's {@code activation} value names. */
    Activation of(JsonElement value, KerasLayerSpec spec) throws ImportException {
        if (value == null) {
            return Activation.LINEAR;
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
            return named(value.getAsString(), spec);
        }
        if (value.isJsonObject()) {
            JsonObject object = value.getAsJsonObject();
            JsonElement className = object.get("class_name");
            JsonElement config = object.get("config");
            if (className != null && className.isJsonPrimitive()) {
                if (config != null && config.isJsonPrimitive()) {
                    return named(config.getAsString(), spec);
                }
                if (config != null && config.isJsonObject()) {
                    KerasLayerSpec inner = new KerasLayerSpec(className.getAsString(), spec.name() + " activation",
                            config.getAsJsonObject(), spec.file());
                    return KerasLayers.activationOf(inner, this);
                }
            }
        }
        throw spec.fail("an activation must be a name or a serialised activation layer, got " + value);
    }

    /** The activation of this Keras name. */
    Activation named(String name, KerasLayerSpec spec) throws ImportException {
        if (!NAMES.contains(name)) {
            throw spec.fail("activation '" + name + "' is not supported; supported: " + String.join(", ", NAMES));
        }
        return name.equals("hard_sigmoid") && kerasMajor < 3 ? Activation.of(name, KERAS_2_HARD_SIGMOID_SLOPE)
                : Activation.of(name);
    }
}
