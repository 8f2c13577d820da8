package org.vecnn.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vecnn.matrix.Matrix;

/**
 * {@code --class-weight}: {@code balanced} (each class weighted by rows / (classes · its rows), as
 * scikit-learn and Keras users compute it), or {@code name:weight} pairs (a class's name, or its index for
 * numeric labels), as the class-index weights fit takes.
 */
final class ClassWeights {

    private ClassWeights() {
    }

    /** The weights by class index for these targets (class indices) and class names (empty: numeric 0/1). */
    static Map<Integer, Double> parse(String spec, Matrix y, List<String> classes) {
        int count = classes.isEmpty() ? 2 : classes.size();
        Map<Integer, Double> weights = new HashMap<>();
        if (spec.strip().equals("balanced")) {
            long[] rows = new long[count];
            for (float label : y.data()) {
                int index = (int) label;
                if (index >= 0 && index < count) {
                    rows[index]++;
                }
            }
            for (int c = 0; c < count; c++) {
                weights.put(c, rows[c] == 0 ? 0.0 : (double) y.rows() / (count * rows[c]));
            }
            return weights;
        }
        for (String pair : spec.split(",")) {
            int colon = pair.lastIndexOf(':');
            if (colon <= 0) {
                throw new CliException("--class-weight: '" + pair + "' is not class:weight (or use balanced)");
            }
            String name = pair.substring(0, colon).strip();
            int index = classes.isEmpty() ? numeric(name) : classes.indexOf(name);
            if (index < 0 || index >= count) {
                throw new CliException("--class-weight: no class '" + name + "'; the classes: "
                        + (classes.isEmpty() ? "0, 1" : String.join(", ", classes)));
            }
            try {
                weights.put(index, Double.parseDouble(pair.substring(colon + 1).strip()));
            } catch (NumberFormatException e) {
                throw new CliException("--class-weight: '" + pair.substring(colon + 1) + "' is not a number");
            }
        }
        return weights;
    }

    private static int numeric(String name) {
        return switch (name) {
            case "0" -> 0;
            case "1" -> 1;
            default -> -1;
        };
    }
}
