package org.vecnn.train;

import java.util.Arrays;
import java.util.List;
import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Layer;
import org.vecnn.nn.Normalization;

/**
 * A model's first Dense layer, when its input is wide, split by input features for the threads: each part
 * multiplies its own copy of some feature columns of the batch (normalised there by any Normalization
 * layers before the Dense, which treat each feature on its own) by the kernel rows of those features (a
 * partial z per feature block), and later computes and applies the gradient of the same kernel rows. A
 * thread thus keeps reading and writing the same kernel rows, which stay in its core's cache; split by
 * batch rows instead, every core would read every kernel row another core had just updated, and on the
 * 2-core machine that traffic slowed each core by about a fifth.
 *
 * <p>The feature blocks depend only on the input width, never on the thread count; each element of z is
 * the bias plus the blocks' partial sums in block order, so results are the same for any thread count.
 */
final class InputSplit {

    /** Input features per block, at least: a block's GEMMs stay long enough in k. */
    static final int MIN_BLOCK_FEATURES = 128;
    /** At most this many blocks (and so parts). */
    static final int MAX_BLOCKS = 4;

    private final Dense dense;
    /** The Dense layer's index, after only Normalization layers. */
    private final int layer;
    private final List<Normalization> normalizations;
    private final int inputs;
    private final int units;
    private final int blocks;
    /** Each block's partial z: rows x units. */
    private final float[][] partials;
    /** Each part's copy of its feature columns of the batch input, made when first needed. */
    private final float[][] partInputs;
    private final int maxRows;

    private InputSplit(List<Layer> layers, int layer, int blocks, int maxRows) {
        this.dense = (Dense) layers.get(layer);
        this.layer = layer;
        this.normalizations = layers.subList(0, layer).stream().map(Normalization.class::cast).toList();
        this.inputs = dense.inputWidth();
        this.units = dense.units();
        this.blocks = blocks;
        this.maxRows = maxRows;
        partials = new float[blocks][maxRows * units];
        partInputs = new float[blocks][];
    }

    /**
     * The split of the first Dense layer, or null where that layer has a narrow input or comes after
     * anything but Normalization layers.
     */
    static InputSplit of(List<Layer> layers, int maxRows) {
        int layer = 0;
        while (layer < layers.size() && layers.get(layer) instanceof Normalization) {
            layer++;
        }
        if (layer == layers.size() || !(layers.get(layer) instanceof Dense dense)) {
            return null;
        }
        int blocks = Math.min(MAX_BLOCKS, dense.inputWidth() / MIN_BLOCK_FEATURES);
        return blocks >= 2 ? new InputSplit(layers, layer, blocks, maxRows) : null;
    }

    /** The index of the split Dense layer in the model. */
    int layer() {
        return layer;
    }

    /** How many parts share the blocks with this many threads. */
    int parts(int threads) {
        return Math.min(blocks, threads);
    }

    /** The first block of part {@code part} of {@code parts}; {@code firstBlock(parts, parts)} is the end. */
    int firstBlock(int part, int parts) {
        return blocks * part / parts;
    }

    /** The first feature of block {@code block}; {@code firstFeature(blocks)} is the input width. */
    int firstFeature(int block) {
        return inputs * block / blocks;
    }

    /** The first feature of part {@code part} of {@code parts}; {@code partStart(parts, parts)} is the width. */
    int partStart(int part, int parts) {
        return firstFeature(firstBlock(part, parts));
    }

    /** Part {@code part}'s buffer for the batch's columns of its features, one row of them after another. */
    float[] inputsOf(int part) {
        if (partInputs[part] == null) {
            partInputs[part] = new float[maxRows * inputs];
        }
        return partInputs[part];
    }

    /**
     * Normalises the part's copy of its feature columns (rows of just those features), then computes the
     * partial z of each of its blocks, {@code x[:, features of the block] · W[features of the block, :]};
     * {@code arrays} are the model's working arrays, layer by layer.
     */
    void forward(Kernels kernels, int part, int parts, int rows, float[][][] arrays) {
        int start = partStart(part, parts);
        int width = partStart(part + 1, parts) - start;
        float[] x = inputsOf(part);
        for (int i = 0; i < layer; i++) {
            normalizations.get(i).forwardFeatures(kernels, rows, x, start, start + width, arrays[i]);
        }
        float[] kernel = arrays[layer][0];
        for (int b = firstBlock(part, parts); b < firstBlock(part + 1, parts); b++) {
            int from = firstFeature(b);
            kernels.sgemm(false, false, rows, units, firstFeature(b + 1) - from, 1f, x, from - start, width, kernel,
                    from * units, units, 0f, partials[b], 0, units);
        }
    }

    /** Rows [from, to): z = b + the blocks' partial sums in block order, into cache, and g(z) into out. */
    void finish(Kernels kernels, int from, int to, float[][] arrays, float[] cache, float[] out) {
        for (int r = from; r < to; r++) {
            if (dense.usesBias()) {
                System.arraycopy(arrays[1], 0, cache, r * units, units);
            } else {
                Arrays.fill(cache, r * units, (r + 1) * units, 0f);
            }
        }
        int offset = from * units;
        int n = (to - from) * units;
        for (float[] partial : partials) {
            kernels.axpy(n, 1f, partial, offset, cache, offset);
        }
        dense.activation().forward(kernels, to - from, units, cache, offset, out, offset);
    }

    /**
     * The kernel rows of the part's features of {@code dW = Xᵀ·dZ} over the batch, block by block, and for
     * part 0 the bias's {@code db = Σ_rows dZ}.
     */
    void gradients(Kernels kernels, int part, int parts, int rows, float[] gradZ, float[][] gradArrays) {
        int start = partStart(part, parts);
        int width = partStart(part + 1, parts) - start;
        float[] x = inputsOf(part);
        for (int b = firstBlock(part, parts); b < firstBlock(part + 1, parts); b++) {
            int from = firstFeature(b);
            kernels.sgemm(true, false, firstFeature(b + 1) - from, units, rows, 1f, x, from - start, width, gradZ, 0,
                    units, 0f, gradArrays[0], from * units, units);
        }
        if (part == 0) {
            dense.parameterGradients(kernels, rows, x, gradZ, inputs, inputs + 1, gradArrays);
        }
    }
}
