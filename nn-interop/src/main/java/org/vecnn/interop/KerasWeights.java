package org.vecnn.interop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a Keras file keeps each layer's weights. Legacy HDF5 files list them in the {@code weight_names}
 * attribute of the layer's group under {@code model_weights} (never at fixed paths). Keras 3 archives keep
 * them at {@code layers/<class in snake case>[_<n>]/vars/<i>}, the groups of one class numbered in config
 * order (tf.keras may skip numbers, so the groups present are taken in order).
 */
final class KerasWeights {

    /** The two layouts. */
    enum Layout { LEGACY, KERAS_3 }

    private static final String WINDOWS_PREFIX = "layers\\";
    private static final Pattern COUNTER = Pattern.compile("(.*?)(?:_(\\d+))?");

    private final Hdf5Source file;
    private final Layout layout;
    /** Keras 3: the group paths of each snake-case class name, in counter order. */
    private final Map<String, List<String>> groups = new HashMap<>();
    /** Keras 3: how many layers of each class have been read. */
    private final Map<String, Integer> taken = new HashMap<>();

    KerasWeights(Hdf5Source file, Layout layout) throws ImportException {
        this.file = file;
        this.layout = layout;
        if (layout == Layout.KERAS_3) {
            // Each layer's group, by name under /layers; tf.keras on Windows wrote "layers\\dense" at the root.
            Map<String, String> paths = new HashMap<>();
            file.children("/layers").forEach(name -> paths.put(name, "/layers/" + name));
            file.children("/").stream().filter(name -> name.startsWith(WINDOWS_PREFIX))
                    .forEach(name -> paths.putIfAbsent(name.substring(WINDOWS_PREFIX.length()), "/" + name));
            List<String> names = new ArrayList<>(paths.keySet());
            names.sort((a, b) -> Integer.compare(counter(a), counter(b)));
            for (String name : names) {
                groups.computeIfAbsent(base(name), key -> new ArrayList<>()).add(paths.get(name));
            }
        }
    }

    /** The weights of this layer, in Keras's order; call once per layer, in config order. */
    List<Tensor> of(KerasLayerSpec spec) throws ImportException {
        List<Tensor> weights = new ArrayList<>();
        if (layout == Layout.LEGACY) {
            String group = "/model_weights/" + spec.name();
            for (String weight : file.stringsAttribute(group, "weight_names")) {
                weights.add(file.tensor(group + "/" + weight));
            }
            return weights;
        }
        String snake = snakeCase(spec.className());
        int index = taken.merge(snake, 1, Integer::sum) - 1;
        List<String> candidates = groups.getOrDefault(snake, List.of());
        if (index >= candidates.size()) {
            return weights;
        }
        String vars = candidates.get(index) + "/vars";
        List<String> names = new ArrayList<>(file.children(vars));
        names.sort((a, b) -> Integer.compare(counter("v_" + a), counter("v_" + b)));
        for (String name : names) {
            weights.add(file.tensor(vars + "/" + name));
        }
        return weights;
    }

    /**
     * Keras's {@code to_snake_case}: {@code BatchNormalization} is {@code batch_normalization}, {@code PReLU}
     * is {@code p_re_lu}.
     */
    static String snakeCase(String className) {
        String words = className.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return words.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String base(String group) {
        Matcher matcher = COUNTER.matcher(group);
        return matcher.matches() ? matcher.group(1) : group;
    }

    private static int counter(String group) {
        Matcher matcher = COUNTER.matcher(group);
        if (!matcher.matches() || matcher.group(2) == null) {
            return 0;
        }
        try {
            return Integer.parseInt(matcher.group(2));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
