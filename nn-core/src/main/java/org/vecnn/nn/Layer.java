package org.vecnn.nn;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.kernel.Kernels;

/**
 * A layer of a {@link Sequential} model: it maps a batch of rows of {@link #inputWidth()} values to rows of
 * {@link #outputWidth()} values. A layer is configured when made, then built once, by the model that holds
 * it, which fixes its input width and draws its initial weights.
 */
public abstract sealed class Layer permits Dense, Normalization, Dropout {

    /** The longest layer name accepted. */
    public static final int MAX_NAME_LENGTH = 255;

    private String name;
    private int inputWidth = -1;
    private Sequential owner;
    private int position;

    Layer() {
    }

    /** The Keras class name shown in summaries and stored in model files, such as {@code "Dense"}. */
    public abstract String type();

    /** The name given, or the one the model assigned ({@code dense}, {@code dense_1}, …); null before either. */
    public final String name() {
        return name;
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
    public abstract long trainableParams();

    /** Weights that are part of the model but not trained (normalisation statistics). */
    public abstract long nonTrainableParams();

    /** Copies of the weights, Keras's {@code get_weights()} order: for Dense, the kernel then the bias row. */
    public abstract List<Matrix> weights();

    /**
     * Replaces the weights with copies of these, in {@link #weights()} order and shapes, in one atomic step:
     * a {@link Sequential#predict} running on another thread sees all the old weights or all the new. Nothing
     * changes if any is wrong: a shape, or a value that is NaN or infinite.
     *
     * @throws IllegalStateException before the layer is built
     * @throws IllegalArgumentException naming the weight and the problem
     */
    public final void setWeights(List<Matrix> weights) {
        requireBuilt();
        publish(checkedArrays(weights));
    }

    /** Makes these (checked) arrays the layer's in a new snapshot of the model's weights. */
    final void publish(float[][] arrays) {
        owner.replaceWeights(position, arrays);
    }

    /** How many matrices {@link #weights()} holds. */
    public abstract int weightCount();

    /**
     * The forward pass: {@code rows} samples from {@code in} (row-major, inputWidth values each) to {@code out}
     * (outputWidth each), with this layer's arrays in a snapshot of the model's weights. in is only read; out
     * must not overlap it. Allocates nothing.
     */
    public abstract void forward(Kernels kernels, int rows, float[] in, int inOffset, float[] out, int outOffset,
                                 float[][] arrays);

    /**
     * How many of the layer's arrays training updates, from the first: Dense's kernel and bias; none for
     * the others. (The arrays are those {@link #forward} takes.)
     */
    public int trainableArrayCount() {
        return 0;
    }

    /** Values per sample the training forward pass keeps for backward: Dense's pre-activations, Dropout's mask. */
    public int cacheWidth() {
        return 0;
    }

    /**
     * The training forward pass over rows [from, to) of a batch: as {@link #forward}, with {@code arrays} the
     * trainer's working weights, keeping in {@code cache} (cacheWidth values per row, same rows) what
     * {@link #backward} needs. Dropout draws its mask from {@code random} (null: evaluation, nothing dropped);
     * the others ignore it. Touches only those rows, so disjoint row ranges can run at once. Allocates nothing.
     */
    public void forwardTraining(Kernels kernels, int from, int to, float[] in, float[] out, float[][] arrays,
                                float[] cache, RandomGenerator random) {
        forward(kernels, to - from, in, from * inputWidth(), out, from * outputWidth(), arrays);
    }

    /**
     * Backpropagation through rows [from, to), after {@link #forwardTraining} of the same rows: turns
     * {@code gradOut} = ∂L/∂out into ∂L/∂z, the gradient before the activation, in place (already so when
     * {@code preActivation}: a loss fused with the activation), and writes {@code gradIn} = ∂L/∂in (null to
     * skip, as for the first layer). Touches only those rows. Allocates nothing.
     */
    public abstract void backward(Kernels kernels, int from, int to, float[] out, float[][] arrays, float[] cache,
                                  float[] gradOut, boolean preActivation, float[] gradIn);

    /**
     * The trainable arrays stacked as the rows of one matrix (Dense: the kernel's inputWidth rows, then the
     * bias row), whose gradient {@link #parameterGradients} computes a band of rows at a time; 0 when nothing
     * is trainable.
     */
    public int parameterRows() {
        return 0;
    }

    /**
     * Rows [from, to) of the stacked trainable arrays' gradients ({@link #parameterRows}) over a batch of
     * {@code rows} samples, once {@link #backward} has run over all of them: {@code in} is the batch input,
     * {@code gradZ} what backward left in gradOut. Each gradient element is a sum over the whole batch, in the
     * same order whatever the band. Allocates nothing.
     */
    public void parameterGradients(Kernels kernels, int rows, float[] in, float[] gradZ, int from, int to,
                                   float[][] gradArrays) {
    }

    /** The forward pass with the model's current weights. */
    public final void forward(Kernels kernels, int rows, float[] in, int inOffset, float[] out, int outOffset) {
        requireBuilt();
        forward(kernels, rows, in, inOffset, out, outOffset, current());
    }

    /** Fixes the input width and the model that holds the layer, and returns its initial arrays. */
    final float[][] build(int width, SplittableRandom random, Sequential model, int index) {
        if (isBuilt()) {
            throw new IllegalStateException("layer '" + name + "' is already built: a layer belongs to one model");
        }
        if (width <= 0) {
            throw new IllegalArgumentException("layer '" + name + "' needs a positive input width, got " + width);
        }
        float[][] arrays = initialArrays(width, random);
        owner = model;
        position = index;
        inputWidth = width;
        return arrays;
    }

    /** The arrays this layer computes with, initialised for this (positive) input width. */
    abstract float[][] initialArrays(int width, SplittableRandom random);

    /** New arrays from weights given in {@link #weights()} form, each checked; nothing is published. */
    abstract float[][] checkedArrays(List<Matrix> weights);

    /** This layer's arrays in the model's current weights: read them, never write them. */
    final float[][] current() {
        return owner.arraysOf(position);
    }

    /** The input width this layer already knows before it is built (an adapted normalisation), or −1. */
    int knownInputWidth() {
        return -1;
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

    final void requireBuilt() {
        if (!isBuilt()) {
            throw new IllegalStateException("layer '" + name + "' is not built yet: build the model first");
        }
    }

    final void requireUnbuilt(String what) {
        if (isBuilt()) {
            throw new IllegalStateException("cannot change the " + what + " of layer '" + name + "' after it is built");
        }
    }

    /** A copy of a row vector as a 1 x n matrix. */
    static Matrix row(float[] values) {
        return Matrix.wrap(1, values.length, values.clone());
    }

    /** Checks one weight for {@link #setWeights}: its shape, and that every value is finite. */
    final float[] checkedWeight(List<Matrix> weights, int index, String what, int rows, int cols) {
        Matrix weight = weights.get(index);
        if (weight.rows() != rows || weight.cols() != cols) {
            throw new IllegalArgumentException("layer '" + name + "': " + what + " must be " + rows + "x" + cols
                    + ", got " + weight.shape());
        }
        float[] data = weight.data();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException("layer '" + name + "': " + what + "[" + i / cols + "][" + i % cols
                        + "] is " + data[i]);
            }
        }
        return data;
    }

    final void checkCount(List<Matrix> weights) {
        int expected = weightCount();
        if (weights.size() != expected) {
            throw new IllegalArgumentException("layer '" + name + "' (" + type() + ") has " + expected
                    + " weights, got " + weights.size());
        }
    }
}
