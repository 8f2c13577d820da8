package org.vecnn.nn;

import java.util.List;
import java.util.SplittableRandom;
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
     * Replaces the weights with copies of these, in {@link #weights()} order and shapes. Nothing changes if
     * any is wrong: a shape, or a value that is NaN or infinite. Not atomic with respect to a
     * {@link Sequential#predict} running at the same time on another thread.
     *
     * @throws IllegalStateException before the layer is built
     * @throws IllegalArgumentException naming the weight and the problem
     */
    public abstract void setWeights(List<Matrix> weights);

    /**
     * The inference forward pass: {@code rows} samples from {@code in} (row-major, inputWidth values each) to
     * {@code out} (outputWidth each). in is only read; out must not overlap it. Allocates nothing.
     */
    public abstract void forward(Kernels kernels, int rows, float[] in, int inOffset, float[] out, int outOffset);

    /** Fixes the input width and draws initial weights. */
    final void build(int width, SplittableRandom random) {
        if (isBuilt()) {
            throw new IllegalStateException("layer '" + name + "' is already built: a layer belongs to one model");
        }
        if (width <= 0) {
            throw new IllegalArgumentException("layer '" + name + "' needs a positive input width, got " + width);
        }
        initialise(width, random);
        inputWidth = width;
    }

    /** Allocates and initialises the weights for this input width; the width is checked positive. */
    abstract void initialise(int width, SplittableRandom random);

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

    final void checkCount(List<Matrix> weights, int expected) {
        requireBuilt();
        if (weights.size() != expected) {
            throw new IllegalArgumentException("layer '" + name + "' (" + type() + ") has " + expected
                    + " weights, got " + weights.size());
        }
    }
}
