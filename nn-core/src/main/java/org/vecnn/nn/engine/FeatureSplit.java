package org.vecnn.nn.engine;

import java.util.List;
import org.vecnn.matrix.kernel.KernelProvider;
import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.nn.Batch;
import org.vecnn.nn.BatchRows;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Layer;
import org.vecnn.nn.Normalization;
import org.vecnn.nn.Parameters;

/**
 * A model's first Dense layer, when its input is wide, split by input features for the threads: each part
 * multiplies its own copy of some feature columns of the batch (normalised there by any Normalization
 * layers before the Dense, which treat each feature on its own) by the kernel rows of those features (a
 * partial z per feature block), and later computes the gradient of the same kernel rows. A thread thus
 * keeps reading and writing the same kernel rows, which stay in its core's cache; split by batch rows
 * instead, every core would read every kernel row another core had just updated.
 *
 * <p>The feature blocks depend only on the input width, never on the thread count; each element of z is
 * the bias plus the blocks' partial sums in block order, so results are the same for any thread count.
 */
public final class FeatureSplit {

    /** Input features per block, at least: a block's GEMMs stay long enough in k. */
    static final int MIN_BLOCK_FEATURES = 128;
    /** At most this many blocks (and so parts). */
    static final int MAX_BLOCKS = 4;

    private static final Kernels KERNELS = KernelProvider.kernels();
    private static final int KERNEL = 0;

    private final Dense dense;
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

    private FeatureSplit(List<Layer> layers, int layer, int blocks, int maxRows) {
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
     * The split of the model's first Dense layer, or null where that layer has a narrow input or comes after
     * anything but Normalization layers.
     */
    public static FeatureSplit of(List<Layer> layers, int maxRows) {
        int layer = 0;
        while (layer < layers.size() && layers.get(layer) instanceof Normalization) {
            layer++;
        }
        if (layer == layers.size() || !(layers.get(layer) instanceof Dense dense)) {
            return null;
        }
        int blocks = Math.min(MAX_BLOCKS, dense.inputWidth() / MIN_BLOCK_FEATURES);
        return blocks >= 2 ? new FeatureSplit(layers, layer, blocks, maxRows) : null;
    }

    /** The index of the split Dense layer in the model. */
    public int layer() {
        return layer;
    }

    /** The Dense layer's units: a kernel row's length. */
    public int units() {
        return units;
    }

    /** How many parts share the blocks with this many threads. */
    public int parts(int threads) {
        return Math.min(blocks, threads);
    }

    /** The first block of part {@code part} of {@code parts}. */
    private int firstBlock(int part, int parts) {
        return blocks * part / parts;
    }

    /** The first feature of block {@code block}; {@code firstFeature(blocks)} is the input width. */
    private int firstFeature(int block) {
        return inputs * block / blocks;
    }

    /** The first feature of part {@code part} of {@code parts}; {@code partStart(parts, parts)} is the width. */
    public int partStart(int part, int parts) {
        return firstFeature(firstBlock(part, parts));
    }

    /** Part {@code part}'s buffer for the batch's columns of its features, one row of them after another. */
    public float[] inputsOf(int part) {
        if (partInputs[part] == null) {
            partInputs[part] = new float[maxRows * inputs];
        }
        return partInputs[part];
    }

    /**
     * Normalises the part's copy of its feature columns, then computes the partial z of each of its blocks;
     * {@code parameters} are the model's working parameters, layer by layer.
     */
    public void forward(int part, int parts, int rows, Parameters[] parameters) {
        int start = partStart(part, parts);
        int width = partStart(part + 1, parts) - start;
        float[] x = inputsOf(part);
        for (int i = 0; i < layer; i++) {
            Layers.normalizeFeatures(normalizations.get(i), rows, x, start, start + width, parameters[i]);
        }
        float[] kernel = parameters[layer].array(KERNEL);
        for (int b = firstBlock(part, parts); b < firstBlock(part + 1, parts); b++) {
            int from = firstFeature(b);
            KERNELS.sgemm(false, false, rows, units, firstFeature(b + 1) - from, 1f, x, from - start, width, kernel,
                    from * units, units, 0f, partials[b], 0, units);
        }
    }

    /**
     * The split layer's training rows: z starts from the bias rows, as {@link Dense#forward}'s GEMM does, then
     * the partial sums are added in block order, into the cache; g(z) into out.
     */
    public void finish(BatchRows rows, Parameters parameters) {
        Batch out = rows.out();
        int offset = out.offset();
        int n = out.size();
        float[] z = rows.cache();
        Layers.startRows(dense, out.rows(), z, offset, parameters);
        for (float[] partial : partials) {
            KERNELS.axpy(n, 1f, partial, offset, z, offset);
        }
        dense.activation().forward(out.rows(), units, z, offset, out.data(), offset);
    }

    /**
     * The kernel rows of the part's features of {@code dW = Xᵀ·dZ} over the batch (with the regularizer's
     * gradient), and for part 0 the bias's; {@code batch} views the whole batch.
     */
    public void gradients(int part, int parts, BatchRows batch, Parameters parameters, Parameters gradients) {
        int start = partStart(part, parts);
        int width = partStart(part + 1, parts) - start;
        float[] x = inputsOf(part);
        for (int b = firstBlock(part, parts); b < firstBlock(part + 1, parts); b++) {
            int from = firstFeature(b);
            Layers.kernelGradients(dense, x, from - start, width, batch.gradOut(), from, firstFeature(b + 1),
                    parameters, gradients);
        }
        if (part == 0 && dense.usesBias()) {
            Layers.gradients(dense, batch, parameters, gradients, inputs, inputs + 1);
        }
    }
}
