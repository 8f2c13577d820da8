package org.vecnn.nn;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.ShapeException;

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

    private final String name;
    private final Layer[] layers;
    private final List<String> warnings;
    private int inputWidth = -1;
    /** The forward pass that predict runs, made when the model is built. */
    private ForwardPass forward;
    private volatile Map<String, String> metadata = Map.of();
    /** Each layer's parameters: replaced as a whole, never written once published. */
    private final WeightSnapshot weights = new WeightSnapshot();

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
        LayerNames.assign(this.layers);
        this.warnings = Lint.warnings(this.layers);
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
        forward = new ForwardPass(name, layers, widest);
        weights.set(initial);
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
        throw new IllegalArgumentException("model '" + name + "' has no layer '" + layerName + "'; its layers: "
                + String.join(", ", Arrays.stream(layers).map(Layer::name).toList()));
    }

    /**
     * Copies of every layer's weights, in layer order (Keras's {@code model.get_weights()}): for each Dense its
     * kernel and bias (if used), for each Normalization its mean and variance.
     */
    public List<Matrix> getWeights() {
        requireBuilt();
        return WeightSnapshot.weightsOf(layers);
    }

    /**
     * Replaces every layer's weights at once, in {@link #getWeights()} order, in one atomic step for
     * predictions running meanwhile. Nothing changes if any weight is wrong.
     *
     * @throws IllegalArgumentException for a wrong count, a wrong shape or a non-finite value (named)
     */
    public void setWeights(List<Matrix> all) {
        requireBuilt();
        weights.setWeights(name, layers, all);
    }

    /** A deep copy of every layer's current parameters: the working copy a trainer updates. */
    Parameters[] copyOfParameters() {
        requireBuilt();
        return weights.copy();
    }

    /**
     * Publishes a deep copy of parameters shaped as {@link #copyOfParameters()} gives them, each checked as
     * {@link Layer#setWeights} checks weights, in one atomic step (a trainer does this at the end of each epoch).
     *
     * @throws IllegalArgumentException if a layout differs or a value is NaN, infinite or rejected by its layer
     */
    void publishParameters(Parameters[] parameters) {
        requireBuilt();
        weights.publish(layers, parameters);
    }

    /** Layer {@code index}'s parameters in the current snapshot. */
    Parameters parametersOf(int index) {
        return weights.current()[index];
    }

    /** Publishes a snapshot in which layer {@code index} has these parameters. */
    void replaceWeights(int index, Parameters parameters) {
        weights.replace(index, parameters);
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
        metadata = Metadata.copyOf(entries);
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
        forward.predict(weights, x, out);
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
        forward.predict(weights, input, output);
    }

    /** One sample's prediction as a new array; see {@link #predict(float[], float[])}. */
    public float[] predict(float... input) {
        float[] output = new float[Math.max(outputWidth(), 0)];
        predict(input, output);
        return output;
    }

    /**
     * Predicts rows of text, such as a CSV file's, one cell per input column: through the first layer's
     * vocabularies where it is a {@link CategoryLookup} (a category it does not know is
     * {@link CategoryLookup#UNKNOWN}), and as numbers otherwise.
     *
     * @throws IllegalArgumentException for no rows, a row of another width, or a numeric cell that is not a
     *     finite number (row and column named); else as {@link #predict(Matrix)}
     */
    public Matrix predictRows(List<String[]> rows) {
        requireBuilt();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows to predict");
        }
        CategoryLookup lookup = layers[0] instanceof CategoryLookup first ? first
                : new CategoryLookup(Collections.nCopies(inputWidth, List.of()));
        Matrix x = Matrix.zeros(rows.size(), inputWidth);
        for (int r = 0; r < rows.size(); r++) {
            try {
                System.arraycopy(lookup.encode(rows.get(r)), 0, x.data(), r * inputWidth, inputWidth);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("row " + r + ": " + e.getMessage(), e);
            }
        }
        return predict(x);
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
     * means (such as a temporary file then a rename) or a model sent elsewhere; the stream is not closed.
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

    /**
     * Decodes a model file's bytes (as {@link #save(OutputStream)} writes them), such as a model sent to
     * another machine; {@code source} names them in errors.
     *
     * @throws ModelFileException as {@link #load(Path)}, naming {@code source}
     */
    public static Sequential load(byte[] file, String source) throws ModelFileException {
        return ModelReader.decode(Path.of(Objects.requireNonNull(source, "source")), Objects.requireNonNull(file,
                "file"));
    }

    private void requireBuilt() {
        if (!isBuilt()) {
            throw new IllegalStateException("model '" + name + "' is not built: call build(inputWidth, seed) first");
        }
    }
}
