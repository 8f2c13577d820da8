package org.vecnn.interop;

import com.google.gson.JsonElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Activation;
import org.vecnn.nn.ActivationLayer;
import org.vecnn.nn.BatchNormalization;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Dropout;
import org.vecnn.nn.Layer;
import org.vecnn.nn.Normalization;
import org.vecnn.nn.PReLU;
import org.vecnn.nn.ReLU;

/**
 * Each supported Keras layer class as vecnn layers: one line per class in {@link #CONVERTERS}. Layers that
 * do nothing at inference (InputLayer, Flatten of a fixed shape, the noise layers) become no layer; Dense,
 * BatchNormalization and Normalization carry their weights; the activation layers become vecnn's
 * activations.
 */
final class KerasLayers {

    /** A vecnn layer and the weights to give it once the model is built (none for most). */
    record Imported(Layer layer, List<Matrix> weights) {
    }

    /** What a Keras layer became, and the shape of one sample after it. */
    record Step(List<Imported> layers, int[] outputShape) {
    }

    /** How one Keras class converts, from its spec, the shape of its input and its weights. */
    @FunctionalInterface
    interface Converter {
        Step convert(KerasLayerSpec spec, int[] input, List<Tensor> weights, KerasActivations activations)
                throws ImportException;
    }

    private static final Converter IDENTITY = (spec, input, weights, activations) -> new Step(List.of(), input);
    private static final Converter AS_ACTIVATION = (spec, input, weights, activations) ->
            new Step(List.of(new Imported(new ActivationLayer(activationOf(spec, activations)), List.of())), input);

    static final Map<String, Converter> CONVERTERS = Map.ofEntries(
            Map.entry("InputLayer", IDENTITY),
            Map.entry("Dense", KerasLayers::dense),
            Map.entry("Activation", AS_ACTIVATION),
            Map.entry("ReLU", KerasLayers::relu),
            Map.entry("PReLU", KerasLayers::prelu),
            Map.entry("LeakyReLU", AS_ACTIVATION),
            Map.entry("ELU", AS_ACTIVATION),
            Map.entry("ThresholdedReLU", AS_ACTIVATION),
            Map.entry("Softmax", AS_ACTIVATION),
            Map.entry("Dropout", (spec, input, weights, activations) -> new Step(List.of(new Imported(
                    new Dropout((float) spec.number("rate", spec.number("p", 0))), List.of())), input)),
            Map.entry("AlphaDropout", IDENTITY),
            Map.entry("GaussianDropout", IDENTITY),
            Map.entry("GaussianNoise", IDENTITY),
            Map.entry("ActivityRegularization", IDENTITY),
            Map.entry("Flatten", (spec, input, weights, activations) -> new Step(List.of(), new int[] {width(input)})),
            Map.entry("BatchNormalization", KerasLayers::batchNormalization),
            Map.entry("Normalization", KerasLayers::normalization));

    private KerasLayers() {
    }

    /** The converter of this spec's class, or a failure naming the layer, its class and the supported ones. */
    static Converter converter(KerasLayerSpec spec) throws ImportException {
        Converter converter = CONVERTERS.get(spec.className());
        if (converter == null) {
            throw spec.fail("Keras layer class " + spec.className() + " is not supported; supported: "
                    + String.join(", ", new TreeSet<>(CONVERTERS.keySet())));
        }
        return converter;
    }

    /** The activation an activation layer (or a Dense's serialised activation object) computes. */
    static Activation activationOf(KerasLayerSpec spec, KerasActivations activations) throws ImportException {
        return switch (spec.className()) {
            case "Activation" -> activations.of(spec.get("activation"), spec);
            case "LeakyReLU" -> Activation.leakyRelu((float) spec.number("negative_slope", spec.number("alpha", 0.3)));
            case "ELU" -> Activation.elu((float) spec.number("alpha", 1));
            case "ThresholdedReLU" -> Activation.of("thresholded_relu", (float) spec.number("theta", 1));
            case "Softmax" -> {
                JsonElement axis = spec.get("axis");
                if (axis != null && !(axis.isJsonPrimitive() && axis.getAsInt() == -1)) {
                    throw spec.fail("softmax over axis " + axis + "; only the last axis (-1) imports");
                }
                yield Activation.SOFTMAX;
            }
            case "ReLU" -> relu(spec);
            default -> throw spec.fail("Keras class " + spec.className() + " is not an activation vecnn imports");
        };
    }

