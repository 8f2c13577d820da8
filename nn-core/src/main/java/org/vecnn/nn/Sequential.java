package org.vecnn.nn;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.ShapeException;
import org.vecnn.matrix.kernel.Kernels;

/**
 * A stack of layers, each feeding the next, as Keras's {@code Sequential}: build it from layers, build it
 * with an input width and a seed, then {@link #predict(Matrix)} batches or {@link #predict(float[], float[])}
 * single samples, {@link #save(Path)} and {@link #load(Path)}.
 *
 * <p>Inference is safe on one shared model from many threads at once, with no locks: each thread keeps its
 * own scratch buffers, so single-sample prediction allocates nothing after the first call on a thread. The
 * weights form one immutable snapshot that a prediction reads once: changing weights ({@link #setWeights},
 * {@link Layer#setWeights}, {@link Normalization#adapt}) publishes a new snapshot in one atomic step, so a
 * prediction running meanwhile uses all the old weights or all the new, never a mix.
 */
public final class Sequential {

    /** Batches are run this many rows at a time, bounding the per-thread scratch. */
    static final int BLOCK_ROWS = 256;

    private static final Kernels KERNELS = LayerRegistry.KERNELS;

    private final String name;
    private final Layer[] layers;
    private final List<String> warnings;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    private int inputWidth = -1;
    private int widestHidden;
    private volatile Map<String, String> metadata = Map.of();
    /** Each layer's parameters: replaced as a whole, never written once published. */
    private volatile Parameters[] weights;

    /** A model named {@code "sequential"} of these layers, in order. */
    public Sequential(Layer... layers) {
        this("sequential", List.of(layers));
    }

