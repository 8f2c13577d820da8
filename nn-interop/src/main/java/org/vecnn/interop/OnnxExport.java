package org.vecnn.interop;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Activation;
import org.vecnn.nn.ActivationLayer;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Layer;
import org.vecnn.nn.LayerConfig;
import org.vecnn.nn.Normalization;
import org.vecnn.nn.Sequential;

/**
 * Writes a vecnn model as an ONNX model: opset 17, one float input {@code input} of shape
 * {@code [batch, width]} with a dynamic batch axis, one output {@code output}. Dense is a Gemm then its
 * activation's operators (GELU and swish as compositions, relu6 a Clip); Normalization a Sub and a Mul;
 * BatchNormalization, PReLU and Keras's ReLU their operators; Dropout nothing. A layer or activation of a
 * user's own fails, naming it.
 */
public final class OnnxExport {

    /** The opset the export writes. */
    public static final int OPSET = 17;
    private static final int IR_VERSION = 8;
    private static final int FLOAT = 1;
    private static final int ATTRIBUTE_FLOAT = 1;
    private static final int ATTRIBUTE_INT = 2;

    /** How each layer type becomes nodes: one line per type. */
    @FunctionalInterface
    private interface LayerWriter {
        void write(OnnxExport export, Layer layer) ;
    }

    private static final Map<String, LayerWriter> LAYERS = Map.of(
            "Dense", OnnxExport::dense,
            "Activation", (export, layer) -> export.activation(layer, ((ActivationLayer) layer)
                    .activation()),
            "Normalization", OnnxExport::normalization,
            "BatchNormalization", OnnxExport::batchNormalization,
            "Dropout", (export, layer) -> { },
            "PReLU", (export, layer) -> export.node("PRelu", layer.name(), export.current,
                    export.initializer(layer.name() + "/alpha", layer.weights().getFirst())),
            "ReLU", OnnxExport::relu);

    private final ProtoWriter graph = new ProtoWriter();
    private String current = "input";
    private int counter;

    private OnnxExport() {
    }