    /** Keras's ReLU layer as an activation where one computes it: plain, capped at 6, or leaky; else null. */
    private static Activation simpleRelu(KerasLayerSpec spec) throws ImportException {
        double cap = spec.number("max_value", Double.POSITIVE_INFINITY);
        double slope = spec.number("negative_slope", 0);
        if (spec.number("threshold", 0) != 0) {
            return null;
        }
        if (cap == Double.POSITIVE_INFINITY) {
            return slope == 0 ? Activation.RELU : Activation.leakyRelu((float) slope);
        }
        return cap == 6 && slope == 0 ? Activation.of("relu6") : null;
    }

    private static Activation relu(KerasLayerSpec spec) throws ImportException {
        Activation simple = simpleRelu(spec);
        if (simple == null) {
            throw spec.fail("a ReLU with a threshold or a cap other than 6 is a layer, not an activation");
        }
        return simple;
    }

    /** The ReLU layer: the activation where one computes it, else vecnn's ReLU layer with every setting. */
    private static Step relu(KerasLayerSpec spec, int[] input, List<Tensor> weights, KerasActivations activations)
            throws ImportException {
        Activation simple = simpleRelu(spec);
        try {
            Layer layer = simple != null ? new ActivationLayer(simple) : new ReLU(
                    (float) spec.number("max_value", Double.POSITIVE_INFINITY),
                    (float) spec.number("negative_slope", 0), (float) spec.number("threshold", 0));
            return new Step(List.of(new Imported(layer, List.of())), input);
        } catch (IllegalArgumentException e) {
            throw spec.fail(e.getMessage());
        }
    }

    /** PReLU with a slope per feature (no shared axes): its alpha, of the input's shape, flattened. */
    private static Step prelu(KerasLayerSpec spec, int[] input, List<Tensor> weights, KerasActivations activations)
            throws ImportException {
        if (spec.has("shared_axes")) {
            throw spec.fail("a PReLU with shared_axes " + spec.get("shared_axes") + " does not import; one slope per"
                    + " feature does");
        }
        requireWeights(spec, weights, 1);
        int width = width(input);
        if (weights.getFirst().size() != width) {
            throw spec.fail("alpha of shape " + weights.getFirst() + " for an input of shape "
                    + Arrays.toString(input));
        }
        return new Step(List.of(new Imported(new PReLU(), List.of(Matrix.wrap(1, width, weights.getFirst().values())))),
                input);
    }

    private static Step dense(KerasLayerSpec spec, int[] input, List<Tensor> weights, KerasActivations activations)
            throws ImportException {
        requireFlat(spec, input);
        int units = (int) spec.number("units", spec.number("output_dim", 0));
        boolean bias = spec.bool("use_bias", spec.bool("bias", true));
        if (units <= 0) {
            throw spec.fail("units must be positive, got " + units);
        }
        requireWeights(spec, weights, bias ? 2 : 1);
        Dense dense = new Dense(units, activations.of(spec.get("activation"), spec)).useBias(bias);
        List<Matrix> matrices = bias ? List.of(matrix(spec, weights.get(0), input[0], units),
                matrix(spec, weights.get(1), 1, units)) : List.of(matrix(spec, weights.get(0), input[0], units));
        return new Step(List.of(new Imported(dense, matrices)), new int[] {units});
    }

