package org.vecnn.cli;

import java.util.ArrayList;
import java.util.List;
import org.vecnn.nn.Activation;
import org.vecnn.nn.ActivationLayer;
import org.vecnn.nn.BatchNormalization;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Dropout;
import org.vecnn.nn.Layer;

/**
 * {@code --layers 64:relu,bn,dropout:0.2,1:sigmoid}: comma-separated layers. {@code units:activation} is a
 * Dense layer, {@code bn} a BatchNormalization, {@code dropout:rate} a Dropout and {@code activation:name}
 * an Activation layer; the last is a Dense layer, the output.
 */
final class LayerSpec {

    private LayerSpec() {
    }

    static List<Layer> parse(String spec) {
        List<Layer> layers = new ArrayList<>();
        for (String token : spec.split(",", -1)) {
            layers.add(layer(token));
        }
        if (!(layers.getLast() instanceof Dense)) {
            throw new CliException("bad --layers '" + spec + "': the last layer must be units:activation, the"
                    + " output, such as 1:sigmoid");
        }
        return layers;
    }

    /** The Dense output layer of parsed layers. */
    static Dense output(List<Layer> layers) {
        return (Dense) layers.getLast();
    }

    private static Layer layer(String token) {
        String stripped = token.strip();
        if (stripped.equals("bn")) {
            return new BatchNormalization();
        }
        String[] parts = stripped.split(":", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw bad(token, "expected units:activation (such as 25:relu), bn, dropout:rate or activation:name");
        }
        String kind = parts[0].strip();
        String value = parts[1].strip();
        try {
            return switch (kind) {
                case "dropout" -> new Dropout(rate(token, value));
                case "activation" -> new ActivationLayer(value);
                default -> new Dense(units(token, kind), Activation.of(value));
            };
        } catch (IllegalArgumentException e) {
            throw bad(token, e.getMessage());
        }
    }

    private static float rate(String token, String value) {
        try {
            return Float.parseFloat(value);
        } catch (NumberFormatException e) {
            throw bad(token, "'" + value + "' is not a dropout rate");
        }
    }

    private static int units(String token, String value) {
        int units;
        try {
            units = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw bad(token, "'" + value + "' is not a whole number of units");
        }
        if (units < 1) {
            throw bad(token, "units must be at least 1");
        }
        return units;
    }

    private static CliException bad(String token, String problem) {
        return new CliException("bad layer '" + token + "' in --layers: " + problem);
    }

    /** Weights one array can hold. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /**
     * Bytes per parameter while training: the published weights, the working copy, the gradient, two
     * optimiser moments, and a snapshot being saved.
     */
    private static final long TRAINING_BYTES_PER_PARAMETER = 6 * Float.BYTES;

    /**
     * Checks, before anything is allocated, that every layer's kernel fits in one array and that training
     * the whole model fits in the memory this JVM may use ({@code -Xmx}).
     */
    static void checkSize(int inputs, List<Layer> layers, long maxMemory) {
        long width = inputs;
        long parameters = 0;
        for (int i = 0; i < layers.size(); i++) {
            if (!(layers.get(i) instanceof Dense dense)) {
                parameters += 4 * width;
                continue;
            }
            long weights = width * dense.units();
            if (weights > MAX_ARRAY) {
                throw new CliException(String.format(java.util.Locale.ROOT, "layer %d of --layers (%,d units on %,d"
                        + " inputs) would have %,d weights; one layer holds at most %,d", i + 1, dense.units(),
                        width, weights, MAX_ARRAY));
            }
            parameters += weights + dense.units();
            width = dense.units();
        }
        long needed = parameters * TRAINING_BYTES_PER_PARAMETER;
        if (needed > maxMemory) {
            throw new CliException(String.format(java.util.Locale.ROOT, "a model of %,d parameters needs about %.1f GB"
                    + " to train, and this JVM may use %.1f GB: raise -Xmx (for example VECNN_JAVA_OPTS=-Xmx%dg"
                    + " ./vecnn ...) or use smaller layers", parameters, needed / 1e9, maxMemory / 1e9,
                    (needed >> 30) + 2));
        }
    }
}
