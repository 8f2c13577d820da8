package org.vecnn.train;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.kernel.KernelProvider;
import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.nn.Layer;
import org.vecnn.nn.Sequential;
import org.vecnn.nn.engine.Layers;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.metric.Metric;
import org.vecnn.train.optim.Optimizer;

/**
 * Synchronous data-parallel training, for a cluster: {@link Trainer#fit}'s epochs and mini-batches, with each
 * global batch's gradient computed in shards elsewhere. This coordinator (a cluster's driver) holds the
 * working weights and the optimiser; it gives out each epoch's row order ({@link #nextEpoch}) and each
 * step's {@link #weights()}; a {@link Worker} computes the gradient of its shard of the batch; the shards'
 * gradients, added in a fixed order, make one {@link #step}. The training metrics, as fit reports them, come
 * from the shards' outputs ({@link #measure}).
 *
 * <p>With the same data, seed, batch size and optimiser this visits the batches fit visits and takes the
 * same steps, to rounding: fit sums a batch's gradient in one chain over its rows, here each shard sums its
 * rows and the shards are added. Models with a weight regularizer or batch statistics are refused: their
 * gradients do not add up over shards.
 */
public final class DataParallel {

    private static final Kernels KERNELS = KernelProvider.kernels();

    private final Sequential model;
    private final Optimizer optimizer;
    private final TrainingPass pass;
    private final EpochOrder order;
    private final int samples;
    private final int batchSize;
    private final int weightCount;
    private final History history = new History();
    private final List<Metric> metrics;

    /**
     * A coordinator of training on {@code samples} rows in batches of {@code batchSize}, shuffled from
     * {@code seed}, starting from the model's weights (an unbuilt model is built from the seed).
     *
     * @param inputWidth the model's input width, to build it if needed
     * @param metrics training metrics by Keras name, as {@link Trainer} takes them
     * @throws IllegalArgumentException for no rows, a batch size below 1, an unknown metric, or a model whose
     *     gradients do not add up over shards
     */
    public DataParallel(Sequential model, int inputWidth, Loss loss, Optimizer optimizer, int samples, int batchSize,
                        long seed, String... metrics) {
        if (samples < 1 || batchSize < 1) {
            throw new IllegalArgumentException("data-parallel training needs rows and a batch size of at least 1,"
                    + " got " + samples + " and " + batchSize);
        }
        this.model = Objects.requireNonNull(model, "model");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        if (!model.isBuilt()) {
            model.build(inputWidth, seed);
        }
        this.pass = new TrainingPass(model, loss, 1, List.of());
        requireAdditive(model, pass);
        this.order = new EpochOrder(samples, seed);
        this.samples = samples;
        this.batchSize = batchSize;
        this.weightCount = flatLength(pass.buffers.optimizerParameters);
        this.metrics = Arrays.stream(metrics).map(name -> Metric.of(name, loss)).toList();
    }