    private static Step batchNormalization(KerasLayerSpec spec, int[] input, List<Tensor> weights,
                                           KerasActivations activations) throws ImportException {
        requireFlat(spec, input);
        requireLastAxis(spec, input);
        boolean center = spec.bool("center", true);
        boolean scale = spec.bool("scale", true);
        int expected = 2 + (center ? 1 : 0) + (scale ? 1 : 0);
        requireWeights(spec, weights, expected);
        BatchNormalization layer = new BatchNormalization((float) spec.number("momentum", 0.99),
                (float) spec.number("epsilon", 1e-3), center, scale);
        List<Matrix> matrices = new ArrayList<>();
        for (Tensor weight : weights) {
            matrices.add(matrix(spec, weight, 1, input[0]));
        }
        return new Step(List.of(new Imported(layer, matrices)), input);
    }

    private static Step normalization(KerasLayerSpec spec, int[] input, List<Tensor> weights,
                                      KerasActivations activations) throws ImportException {
        requireFlat(spec, input);
        requireLastAxis(spec, input);
        if (spec.bool("invert", false)) {
            throw spec.fail("an inverted Normalization (invert=True) does not import");
        }
        if (weights.size() < 2) {
            throw spec.fail("has " + weights.size() + " weights; a Normalization needs its mean and variance");
        }
        float[] mean = matrix(spec, weights.get(0), 1, input[0]).data();
        float[] variance = matrix(spec, weights.get(1), 1, input[0]).data();
        long count = weights.size() > 2 && weights.get(2).values().length == 1 ? (long) weights.get(2).values()[0] : 0;
        Normalization layer = new Normalization();
        try {
            layer.setStatistics(mean, variance, Math.max(count, 0));
        } catch (IllegalArgumentException e) {
            throw spec.fail(e.getMessage());
        }
        return new Step(List.of(new Imported(layer, List.of())), input);
    }

    /** The product of a sample's axes: its width once flattened. */
    static int width(int[] shape) {
        long width = 1;
        for (int axis : shape) {
            width *= axis;
        }
        return (int) Math.min(width, Integer.MAX_VALUE);
    }

    private static void requireFlat(KerasLayerSpec spec, int[] input) throws ImportException {
        if (input.length != 1) {
            throw spec.fail("takes a sample of shape " + Arrays.toString(input) + "; only a flat input"
                    + " (a Flatten first) imports here");
        }
    }

    private static void requireLastAxis(KerasLayerSpec spec, int[] input) throws ImportException {
        JsonElement axis = spec.get("axis");
        if (axis == null) {
            return;
        }
        JsonElement value = axis.isJsonArray() && axis.getAsJsonArray().size() == 1 ? axis.getAsJsonArray().get(0)
                : axis;
        if (!value.isJsonPrimitive() || !(value.getAsInt() == -1 || value.getAsInt() == input.length)) {
            throw spec.fail("normalises axis " + axis + "; only the feature axis (-1) imports");
        }
    }

    private static void requireWeights(KerasLayerSpec spec, List<Tensor> weights, int expected) throws ImportException {
        if (weights.size() != expected) {
            throw spec.fail("has " + weights.size() + " weight arrays in the file, its config needs " + expected);
        }
    }

    /** A weight as a rows x cols matrix, its shape checked against the one the layer needs. */
    private static Matrix matrix(KerasLayerSpec spec, Tensor weight, int rows, int cols) throws ImportException {
        int[] shape = weight.shape();
        boolean fits = rows == 1 ? shape.length == 1 && shape[0] == cols
                || shape.length == 2 && shape[0] == 1 && shape[1] == cols
                : shape.length == 2 && shape[0] == rows && shape[1] == cols;
        if (!fits || weight.values().length != rows * cols) {
            throw spec.fail("a weight of shape " + weight + " where " + (rows == 1 ? "[" + cols + "]"
                    : "[" + rows + ", " + cols + "]") + " is needed");
        }
        return Matrix.wrap(rows, cols, weight.values());
    }
}
