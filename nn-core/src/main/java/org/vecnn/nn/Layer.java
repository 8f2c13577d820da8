package org.vecnn.nn;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.vecnn.matrix.Matrix;

/**
 * A layer of a {@link Sequential} model, and the contract every layer implements, Dense included: it maps a
 * batch of rows of {@link #inputWidth()} values to rows of {@link #outputWidth()} values. A layer is
 * configured when made, then built once by the model that holds it, which fixes its input width and asks
 * it for its initial {@link Parameters}.
 *
 * <p>To write a layer: extend this class; give its {@link #type()} and {@link #config()}; create its
 * parameters; implement {@link #forward}, and for training {@link #backward} (with {@link #gradients} when
 * it has trainable arrays, {@link #forwardTraining} and {@link #cacheSize} when backward needs more than
 * the output); and {@link #register} a factory from its config so that model files can load it. The model
 * and the trainer call these methods: they are not for users of the layer.
 */
public abstract class Layer {

    /** The longest layer name accepted. */
    public static final int MAX_NAME_LENGTH = 255;

    private String name;
    private int inputWidth = -1;
    private Sequential owner;
    private int position;

    /** A layer not yet built. */
    protected Layer() {
    }

    /**
     * Registers how to make a layer of this type from its {@link #config()}, for model files and the
     * command line: one line per layer type. The factory should throw IllegalArgumentException for a bad
     * value, naming it.
     *
     * @throws IllegalArgumentException for a blank type or one already registered
     */
    public static void register(String type, Function<LayerConfig, ? extends Layer> factory) {
        LayerRegistry.LAYERS.register(type, () -> factory::apply);
    }

    /**
     * A new layer of a registered type from its config, named (null: the model assigns one).
     *
     * @throws IllegalArgumentException for an unknown type (listing the known ones), a bad value, or a key
     *     the type does not take
     */
    public static Layer fromConfig(String type, String layerName, LayerConfig config) {
        Layer layer = LayerRegistry.LAYERS.get(type).apply(config);
        if (!config.unread().isEmpty()) {
            throw new IllegalArgumentException("layer type '" + type + "' takes no config " + config.unread());
        }
        if (layerName != null) {
            layer.setName(layerName);
        }
        return layer;
    }

    /** The Keras class name shown in summaries and stored in model files, such as {@code "Dense"}. */
    public abstract String type();

    /**
     * What {@link #register registered factory} needs to make this layer again, without its name or
     * weights: Keras's {@code get_config()}.
     */
    public abstract LayerConfig config();

    /** The name given, or the one the model assigned ({@code dense}, {@code dense_1}, …); null before either. */
    public final String name() {
        return name;
    }

    /** Names the layer, as Keras's {@code name=}; returns this layer. */
    public Layer named(String newName) {
        setName(newName);
        return this;
    }

    /** The number of input values per sample, or −1 before the layer is built. */
    public final int inputWidth() {
        return inputWidth;
    }

    /** True once the model holding the layer has been built. */
    public final boolean isBuilt() {
        return inputWidth > 0;
    }

    /** The number of output values per sample, or −1 when it depends on an input width not yet known. */
    public abstract int outputWidth();

    /** Weights a training step updates. */
    public long trainableParams() {
        return isBuilt() ? current().values(Parameters.Kind.TRAINABLE) : 0;
    }

    /** Weights that are part of the model but not trained by gradients (statistics). */
    public long nonTrainableParams() {
        return isBuilt() ? current().values(Parameters.Kind.NON_TRAINABLE) : 0;
    }

    /** How many matrices {@link #weights()} holds. */
    public final int weightCount() {
        requireBuilt();
        return current().weightCount();
    }

    /**
     * Copies of the weights, Keras's {@code get_weights()} order: the trainable arrays, then the
     * non-trainable ones (Dense: kernel, bias; BatchNormalization: gamma, beta, moving mean, moving variance).
     */
    public final List<Matrix> weights() {
        requireBuilt();
        return current().weightCopies();
    }

    /**
     * Replaces the weights with copies of these, in {@link #weights()} order and shapes, in one atomic step:
     * a {@link Sequential#predict} running on another thread sees all the old weights or all the new. Nothing
     * changes if any is wrong: a shape, a value that is NaN or infinite, or one the layer rejects.
     *
     * @throws IllegalStateException before the layer is built
     * @throws IllegalArgumentException naming the weight and the problem
     */
    public final void setWeights(List<Matrix> weights) {
        requireBuilt();
        publish(withWeights(weights));
    }

    /** A copy of the current parameters with these weights, checked, and its derived arrays recomputed. */
    final Parameters withWeights(List<Matrix> weights) {
        Parameters params = current().withWeights(name, type(), weights);
        prepare(params);
        return params;
    }

    /** Makes these parameters the layer's in a new snapshot of the model's weights. */
    final void publish(Parameters params) {
        owner.replaceWeights(position, params);
    }

    /**
     * The layer's parameters for this (positive) input width, initialised from {@code random} (the same
     * draws give the same weights). Called once, when the model is built.
     */
    protected abstract Parameters createParameters(int width, SplittableRandom random);

