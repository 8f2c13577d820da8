package org.vecnn.interop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Activation;
import org.vecnn.nn.ActivationLayer;
import org.vecnn.nn.BatchNormalization;
import org.vecnn.nn.Layer;
import org.vecnn.nn.Normalization;
import org.vecnn.nn.Sequential;

/**
 * An ONNX graph that forms a chain, as a built vecnn {@link Sequential}. Nodes are sorted by their
 * dependencies first (files may list them out of order). One sample is the input tensor without its batch
 * axis (a symbolic or unknown first dimension); a fixed first dimension makes the whole tensor one sample, so
 * {@code [1, 1, 1, 5]} is five features and {@code [2, 3]} two rows of three. Gemm and MatMul become Dense
 * layers (block-diagonal over a sample's rows), the Add of a constant that follows folds into the bias, and
 * an activation that follows into the layer; Sub or Add of a constant elsewhere is an offset
 * (a Normalization of variance 1); reshapes only reinterpret the sample.
 */
final class OnnxModel {

    /** The operators that import. */
    static final Set<String> OPS = new TreeSet<>(List.of("Gemm", "MatMul", "Add", "Sub", "Relu", "Sigmoid", "Tanh",
            "Softmax", "LeakyRelu", "Elu", "Softplus", "BatchNormalization", "Flatten", "Reshape", "Squeeze",
            "Unsqueeze", "Identity", "Dropout", "Constant", "Cast"));

    /** The newest opset whose operators' semantics this import knows. */
    static final long MAX_OPSET = 21;

    /** The inputs each operator needs at least (1 where not listed; Constant none). */
    private static final Map<String, Integer> ARITY = Map.of("Constant", 0, "Gemm", 2, "MatMul", 2, "Add", 2, "Sub", 2,
            "BatchNormalization", 5, "Reshape", 2);

    /**
     * The most floats that shapes alone (a block-diagonal kernel, a broadcast offset) may make, as a multiple
     * of the file's bytes plus a floor: a crafted shape cannot make the import allocate gigabytes.
     */
    private static final long FLOATS_PER_FILE_BYTE = 16;
    private static final long FLOATS_FLOOR = 1 << 22;

    private final String file;
    private final long budget;
    private final Map<String, OnnxTensor> constants;
    private final List<Layer> layers = new ArrayList<>();
    private final List<List<Matrix>> weights = new ArrayList<>();
    private final long opset;
    /** One sample's dims, and whether the graph's tensors carry a batch axis before them. */
    private long[] sample;
    private final boolean batched;
    /** The Dense being assembled, or null. */
    private OnnxDense dense;

    private OnnxModel(String file, long fileBytes, OnnxGraph graph, long[] sample, boolean batched) {
        this.file = file;
        this.budget = fileBytes * FLOATS_PER_FILE_BYTE + FLOATS_FLOOR;
        this.constants = new HashMap<>(graph.initializers());
        this.opset = graph.opset();
        this.sample = sample;
        this.batched = batched;
    }

