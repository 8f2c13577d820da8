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
                throw new CliException("bad layer '" + token + "' in --layers: expected units:activation, such as 25:relu");
            }
            int units;
            try {
                units = Integer.parseInt(parts[0].strip());
            } catch (NumberFormatException e) {
                throw new CliException("bad layer '" + token + "' in --layers: '" + parts[0] + "' is not a whole number of units");
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
}
