package org.vecnn.nn;

import java.util.ArrayList;
import java.util.List;

/** Build-time warnings about a model's layers, one line each, as {@link Sequential#warnings()} gives them. */
final class Lint {

    private Lint() {
    }

    /**
     * A linear Dense layer whose output reaches another Dense through no non-linear activation collapses with
     * it into one linear map.
     */
    static List<String> warnings(Layer[] layers) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] instanceof Dense dense && dense.activation().equals(Activation.LINEAR)
                    && reachesDenseLinearly(layers, i + 1)) {
                found.add("hidden layer '" + dense.name() + "' (Dense) has a linear activation: stacked linear"
                        + " layers collapse into one linear model, so it adds nothing; use a non-linear activation"
                        + " such as relu");
            }
        }
        return List.copyOf(found);
    }

    /** Whether the first layer from {@code from} with a non-linear activation, or the first Dense, is a Dense. */
    private static boolean reachesDenseLinearly(Layer[] layers, int from) {
        for (int j = from; j < layers.length; j++) {
            Activation next = layers[j].outputActivation();
            if (layers[j] instanceof Dense) {
                return true;
            }
            if (next != null && !next.equals(Activation.LINEAR)) {
                return false;
            }
        }
        return false;
    }
}
