package org.vecnn.cli;

import java.util.ArrayList;
import java.util.List;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Dense;

/** {@code --layers 25:relu,15:relu,1:sigmoid}: Dense layers as units:activation, comma-separated. */
final class LayerSpec {

    private LayerSpec() {
    }

    static List<Dense> parse(String spec) {
        List<Dense> layers = new ArrayList<>();
        for (String token : spec.split(",", -1)) {
            String[] parts = token.strip().split(":", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new CliException("bad layer '" + token
                        + "' in --layers: expected units:activation, such as 25:relu");
            }
            int units;
            try {
                units = Integer.parseInt(parts[0].strip());
            } catch (NumberFormatException e) {
                throw new CliException("bad layer '" + token + "' in --layers: '" + parts[0]
                        + "' is not a whole number of units");
            }
            if (units < 1) {
                throw new CliException("bad layer '" + token + "' in --layers: units must be at least 1");
            }
            Activation activation;
            try {
                activation = Activation.of(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new CliException("bad layer '" + token + "' in --layers: " + e.getMessage());
            }
            layers.add(new Dense(units, activation));
        }
        return layers;
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
    static void checkSize(int inputs, List<Dense> layers, long maxMemory) {
        long width = inputs;
        long parameters = 0;
        for (int i = 0; i < layers.size(); i++) {
            long weights = width * layers.get(i).units();
            if (weights > MAX_ARRAY) {
                throw new CliException(String.format(java.util.Locale.ROOT, "layer %d of --layers (%,d units on %,d"
                        + " inputs) would have %,d weights; one layer holds at most %,d", i + 1, layers.get(i).units(),
                        width, weights, MAX_ARRAY));
            }
            parameters += weights + layers.get(i).units();
            width = layers.get(i).units();
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