    /**
     * Checks weights set from outside (by {@link #setWeights} or a model file) beyond their shape and
     * finiteness, and recomputes the derived arrays; throws IllegalArgumentException naming a bad value.
     * By default, nothing to do.
     */
    protected void prepare(Parameters params) {
    }

    /**
     * The forward pass at inference: {@code out} = the layer of {@code in}, row by row, with the arrays of a
     * snapshot of the model's weights. in is only read; out does not overlap it. Safe from many threads at
     * once, and allocates nothing.
     */
    public abstract void forward(Batch in, Batch out, Parameters params);

    /** Values of cache a training pass over {@code maxRows} rows needs, for {@link BatchRows#cache()}. */
    protected int cacheSize(int maxRows) {
        return 0;
    }

    /**
     * Whether the training pass must see the whole batch at once (batch statistics): then the trainer gives it
     * every row in one call; otherwise it may give disjoint row ranges, even at the same time.
     */
    protected boolean mixesRows() {
        return false;
    }

    /**
     * The activation the layer ends with when a loss may fuse with it (Dense, Activation): then the layer's
     * training pass keeps the pre-activation rows z at the start of its cache, row-major, and its backward
     * honours {@link BatchRows#preActivation()}. Null by default: no fusion.
     */
    protected Activation outputActivation() {
        return null;
    }

    /**
     * The training forward pass over some rows: as {@link #forward}, keeping in the cache what
     * {@link #backward} needs. By default, just {@link #forward}. Allocates nothing.
     */
    protected void forwardTraining(BatchRows rows, Parameters params) {
        forward(rows.in(), rows.out(), params);
    }

    /**
     * Called once per training step before any of its rows run, where {@link #backward} will write ∂L/∂in,
     * with the step's parameters and the layer's cache: what every row range's backward then reads can be
     * computed here once, into the cache (Dense packs Wᵀ for its GEMM). By default, nothing.
     */
    protected void prepareBackward(float[] cache, Parameters params) {
    }

    /**
     * Backpropagation through some rows, after {@link #forwardTraining} of the same rows: turns gradOut into
     * ∂L/∂z in place where the layer has an output activation, and writes ∂L/∂in into gradIn unless that is
     * null. Touches only those rows. Allocates nothing.
     */
    protected abstract void backward(BatchRows rows, Parameters params);

    /**
     * In how many row bands {@link #gradients} may be computed: the trainable arrays are then rows of one
     * width stacked in order (Dense: the kernel's inputWidth rows, then the bias row). 1 by default: the
     * gradients come in one call.
     */
    protected int gradientRows() {
        return 1;
    }

    /**
     * The gradients of rows [from, to) of the stacked trainable arrays (see {@link #gradientRows}) over the
     * whole batch ({@code batch} views all its rows), once backward has run over every row: with
     * {@code batch.gradOut()} holding what backward left there. Each gradient element is a sum over the
     * batch in an order fixed by the shapes. The penalty's gradient, if any, is added. By default, nothing
     * (no trainable arrays).
     */
    protected void gradients(BatchRows batch, Parameters params, Parameters gradients, int from, int to) {
    }

    /** The regularization penalty the loss adds for these parameters; 0 by default. */
    protected double penalty(Parameters params) {
        return 0;
    }

    /** The input width this layer already knows before it is built (an adapted normalisation), or −1. */
    protected int knownInputWidth() {
        return -1;
    }

    /** Fixes the input width and the model that holds the layer, and returns its initial parameters. */
    final Parameters build(int width, SplittableRandom random, Sequential model, int index) {
        if (isBuilt()) {
            throw new IllegalStateException("layer '" + name + "' is already built: a layer belongs to one model");
        }
        if (width <= 0) {
            throw new IllegalArgumentException("layer '" + name + "' needs a positive input width, got " + width);
        }
        inputWidth = width;
        try {
            Parameters params = createParameters(width, random);
            owner = model;
            position = index;
            return params;
        } catch (RuntimeException e) {
            inputWidth = -1;
            throw e;
        }
    }

    /** This layer's parameters in the model's current weights: read them, never write them. */
    protected final Parameters current() {
        requireBuilt();
        return owner.parametersOf(position);
    }

    final void setName(String newName) {
        if (isBuilt()) {
            throw new IllegalStateException("cannot rename layer '" + name + "' after it is built");
        }
        if (newName == null || newName.isBlank() || newName.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a layer name must be 1 to " + MAX_NAME_LENGTH
                    + " characters and not blank, got '" + newName + "'");
        }
        name = newName;
    }

    final void assignDefaultName(String defaultName) {
        if (name == null) {
            name = defaultName;
        }
    }

    /** Throws IllegalStateException unless the layer is built. */
    protected final void requireBuilt() {
        if (!isBuilt()) {
            throw new IllegalStateException("layer '" + name + "' is not built yet: build the model first");
        }
    }

    /** Throws IllegalStateException if the layer is built: {@code what} can no longer change. */
    protected final void requireUnbuilt(String what) {
        if (isBuilt()) {
            throw new IllegalStateException("cannot change the " + what + " of layer '" + name + "' after it is built");
        }
    }
}