    /** The model of this graph. */
    static Sequential build(String file, long fileBytes, OnnxGraph graph) throws ImportException {
        if (graph.opset() < 1 || graph.opset() > MAX_OPSET) {
            throw new ImportException(file, "opset_import", graph.opset() < 1 ? "no opset of the default domain"
                    : "opset " + graph.opset() + " is newer than the " + MAX_OPSET + " this import knows");
        }
        if (graph.inputs().size() != 1 || graph.outputs().size() != 1) {
            throw new ImportException(file, "graph", "has " + graph.inputs().size() + " inputs and "
                    + graph.outputs().size() + " outputs; only one of each imports");
        }
        OnnxGraph.Value input = graph.inputs().getFirst();
        long[] dims = input.dims();
        if (dims.length == 0) {
            throw new ImportException(file, "input '" + input.name() + "'", "no shape is declared");
        }
        boolean batched = dims[0] < 0;
        long[] sample = batched ? Arrays.copyOfRange(dims, 1, dims.length) : dims;
        for (long dim : sample) {
            if (dim <= 0) {
                throw new ImportException(file, "input '" + input.name() + "'", "shape " + Arrays.toString(dims)
                        + ": only the first (batch) dimension may be unknown");
            }
        }
        OnnxModel model = new OnnxModel(file, fileBytes, graph, sample, batched);
        int width = OnnxShapes.width(sample, file);
        String current = input.name();
        for (OnnxGraph.Node node : OnnxOrder.sorted(graph, file)) {
            current = model.apply(node, current);
        }
        model.finishDense();
        String output = graph.outputs().getFirst().name();
        if (!current.equals(output)) {
            throw new ImportException(file, "graph", "the chain from the input ends at '" + current + "', not at the"
                    + " output '" + output + "'; only graphs that are one chain import");
        }
        if (model.layers.isEmpty()) {
            model.layers.add(new ActivationLayer(Activation.LINEAR));
            model.weights.add(List.of());
        }
        Sequential built;
        try {
            built = new Sequential("onnx", model.layers).build(width, 0L);
            for (int i = 0; i < model.layers.size(); i++) {
                if (!model.weights.get(i).isEmpty()) {
                    model.layers.get(i).setWeights(model.weights.get(i));
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ImportException(file, "model", e.getMessage(), e);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("imported_from", file);
        metadata.put("onnx_opset", Long.toString(graph.opset()));
        built.setMetadata(metadata);
        return built;
    }

    /** Applies a node to the chain whose last tensor is {@code current}; returns the chain's new last tensor. */
    private String apply(OnnxGraph.Node node, String current) throws ImportException {
        if (!node.domain().isEmpty() && !node.domain().equals("ai.onnx")) {
            throw fail(node, "operator domain '" + node.domain() + "' does not import");
        }
        if (node.outputs().isEmpty() || node.outputs().getFirst().isEmpty()) {
            throw fail(node, "has no output");
        }
        int arity = ARITY.getOrDefault(node.op(), 1);
        if (node.inputs().size() < arity) {
            throw fail(node, "has " + node.inputs().size() + " inputs; " + node.op() + " takes " + arity);
        }
        if (node.op().equals("Constant")) {
            constants.put(node.outputs().getFirst(), node.constantValue(file));
            return current;
        }
        if (!OPS.contains(node.op())) {
            throw fail(node, "operator " + node.op() + " is not supported; supported: " + String.join(", ", OPS));
        }
        List<String> data = node.inputs().stream().filter(in -> !in.isEmpty() && !constants.containsKey(in)).toList();
        if (data.size() != 1 || !data.getFirst().equals(current)) {
            throw fail(node, "takes " + data + " where the chain has '" + current + "'; only graphs that are one"
                    + " chain of operators on constants import");
        }
        switch (node.op()) {
            case "Gemm" -> gemm(node);
            case "MatMul" -> matMul(node);
            case "Add", "Sub" -> offset(node);
            case "Relu" -> activate(node, Activation.RELU, false);
            case "Sigmoid" -> activate(node, Activation.SIGMOID, false);
            case "Tanh" -> activate(node, Activation.TANH, false);
            case "Softplus" -> activate(node, Activation.SOFTPLUS, false);
            case "LeakyRelu" -> activate(node, Activation.leakyRelu(node.floatAttribute("alpha", 0.01f)), false);
            case "Elu" -> activate(node, Activation.elu(node.floatAttribute("alpha", 1f)), false);
            case "Softmax" -> activate(node, Activation.SOFTMAX, true);
            case "BatchNormalization" -> batchNormalization(node);
            case "Flatten", "Reshape", "Squeeze", "Unsqueeze" -> reshape(node);
            case "Cast" -> {
                if (node.intAttribute("to", 1) != 1) {
                    throw fail(node, "casts to type " + node.intAttribute("to", 1) + "; only a cast to float imports");
                }
            }
            default -> {
                // Identity and Dropout (at inference) pass the sample on.
            }
        }
        return node.outputs().getFirst();
    }

    /** Gemm: Y = alpha·A'·B' + beta·C, A the chain, B and C constants. */
    private void gemm(OnnxGraph.Node node) throws ImportException {
        if (node.intAttribute("transA", 0) != 0) {
            throw fail(node, "transA=1 does not import");
        }
        OnnxTensor b = floatConstant(node, 1);
        if (b.dims().length != 2) {
            throw fail(node, "B has dims " + Arrays.toString(b.dims()) + "; a matrix is needed");
        }
        boolean transB = node.intAttribute("transB", 0) != 0;
        int k = (int) (transB ? b.dims()[1] : b.dims()[0]);
        int n = (int) (transB ? b.dims()[0] : b.dims()[1]);
        int rows = rows(node, k, 2);
        float alpha = node.floatAttribute("alpha", 1f);
        float[] w = new float[k * n];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                w[p * n + j] = alpha * b.floats()[transB ? j * k + p : p * n + j];
            }
        }
        startDense(node, w, k, n, rows);
        if (node.inputs().size() > 2 && !node.inputs().get(2).isEmpty()) {
            dense.addToBias(OnnxShapes.broadcast(node, file, constant(node, 2), new long[] {rows, n}, budget),
                    node.floatAttribute("beta", 1f));
        }
        sample = batched ? new long[] {n} : new long[] {rows, n};
    }

    /** MatMul of the chain by a constant matrix, over the sample's last axis. */
    private void matMul(OnnxGraph.Node node) throws ImportException {
        if (constants.containsKey(node.inputs().getFirst())) {
            throw fail(node, "a constant times the chain does not import; the chain times a constant does");
        }
        OnnxTensor w = floatConstant(node, 1);
        if (w.dims().length != 2) {
            throw fail(node, "the constant has dims " + Arrays.toString(w.dims()) + "; a matrix is needed");
        }
        int k = (int) w.dims()[0];
        int n = (int) w.dims()[1];
        int rows = rows(node, k, -1);
        startDense(node, w.floats().clone(), k, n, rows);
        long[] next = sample.clone();
        next[next.length - 1] = n;
        sample = next;
    }

    /** The rows a sample has for an operator over its last axis of size k ({@code rank}: the rank it needs). */
    private int rows(OnnxGraph.Node node, int k, int rank) throws ImportException {
        int fullRank = sample.length + (batched ? 1 : 0);
        if (sample.length == 0 || sample[sample.length - 1] != k || rank > 0 && fullRank != rank) {
            throw fail(node, "its input " + Arrays.toString(fullShape()) + " does not fit a matrix of " + k + " rows");
        }
        return OnnxShapes.width(Arrays.copyOf(sample, sample.length - 1), file);
    }

    private void startDense(OnnxGraph.Node node, float[] w, int k, int n, int rows) throws ImportException {
        finishDense();
        if ((long) rows * k * rows * n > Math.min(Integer.MAX_VALUE - 8, budget)) {
            throw fail(node, "a block-diagonal kernel of " + rows + " blocks of " + k + " x " + n + " is too large");
        }
        dense = new OnnxDense(w, k, n, rows);
    }

    /** Add or Sub of a constant: into the bias right after a Gemm or MatMul, else an offset layer. */
    private void offset(OnnxGraph.Node node) throws ImportException {
        boolean sub = node.op().equals("Sub");
        int at = constants.containsKey(node.inputs().get(0)) ? 0 : 1;
        if (sub && at == 0) {
            throw fail(node, "a constant minus the chain does not import; the chain minus a constant does");
        }
        OnnxTensor c = constants.get(node.inputs().get(at));
        if (dense != null && dense.open()) {
            dense.addToBias(OnnxShapes.broadcast(node, file, c, sample, budget), sub ? -1f : 1f);
            return;
        }
        finishDense();
        float[] values = OnnxShapes.broadcast(node, file, c, sample, budget);
        float[] mean = new float[values.length];
        float[] ones = new float[values.length];
        for (int j = 0; j < values.length; j++) {
            mean[j] = sub ? values[j] : -values[j];
            ones[j] = 1f;
        }
        Normalization layer = new Normalization();
        layer.setStatistics(mean, ones, 0);
        add(layer, List.of());
    }

    private void activate(OnnxGraph.Node node, Activation g, boolean wholeSample) throws ImportException {
        if (wholeSample) {
            OnnxShapes.requireFeatureSoftmax(node, file, fullShape(), batched, opset);
        }
        if (dense != null && dense.open()) {
            dense.activate(g);
            return;
        }
        finishDense();
        add(new ActivationLayer(g), List.of());
    }

    private void batchNormalization(OnnxGraph.Node node) throws ImportException {
        finishDense();
        int channels = (int) sample[batched ? 0 : sample.length - 1];
        if (OnnxShapes.width(sample, file) != channels) {
            throw fail(node, "normalises channels of " + Arrays.toString(fullShape()) + "; only a batch of feature"
                    + " vectors imports");
        }
        List<Matrix> stats = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            OnnxTensor t = constant(node, i);
            if (t.size() != channels || t.floats() == null) {
                throw fail(node, "input " + i + " has " + t.size() + " values for " + channels + " channels");
            }
            stats.add(Matrix.wrap(1, channels, t.floats()));
        }
        add(new BatchNormalization(0.9f, node.floatAttribute("epsilon", 1e-5f), true, true), stats);
    }

