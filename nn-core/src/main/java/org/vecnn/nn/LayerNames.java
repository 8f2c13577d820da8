package org.vecnn.nn;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Keras's default layer names: the type in snake case and a counter per type ({@code dense}, {@code dense_1}). */
final class LayerNames {

    private LayerNames() {
    }

    /**
     * Names every unnamed layer.
     *
     * @throws IllegalArgumentException if two layers were given one name
     */
    static void assign(Layer[] layers) {
        Set<String> taken = new HashSet<>();
        for (Layer layer : layers) {
            if (layer.name() != null && !taken.add(layer.name())) {
                throw new IllegalArgumentException("two layers are named '" + layer.name() + "'");
            }
        }
        Map<String, Integer> counters = new HashMap<>();
        for (Layer layer : layers) {
            if (layer.name() == null) {
                String base = layer.type().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
                String candidate;
                do {
                    int n = counters.merge(base, 1, Integer::sum) - 1;
                    candidate = n == 0 ? base : base + "_" + n;
                } while (!taken.add(candidate));
                layer.assignDefaultName(candidate);
            }
        }
    }
}