    /**
     * A named model of these layers, in order. Layers without a name get Keras's: their type in snake case
     * and a counter, {@code dense}, {@code dense_1}, {@code batch_normalization}, … per type.
     *
     * @throws IllegalArgumentException for no layers, or two layers of one name
     */
    public Sequential(String name, List<Layer> layers) {
        if (name == null || name.isBlank() || name.length() > Layer.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a model name must be 1 to " + Layer.MAX_NAME_LENGTH
                    + " characters and not blank, got '" + name + "'");
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a Sequential model needs at least one layer");
        }
        this.name = name;
        this.layers = layers.toArray(Layer[]::new);
        nameLayers(this.layers);
        this.warnings = lint(this.layers);
    }

    private static void nameLayers(Layer[] layers) {
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

    /**
     * A linear Dense layer whose output reaches another Dense through no non-linear activation collapses with
     * it into one linear map.
     */
    private static List<String> lint(Layer[] layers) {
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

    /**
     * Fixes the input width and initialises every layer's weights from the seed (the same seed gives the same
     * weights).
     *
     * @return this model
     * @throws IllegalStateException if already built
     */
    public Sequential build(int width, long seed) {
        if (isBuilt()) {
            throw new IllegalStateException("model '" + name + "' is already built, with input width " + inputWidth);
        }
        if (width <= 0) {
            throw new IllegalArgumentException("the input width must be positive, got " + width);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Parameters[] initial = new Parameters[layers.length];
        int current = width;
        int widest = 0;
        for (int i = 0; i < layers.length; i++) {
            initial[i] = layers[i].build(current, random.split(), this, i);
            current = layers[i].outputWidth();
            if (i < layers.length - 1) {
                widest = Math.max(widest, current);
            }
        }
        widestHidden = widest;
        weights = initial;
        inputWidth = width;
        return this;
    }

    /**
     * Builds with the input width the first layer already knows (an adapted {@link Normalization}).
     *
     * @throws IllegalStateException if the first layer does not know it: use {@link #build(int, long)}
     */
    public Sequential build(long seed) {
        int width = layers[0].knownInputWidth();
        if (width <= 0) {
            throw new IllegalStateException("the input width of model '" + name + "' is not known from its first layer;"
                    + " call build(inputWidth, seed)");
        }
        return build(width, seed);
    }

    /** True once built. */
    public boolean isBuilt() {
        return inputWidth > 0;
    }

    /** The model's name. */
    public String name() {
        return name;
    }

    /** Values per input sample, or −1 before the model is built. */
    public int inputWidth() {
        return inputWidth;
    }

    /** Values per output sample, or −1 before the model is built. */
    public int outputWidth() {
        return isBuilt() ? layers[layers.length - 1].outputWidth() : -1;
    }

    /** The layers, in order (the list cannot be changed; the layers are the model's own). */
    public List<Layer> layers() {
        return List.of(layers);
    }

    /**
     * The layer of this name, such as {@code "dense_1"}.
     *
     * @throws IllegalArgumentException if there is none, listing the names there are
     */
    public Layer layer(String layerName) {
        for (Layer layer : layers) {
            if (layer.name().equals(layerName)) {
                return layer;
            }
        }
        List<String> names = new ArrayList<>();
        for (Layer layer : layers) {
            names.add(layer.name());
        }
        throw new IllegalArgumentException("model '" + name + "' has no layer '" + layerName + "'; its layers: "
                + String.join(", ", names));
    }

    /**
     * Copies of every layer's weights, in layer order (Keras's {@code model.get_weights()}): for each Dense its
     * kernel and bias (if used), for each Normalization its mean and variance.
     */
    public List<Matrix> getWeights() {
        requireBuilt();
        List<Matrix> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.weights());
        }
        return all;
    }

    /**
     * Replaces every layer's weights at once, in {@link #getWeights()} order, in one atomic step for
     * predictions running meanwhile. Nothing changes if any weight is wrong.
     *
     * @throws IllegalArgumentException for a wrong count, a wrong shape or a non-finite value (named)
     */
    public void setWeights(List<Matrix> all) {
        requireBuilt();
        int expected = 0;
        for (Layer layer : layers) {
            expected += layer.weightCount();
        }
        if (all.size() != expected) {
            throw new IllegalArgumentException("model '" + name + "' has " + expected + " weights, got " + all.size());
        }
        Parameters[] next = new Parameters[layers.length];
        int from = 0;
        for (int i = 0; i < layers.length; i++) {
            int count = layers[i].weightCount();
            next[i] = layers[i].withWeights(all.subList(from, from + count));
            from += count;
        }
        synchronized (this) {
            weights = next;
        }
    }

    /** A deep copy of every layer's current parameters: the working copy a trainer updates. */
    Parameters[] copyOfParameters() {
        requireBuilt();
        Parameters[] snapshot = weights;
        Parameters[] copy = new Parameters[snapshot.length];
        for (int i = 0; i < snapshot.length; i++) {
            copy[i] = snapshot[i].copy();
        }
        return copy;
    }

    /**
     * Publishes a deep copy of parameters shaped as {@link #copyOfParameters()} gives them, each checked as
     * {@link Layer#setWeights} checks weights, in one atomic step (a trainer does this at the end of each epoch).
     *
     * @throws IllegalArgumentException if a layout differs or a value is NaN, infinite or rejected by its layer
     */
    void publishParameters(Parameters[] parameters) {
        requireBuilt();
        Parameters[] current = weights;
        if (parameters.length != current.length) {
            throw new IllegalArgumentException("parameters for " + parameters.length + " layers; model '" + name
                    + "' has " + current.length);
        }
        Parameters[] next = new Parameters[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            if (!parameters[i].sameLayout(current[i])) {
                throw new IllegalArgumentException("layer '" + layers[i].name() + "' has other parameters");
            }
            next[i] = parameters[i].copy();
            for (int a = 0; a < next[i].size(); a++) {
                float[] array = next[i].array(a);
                int bad = KERNELS.firstNonFinite(array.length, array, 0);
                if (bad >= 0) {
                    throw new IllegalArgumentException("layer '" + layers[i].name() + "': " + next[i].name(a) + "["
                            + bad + "] is " + array[bad]);
                }
            }
            layers[i].prepare(next[i]);
        }
        synchronized (this) {
            weights = next;
        }
    }

    /** Layer {@code index}'s parameters in the current snapshot. */
    Parameters parametersOf(int index) {
        return weights[index];
    }

    /** Publishes a snapshot in which layer {@code index} has these parameters (writers take turns). */
    synchronized void replaceWeights(int index, Parameters parameters) {
        Parameters[] next = weights.clone();
        next[index] = parameters;
        weights = next;
    }

    /**
     * Free-form facts saved with the model, such as the feature and class names a command line trained it
     * with. Keys are 1 to 255 characters; values at most 16,383.
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Replaces the metadata with a copy of these entries (kept in order). */
    public void setMetadata(Map<String, String> entries) {
        Map<String, String> copy = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            if (key == null || key.isEmpty() || key.length() > 255 || value == null || value.length() > 16_383) {
                throw new IllegalArgumentException("metadata keys must be 1 to 255 characters and values at most"
                        + " 16,383, got key '" + key + "'");
            }
            copy.put(key, value);
        });
        metadata = Collections.unmodifiableMap(copy);
    }

    /** Build-time lint: one line per problem, such as a linear hidden layer. Also printed by {@link #summary()}. */
    public List<String> warnings() {
        return warnings;
    }

    /** Total weights, trainable and not. */
    public long countParams() {
        long total = 0;
        for (Layer layer : layers) {
            total += layer.trainableParams() + layer.nonTrainableParams();
        }
        return total;
    }

    /** The Keras-style table of layers, output shapes and parameter counts, then any warnings. */
    public String summary() {
        requireBuilt();
        return Summary.format(this);
    }

    /**
     * Predicts a batch: one output row per input row.
     *
     * @throws IllegalArgumentException for an empty batch, a wrong width ({@link ShapeException}), or a NaN or
     *     infinite value (row and column named)
     * @throws NonFiniteOutputException if finite inputs give a NaN or infinite output (inputs so large that
     *     the arithmetic overflows)
     */
    public Matrix predict(Matrix x) {
        Matrix out = Matrix.zeros(x.rows(), Math.max(outputWidth(), 0));
        predict(x, out);
        return out;
    }

    /**
     * Predicts a batch into {@code out} (rows x outputWidth), allocating nothing after the first call on
     * this thread. Checks as {@link #predict(Matrix)}; out is untouched when an input check fails, and holds
     * the outputs computed when a {@link NonFiniteOutputException} is thrown.
     */
    public void predict(Matrix x, Matrix out) {
        requireBuilt();
        if (x.rows() == 0) {
            throw new IllegalArgumentException("empty batch: x has no rows");
        }
        if (x.cols() != inputWidth) {
            throw new ShapeException("x has " + x.cols() + " columns; model '" + name + "' takes " + inputWidth
                    + " inputs per sample");
        }
        if (out.rows() != x.rows() || out.cols() != outputWidth()) {
            throw new ShapeException("out is " + out.shape() + "; predicting " + x.shape() + " needs "
                    + ShapeException.shape(x.rows(), outputWidth()));
        }
        if (x.data() == out.data()) {
            throw new IllegalArgumentException("x and out must be different matrices");
        }
        int bad = KERNELS.firstNonFinite(x.data().length, x.data(), 0);
        if (bad >= 0) {
            throw new IllegalArgumentException("x[" + bad / inputWidth + "][" + bad % inputWidth + "] is "
                    + x.data()[bad] + "; inputs must be finite");
        }
        Parameters[] snapshot = weights;
        Scratch buffers = scratch.get();
        int outputs = outputWidth();
        for (int row = 0; row < x.rows(); row += BLOCK_ROWS) {
            int rows = Math.min(BLOCK_ROWS, x.rows() - row);
            run(snapshot, buffers, rows, x.data(), row * inputWidth, out.data(), row * outputs);
        }
        requireFiniteOutputs(out.data(), outputs, x.data(), inputWidth);
    }

    private static void requireFiniteOutputs(float[] outputs, int width, float[] inputs, int inputWidth) {
        int bad = KERNELS.firstNonFinite(outputs.length, outputs, 0);
        if (bad >= 0) {
            int row = bad / width;
            float largest = 0;
            for (int i = row * inputWidth; i < (row + 1) * inputWidth; i++) {
                largest = Math.max(largest, Math.abs(inputs[i]));
            }
            throw new NonFiniteOutputException(row, bad % width, outputs[bad], largest);
        }
    }

    /**
     * Predicts one sample into {@code output}: allocation-free after the first call on a thread, and safe
     * from many threads at once. output is untouched when a check fails.
     *
     * @throws IllegalArgumentException for a wrong length ({@link ShapeException}), output the same array as
     *     input, or a NaN or infinite input (index named)
     * @throws NonFiniteOutputException if the finite input gives a NaN or infinite output
     */
    public void predict(float[] input, float[] output) {
        requireBuilt();
        if (input.length != inputWidth || output.length != outputWidth()) {
            throw new ShapeException("input has " + input.length + " values and output " + output.length
                    + "; model '" + name + "' takes " + inputWidth + " and gives " + outputWidth());
        }
        if (input == output) {
            throw new IllegalArgumentException("input and output must be different arrays");
        }
        int bad = KERNELS.firstNonFinite(input.length, input, 0);
        if (bad >= 0) {
            throw new IllegalArgumentException("input[" + bad + "] is " + input[bad] + "; inputs must be finite");
        }
        run(weights, scratch.get(), 1, input, 0, output, 0);
        requireFiniteOutputs(output, output.length, input, input.length);
    }

    /** One sample's prediction as a new array; see {@link #predict(float[], float[])}. */
    public float[] predict(float... input) {
        float[] output = new float[Math.max(outputWidth(), 0)];
        predict(input, output);
        return output;
    }

    /**
     * Runs rows samples through every layer with one weights snapshot, ping-ponging between the thread's two
     * scratch buffers.
     */
    private void run(Parameters[] snapshot, Scratch buffers, int rows, float[] in, int inOffset, float[] out,
                     int outOffset) {
        buffers.ensure(rows * widestHidden);
        float[] source = in;
        int sourceOffset = inOffset;
        int last = layers.length - 1;
        for (int i = 0; i <= last; i++) {
            Layer layer = layers[i];
            float[] target = i == last ? out : (i & 1) == 0 ? buffers.even : buffers.odd;
            int targetOffset = i == last ? outOffset : 0;
            layer.forward(buffers.in.set(source, sourceOffset, layer.inputWidth(), 0, rows),
                    buffers.out.set(target, targetOffset, layer.outputWidth(), 0, rows), snapshot[i]);
            source = target;
            sourceOffset = targetOffset;
        }
    }

    /**
     * Writes the model to a file in the vecnn model format, atomically: a temporary file in the same
     * directory, then a rename, so a crash never leaves a half-written model.
     */
    public void save(Path path) throws IOException {
        requireBuilt();
        ModelWriter.write(this, Objects.requireNonNull(path, "path"));
    }

    /**
     * Writes the model file's bytes to a stream (streamed, not built in memory), for a file written by other
     * means ({@link org.vecnn.nn.io.AtomicFile}) or a model sent elsewhere; the stream is not closed.
     */
    public void save(OutputStream out) throws IOException {
        requireBuilt();
        ModelWriter.writeTo(this, Objects.requireNonNull(out, "out"));
    }

    /**
     * Reads a model written by {@link #save(Path)}.
     *
     * @throws ModelFileException naming the field and byte offset, for any file that is not a whole, valid
     *     model (wrong magic or version, truncated, corrupted, impossible shapes, unknown names, NaN weights,
     *     trailing bytes)
     * @throws IOException if the file cannot be read
     */
    public static Sequential load(Path path) throws IOException {
        return ModelReader.read(Objects.requireNonNull(path, "path"));
    }

    private void requireBuilt() {
        if (!isBuilt()) {
            throw new IllegalStateException("model '" + name + "' is not built: call build(inputWidth, seed) first");
        }
    }

    /** A thread's two activation buffers, grown to the widest hidden layer times the rows in flight. */
    private static final class Scratch {
        private final Batch in = new Batch();
        private final Batch out = new Batch();
        private float[] even = new float[0];
        private float[] odd = new float[0];

        void ensure(int size) {
            if (even.length < size) {
                even = new float[size];
                odd = new float[size];
            }
        }
    }
}