    /**
     * The model as the bytes of an ONNX file.
     *
     * @throws IllegalArgumentException for a model not built, or a layer or activation that does not export
     */
    public static byte[] encode(Sequential model) {
        if (!model.isBuilt()) {
            throw new IllegalArgumentException("model '" + model.name() + "' is not built: build it before exporting");
        }
        OnnxExport export = new OnnxExport();
        for (Layer layer : model.layers()) {
            LayerWriter writer = LAYERS.get(layer.type());
            if (writer == null) {
                throw new IllegalArgumentException("layer '" + layer.name() + "' (" + layer.type() + ") does not export"
                        + " to ONNX; these layer types do: " + String.join(", ", new TreeSet<>(LAYERS.keySet())));
            }
            writer.write(export, layer);
        }
        export.node("Identity", "output", export.current);
        export.graph.string(2, model.name());
        export.graph.message(11, valueInfo("input", model.inputWidth()));
        export.graph.message(12, valueInfo("output", model.outputWidth()));
        return new ProtoWriter().varint(1, IR_VERSION).string(2, "vecnn").message(7, export.graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, OPSET)).toByteArray();
    }

    /** Writes the model to an ONNX file. */
    public static void write(Sequential model, Path file) throws IOException {
        Files.write(file, encode(model));
    }

    /** Writes the model's ONNX bytes to a stream (not closed). */
    public static void write(Sequential model, OutputStream out) throws IOException {
        out.write(encode(model));
    }

    private static void dense(OnnxExport export, Layer layer) {
        Dense dense = (Dense) layer;
        List<Matrix> weights = dense.weights();
        String w = export.initializer(layer.name() + "/kernel", weights.get(0));
        if (dense.usesBias()) {
            export.node("Gemm", layer.name(), export.current, w, export.initializer(layer.name() + "/bias",
                    weights.get(1)));
        } else {
            export.node("Gemm", layer.name(), export.current, w);
        }
        export.activation(layer, dense.activation());
    }

    private static void normalization(OnnxExport export, Layer layer) {
        Normalization normalization = (Normalization) layer;
        float[] mean = normalization.mean();
        float[] variance = normalization.variance();
        float[] scale = new float[variance.length];
        for (int j = 0; j < scale.length; j++) {
            scale[j] = 1f / Math.max((float) Math.sqrt(variance[j]), Normalization.EPSILON);
        }
        export.node("Sub", layer.name() + "/centre", export.current, export.initializer(layer.name() + "/mean",
                Matrix.wrap(1, mean.length, mean)));
        export.node("Mul", layer.name(), export.current, export.initializer(layer.name() + "/scale",
                Matrix.wrap(1, scale.length, scale)));
    }

    private static void batchNormalization(OnnxExport export, Layer layer) {
        LayerConfig config = layer.config();
        boolean scale = config.getBoolean("scale", true);
        boolean center = config.getBoolean("center", true);
        List<Matrix> weights = layer.weights();
        int width = layer.inputWidth();
        int at = 0;
        Matrix gamma = scale ? weights.get(at++) : filled(width, 1f);
        Matrix beta = center ? weights.get(at++) : filled(width, 0f);
        Matrix mean = weights.get(at++);
        Matrix variance = weights.get(at);
        String name = layer.name();
        ProtoWriter node = export.nodeWriter("BatchNormalization", name, export.current, export.initializer(name
                + "/gamma", gamma), export.initializer(name + "/beta", beta), export.initializer(name + "/moving_mean",
                mean), export.initializer(name + "/moving_variance", variance));
        node.message(5, floatAttribute("epsilon", config.getFloat("epsilon", 1e-3f)));
        export.graph.message(1, node);
        export.current = name;
    }

    /** Keras's ReLU: z > θ ? min(z, max) : s·(z − θ), as Where(Greater, Min, Mul(Sub)). */
    private static void relu(OnnxExport export, Layer layer) {
        LayerConfig config = layer.config();
        float cap = config.getFloat("max_value", Float.MAX_VALUE);
        float slope = config.getFloat("negative_slope", 0f);
        float threshold = config.getFloat("threshold", 0f);
        String name = layer.name();
        String x = export.current;
        String theta = export.initializer(name + "/threshold", filled(1, threshold));
        String above = export.node("Greater", name + "/above", x, theta);
        String capped = export.node("Min", name + "/capped", x, export.initializer(name + "/max", filled(1, cap)));
        String shifted = export.node("Sub", name + "/shifted", x, theta);
        String below = export.node("Mul", name + "/below", shifted, export.initializer(name + "/slope",
                filled(1, slope)));
        export.node("Where", name, above, capped, below);
    }

    /** The activation's operators after the current tensor; none for linear. */
    private void activation(Layer layer, Activation g) {
        String name = layer.name() + "/" + g.name();
        String x = current;
        switch (g.name()) {
            case "linear" -> { }
            case "relu" -> node("Relu", name, x);
            case "sigmoid" -> node("Sigmoid", name, x);
            case "tanh" -> node("Tanh", name, x);
            case "softplus" -> node("Softplus", name, x);
            case "softsign" -> node("Softsign", name, x);
            case "selu" -> node("Selu", name, x);
            case "exponential" -> node("Exp", name, x);
            case "softmax" -> withAttribute(name, intAttribute("axis", -1), "Softmax", x);
            case "elu" -> withAttribute(name, floatAttribute("alpha", g.alpha()), "Elu", x);
            case "leaky_relu" -> withAttribute(name, floatAttribute("alpha", g.alpha()), "LeakyRelu", x);
            case "thresholded_relu" -> withAttribute(name, floatAttribute("alpha", g.alpha()), "ThresholdedRelu", x);
            case "hard_sigmoid" -> {
                ProtoWriter node = nodeWriter("HardSigmoid", name, x);
                node.message(5, floatAttribute("alpha", g.alpha())).message(5, floatAttribute("beta", 0.5f));
                graph.message(1, node);
                current = name;
            }
            case "relu6" -> node("Clip", name, x, initializer(name + "/min", filled(1, 0f)),
                    initializer(name + "/max", filled(1, 6f)));
            case "swish" -> node("Mul", name, x, node("Sigmoid", name + "/sigmoid", x));
            case "gelu" -> {
                String scaled = node("Mul", name + "/scaled", x, initializer(name + "/inv_sqrt2",
                        filled(1, (float) (1 / Math.sqrt(2)))));
                String erf = node("Erf", name + "/erf", scaled);
                String plus = node("Add", name + "/plus_one", erf, initializer(name + "/one", filled(1, 1f)));
                String times = node("Mul", name + "/times_x", x, plus);
                node("Mul", name, times, initializer(name + "/half", filled(1, 0.5f)));
            }
            default -> throw new IllegalArgumentException("layer '" + layer.name() + "': activation '" + g.name()
                    + "' does not export to ONNX");
        }
    }

    private void withAttribute(String name, ProtoWriter attribute, String op, String x) {
        ProtoWriter node = nodeWriter(op, name, x);
        node.message(5, attribute);
        graph.message(1, node);
        current = name;
    }

    /** Adds a node whose output is named {@code name}; it becomes the current tensor. */
    private String node(String op, String name, String... inputs) {
        graph.message(1, nodeWriter(op, name, inputs));
        current = name;
        return name;
    }

    /** A node without adding it, for one that takes attributes. */
    private ProtoWriter nodeWriter(String op, String name, String... inputs) {
        ProtoWriter node = new ProtoWriter();
        for (String input : inputs) {
            node.string(1, input);
        }
        return node.string(2, name).string(3, name + "_" + counter++).string(4, op);
    }

    /** Adds an initializer of a weight's values, shaped [rows, cols] (or [cols] for one row); returns its name. */
    private String initializer(String name, Matrix weight) {
        long[] dims = weight.rows() == 1 ? new long[] {weight.cols()} : new long[] {weight.rows(), weight.cols()};
        ByteBuffer raw = ByteBuffer.allocate(weight.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : weight.data()) {
            raw.putFloat(value);
        }
        graph.message(5, new ProtoWriter().packed(1, dims).varint(2, FLOAT).string(8, name).bytes(9, raw.array()));
        return name;
    }

    private static ProtoWriter floatAttribute(String name, float value) {
        return new ProtoWriter().string(1, name).float32(2, value).varint(20, ATTRIBUTE_FLOAT);
    }

    private static ProtoWriter intAttribute(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, ATTRIBUTE_INT);
    }

    /** A float input or output of shape [batch, width]. */
    private static ProtoWriter valueInfo(String name, int width) {
        ProtoWriter shape = new ProtoWriter().message(1, new ProtoWriter().string(2, "batch"))
                .message(1, new ProtoWriter().varint(1, width));
        ProtoWriter tensor = new ProtoWriter().varint(1, FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor));
    }

    private static Matrix filled(int n, float value) {
        float[] values = new float[n];
        Arrays.fill(values, value);
        return Matrix.wrap(1, n, values);
    }
}