    /** Flatten, Reshape, Squeeze, Unsqueeze: a new view of the same sample, its batch axis kept first. */
    private void reshape(OnnxGraph.Node node) throws ImportException {
        long[] full = fullShape();
        long[] next = switch (node.op()) {
            case "Flatten" -> OnnxShapes.flattened(node, file, full, node.intAttribute("axis", 1));
            case "Reshape" -> OnnxShapes.reshaped(node, file, full, constant(node, 1).longs(),
                    OnnxShapes.product(sample, 0, sample.length), batched);
            default -> {
                long[] axes = node.inputs().size() > 1 ? constant(node, 1).longs() : node.longsAttribute("axes");
                yield node.op().equals("Squeeze") ? OnnxShapes.squeezed(node, file, full, axes)
                        : OnnxShapes.unsqueezed(node, file, full, axes);
            }
        };
        if (batched && (next.length == 0 || next[0] != -1)) {
            throw fail(node, "reshapes " + Arrays.toString(full) + " to " + Arrays.toString(next) + ", across the"
                    + " batch axis");
        }
        long[] nextSample = batched ? Arrays.copyOfRange(next, 1, next.length) : next;
        if (OnnxShapes.product(nextSample, 0, nextSample.length) != OnnxShapes.product(sample, 0, sample.length)) {
            throw fail(node, "reshapes a sample of " + Arrays.toString(sample) + " to " + Arrays.toString(nextSample));
        }
        sample = nextSample;
    }

