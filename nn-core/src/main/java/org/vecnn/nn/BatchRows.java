package org.vecnn.nn;

import java.util.random.RandomGenerator;

/**
 * The rows of a training batch that one call of a layer's training pass works on: views of the same rows of
 * the layer's input, output, and their gradients, with the layer's own cache for the whole batch.
 * Filled by the trainer and reused; a layer reads it during the call and never keeps it.
 */
public final class BatchRows {

    private final Batch in = new Batch();
    private final Batch out = new Batch();
    private final Batch gradOut = new Batch();
    private final Batch gradIn = new Batch();
    private float[] cache;
    private RandomGenerator random;
    private boolean preActivation;
    private boolean hasGradIn;
    private boolean training;

    BatchRows() {
    }

    /**
     * Points the views at rows [from, to) of a layer's whole-batch buffers: its input and output, their
     * gradients ({@code gradIn} null when nothing below needs it), and its cache.
     */
    void point(Layer layer, float[] inRows, float[] outRows, float[] gradOutRows, float[] gradInRows,
               float[] layerCache, int from, int to) {
        int count = to - from;
        in.set(inRows, 0, layer.inputWidth(), from, count);
        out.set(outRows, 0, layer.outputWidth(), from, count);
        gradOut.set(gradOutRows, 0, layer.outputWidth(), from, count);
        gradIn.set(gradInRows, 0, layer.inputWidth(), from, count);
        hasGradIn = gradInRows != null;
        cache = layerCache;
    }

    /** How the pass runs: the random source (null: nothing dropped), training or evaluating, a fused loss. */
    void mode(RandomGenerator source, boolean isTraining, boolean fusedLoss) {
        random = source;
        training = isTraining;
        preActivation = fusedLoss;
    }

    /** The layer's input rows. */
    public Batch in() {
        return in;
    }

    /** The layer's output rows. */
    public Batch out() {
        return out;
    }

    /**
     * ∂L/∂out for these rows; backward turns it into ∂L/∂z in place, the gradient before the layer's output
     * activation, unless it already is ({@link #preActivation()}).
     */
    public Batch gradOut() {
        return gradOut;
    }

    /** Where backward writes ∂L/∂in for these rows, or null when nothing below needs it. */
    public Batch gradIn() {
        return hasGradIn ? gradIn : null;
    }

    /**
     * The layer's cache for the whole batch, {@link Layer#cacheSize} values: what its training forward pass
     * keeps for backward. Index it by {@link Batch#firstRow()}.
     */
    public float[] cache() {
        return cache;
    }

    /** Where Dropout-like layers draw from while training; null when evaluating (nothing is dropped). */
    public RandomGenerator random() {
        return random;
    }

    /**
     * True in a training step (and when the trainer takes gradients): batch statistics are used and updated.
     * False when the trainer evaluates: the layer behaves as at inference.
     */
    public boolean training() {
        return training;
    }

    /** True when the loss gave ∂L/∂z directly: it is fused with the layer's output activation. */
    public boolean preActivation() {
        return preActivation;
    }
}