    private static void requireAdditive(Sequential model, TrainingPass pass) {
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (Layers.mixesRows(layers.get(i)) || Layers.penalty(layers.get(i), pass.buffers.parameters[i]) != 0) {
                throw new IllegalArgumentException("layer '" + layers.get(i).name() + "' (" + layers.get(i).type()
                        + ") has batch statistics or a weight penalty, whose gradient does not add up over shards:"
                        + " data-parallel training takes models without them");
            }
        }
    }

    /** The batches per epoch, the last one partial: as fit takes them. */
    public int steps() {
        return (samples + batchSize - 1) / batchSize;
    }

    /** The rows of global batch {@code step} are positions [step · batchSize, this) of the epoch's order. */
    public int batchEnd(int step) {
        return Math.min(samples, (step + 1) * batchSize);
    }

    /** The next epoch's row order: a new array, as fit would visit the rows. Starts the epoch's metrics. */
    public int[] nextEpoch(boolean shuffle) {
        metrics.forEach(Metric::reset);
        return order.next(shuffle).clone();
    }

    /** Whether there are metrics to {@link #measure}. */
    public boolean measures() {
        return !metrics.isEmpty();
    }

    /**
     * Adds a shard's outputs in a step ({@link Worker#outputs}) and its targets to the epoch's metrics, as fit
     * adds each batch's: shard by shard in the order the gradients are added.
     */
    public void measure(int rows, float[] outputs, float[] targets) {
        int width = model.outputWidth();
        int targetWidth = targets.length / Math.max(rows, 1);
        for (Metric metric : metrics) {
            metric.update(rows, width, outputs, targets, targetWidth);
        }
    }

    /** The number of trainable values: the length of {@link #weights()} and of each gradient. */
    public int weightCount() {
        return weightCount;
    }

    /** A copy of the working weights: every trainable array, layer by layer, flattened. */
    public float[] weights() {
        float[] flat = new float[weightCount];
        flatten(pass.buffers.optimizerParameters, flat);
        return flat;
    }

    /**
     * Replaces the working weights (flattened as {@link #weights()}), such as with an average of weights
     * trained elsewhere.
     */
    public void setWeights(float[] weights) {
        if (weights.length != weightCount) {
            throw new IllegalArgumentException(weights.length + " weights; the model trains " + weightCount);
        }
        unflatten(weights, pass.buffers.optimizerParameters);
    }

    /**
     * One optimiser step with the gradient of the global batch's mean loss: the sum of its shards' gradients
     * ({@link Worker#gradient}), flattened as {@link #weights()}.
     */
    public void step(float[] gradient) {
        if (gradient.length != weightCount) {
            throw new IllegalArgumentException("a gradient of " + gradient.length + " values; the model trains "
                    + weightCount);
        }
        unflatten(gradient, pass.buffers.optimizerGradients);
        optimizer.step(pass.buffers.optimizerParameters, pass.buffers.optimizerGradients);
    }

    /**
     * Ends an epoch as fit does: publishes the working weights to the model and records the epoch's mean loss
     * (its batches' summed losses over the rows) and metrics in {@link #history()}; returns that mean.
     *
     * @throws ArithmeticException if a weight is NaN or infinite (training diverged); the model is untouched
     */
    public double endEpoch(double summedLoss) {
        for (float[] array : pass.buffers.optimizerParameters) {
            int bad = KERNELS.firstNonFinite(array.length, array, 0);
            if (bad >= 0) {
                throw new ArithmeticException("data-parallel training diverged: a weight is " + array[bad]
                        + "; lower the learning rate (" + optimizer.learningRate() + ") or normalise the inputs");
            }
        }
        Layers.publish(model, pass.buffers.parameters);
        double mean = summedLoss / samples;
        history.add("loss", mean);
        metrics.forEach(metric -> history.add(metric.name(), metric.result()));
        return mean;
    }

    /** The loss and metrics of each epoch ended so far. */
    public History history() {
        return history;
    }

    /** The arrays one after the other into {@code flat}. */
    private static void flatten(float[][] arrays, float[] flat) {
        int at = 0;
        for (float[] array : arrays) {
            System.arraycopy(array, 0, flat, at, array.length);
            at += array.length;
        }
    }

    /** {@code flat} back into the arrays, one after the other. */
    private static void unflatten(float[] flat, float[][] arrays) {
        int at = 0;
        for (float[] array : arrays) {
            System.arraycopy(flat, at, array, 0, array.length);
            at += array.length;
        }
    }

    private static int flatLength(float[][] arrays) {
        long length = 0;
        for (float[] array : arrays) {
            length += array.length;
        }
        return Math.toIntExact(length);
    }

    /**
     * One shard's half of a step: the gradient of its rows' part of a global batch's mean loss, with weights
     * given as {@link DataParallel#weights()} gives them. Not for use by two threads at once: one per thread.
     */
    public static final class Worker {

        private final TrainingPass pass;
        private final Trainer checks;
        private final int outputWidth;
        private int lastRows;
        private final int maxRows;
        private final int[] identity;

        /** A worker for shards of at most {@code maxRows} rows of a built model (its architecture is read). */
        public Worker(Sequential model, Loss loss, int maxRows) {
            if (!model.isBuilt() || maxRows < 1) {
                throw new IllegalArgumentException("a worker needs a built model and at least one row per shard");
            }
            this.pass = new TrainingPass(model, loss, maxRows, List.of());
            this.checks = new Trainer(model, loss, Optimizer.sgd());
            this.outputWidth = model.outputWidth();
            this.maxRows = maxRows;
            this.identity = new int[maxRows];
            for (int i = 0; i < maxRows; i++) {
                identity[i] = i;
            }
        }

        /**
         * The summed loss of the shard's rows, and into {@code gradient} the gradient of that sum divided by
         * {@code globalRows}, the global batch's size: the shards' gradients then add up to the gradient of
         * the batch's mean loss. Dropout masks come from {@code random} (null: none).
         *
         * @throws IllegalArgumentException for a shard of no rows or more than the worker takes, lengths that
         *     do not match, or data {@link Trainer#fit} would refuse (named by row and column)
         */
        public double gradient(float[] weights, Matrix x, Matrix y, int globalRows, RandomGenerator random,
                               float[] gradient) {
            int rows = x.rows();
            if (rows < 1 || rows > maxRows || y.rows() != rows || rows > globalRows) {
                throw new IllegalArgumentException("a shard of " + rows + " rows (targets " + y.rows()
                        + ") of a batch of " + globalRows + "; this worker takes 1 to " + maxRows);
            }
            checks.check(x, y);
            float[][] params = pass.buffers.optimizerParameters;
            if (weights.length != flatLength(params) || gradient.length != weights.length) {
                throw new IllegalArgumentException(weights.length + " weights and " + gradient.length
                        + " gradient values; the model trains " + flatLength(params));
            }
            unflatten(weights, params);
            pass.select(x, y, null, identity, 0);
            double loss = pass.backpropagateShard(rows, random, globalRows);
            lastRows = rows;
            flatten(pass.buffers.optimizerGradients, gradient);
            return loss;
        }

        /** The model's outputs for the last shard's rows (rows × outputs, row-major), for the metrics. */
        public float[] outputs() {
            return Arrays.copyOf(pass.outputs(), lastRows * outputWidth);
        }
    }
}