    /** The chain's tensor shape: -1 for the batch axis, then the sample. */
    private long[] fullShape() {
        if (!batched) {
            return sample;
        }
        long[] full = new long[sample.length + 1];
        full[0] = -1;
        System.arraycopy(sample, 0, full, 1, sample.length);
        return full;
    }

    private void finishDense() {
        if (dense != null) {
            add(dense.layer(), dense.weights());
            dense = null;
        }
    }

    private void add(Layer layer, List<Matrix> layerWeights) {
        layers.add(layer);
        weights.add(layerWeights);
    }

    private OnnxTensor constant(OnnxGraph.Node node, int input) throws ImportException {
        if (node.inputs().size() <= input || !constants.containsKey(node.inputs().get(input))) {
            throw fail(node, "input " + input + " must be a constant (an initializer or a Constant's output)");
        }
        return constants.get(node.inputs().get(input));
    }

    private OnnxTensor floatConstant(OnnxGraph.Node node, int input) throws ImportException {
        OnnxTensor tensor = constant(node, input);
        if (tensor.floats() == null) {
            throw fail(node, "input " + input + " ('" + tensor.name() + "') is not a float tensor");
        }
        return tensor;
    }

    private ImportException fail(OnnxGraph.Node node, String problem) {
        return new ImportException(file, node.describe(), problem);
    }
}
