package org.vecnn.train;

import java.util.List;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.kernel.KernelProvider;
import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.matrix.parallel.Parallelism;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Layer;
import org.vecnn.nn.Regularizer;
import org.vecnn.nn.Sequential;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.metric.Metric;
import org.vecnn.train.optim.Optimizer;

/**
 * One forward and backward pass over a batch, on a working copy of the model's weights, with every buffer
 * allocated once for the largest batch: the inner loop of {@link Trainer#fit}.
 *
 * <p>A step runs as rounds of independent parts that the kernel threads share ({@link Parallelism}):
 * <ol>
 *   <li>where the input is wide, the first layer's partial products by input features ({@link InputSplit});</li>
 *   <li>chunks of the batch's rows: the forward pass, the loss and the backward pass down to each layer's
 *       ∂L/∂z, all row by row, so the chunks need nothing from each other;</li>
 *   <li>bands of each layer's parameter rows (the split first layer's own feature rows): their gradients,
 *       sums over the whole batch, and their optimiser update.</li>
 * </ol>
 * Chunks, bands and feature blocks depend only on the shapes, never on the thread count, so every thread
 * count computes the same sums in the same order and trains the same weights, bit for bit.
 */
final class TrainingPass {

    private static final Kernels KERNELS = KernelProvider.kernels();
    /**
     * Batch rows per chunk (at least; fewer than twice as many): a 128-row batch of the MNIST MLP runs as fast
     * per row in 16-row chunks as whole, and its eight chunks leave two threads less idle at the end than
     * four do (measured: 35 µs against 100 µs of waiting per round).
     */
    static final int CHUNK_ROWS = 16;
    /** Multiply-adds per step below which the parts run on the caller's thread: waking a worker costs more. */
    static final long MIN_PARALLEL_MULTIPLY_ADDS = 1L << 20;

    /** Whether the loss reads the last layer's logits: it ends in the activation the loss fuses with. */
    static boolean fused(Sequential model, Loss loss) {
        List<Layer> layers = model.layers();
        return layers.get(layers.size() - 1) instanceof Dense dense && dense.activation()
                .equals(loss.fusedActivation());
    }

    /** How many chunks a batch of {@code rows} splits into. */
    static int chunks(int rows) {
        return Math.max(1, rows / CHUNK_ROWS);
    }

    private final Loss loss;
    /** The training metrics, updated by each batch. */
    final List<Metric> metrics;
    private final List<Layer> layers;
    private final boolean fused;
    private final int inputs;
    private final int outputs;
    private final int targetWidth;
    /** The working weights, layer by layer: what the optimiser updates and fit publishes. */
    final float[][][] arrays;
    private final float[][] outs;
    private final float[][] caches;
    private final float[][] grads;
    /** Each layer's trainable arrays' gradients after {@link #backpropagate}. */
    final float[][][] layerGradients;
    private final float[][] parameters;
    private final float[][] parameterGradients;
    /** Where each layer's trainable arrays start in {@link #parameters}. */
    private final int[] firstParameter;
    private final ParameterBands bands;
    /** The batch's inputs, targets and sample weights; no inputs when the first layer is split (parts copy theirs). */
    private final float[] batchX;
    private final float[] batchY;
    private final float[] batchWeights;
    private final int maxRows;
    /** Trainable parameters: a step costs about rows times as many multiply-adds, three times over. */
    private final long parameterCount;
    private final double[] chunkLoss;
    private final ChunkRandom[] chunkRandom;
    /** The first layer with trainable weights: no gradient flows below it. */
    private final int firstTrainable;
    /** The first layer split by input features, or null (then its gradients come in bands, as the others'). */
    private final InputSplit inputSplit;
    private final IntConsumer splitForward = this::splitForward;
    private final IntConsumer chunkPass = this::chunkPass;
    private final IntConsumer gradients = this::gradients;
    private final IntConsumer updates = this::updates;

    /** The selected batch: its samples' data and order, from {@link #select}. */
    private float[] sourceX;
    private float[] sourceY;
    private float[] sourceWeights;
    private int[] sourceOrder;
    private int sourceFrom;
    /** The step in progress: its rows, and how many parts share the first layer's feature blocks. */
    private int rows;
    private int splitParts;
    private boolean dropout;
    private boolean weighted;
    private boolean backward;
    /** The optimiser that updates each band once its gradients are ready; null when only gradients are wanted. */
    private Optimizer bandOptimizer;

    TrainingPass(Sequential model, Loss loss, int maxRows, List<Metric> metrics) {
        this.loss = loss;
        this.metrics = metrics;
        this.layers = model.layers();
        this.fused = fused(model, loss);
        this.inputs = model.inputWidth();
        this.outputs = model.outputWidth();
        this.targetWidth = loss.targetWidth(outputs);
        this.arrays = model.copyOfArrays();
        this.inputSplit = InputSplit.of(layers, maxRows);
        int trainableFrom = 0;
        while (trainableFrom < layers.size() && layers.get(trainableFrom).trainableArrayCount() == 0) {
            trainableFrom++;
        }
        this.firstTrainable = trainableFrom;
        int count = layers.size();
        outs = new float[count][];
        caches = new float[count][];
        grads = new float[count][];
        layerGradients = new float[count][][];
        firstParameter = new int[count];
        int trainable = 0;
        long parameterTotal = 0;
        for (Layer layer : layers) {
            trainable += layer.trainableArrayCount();
            parameterTotal += layer.trainableParams();
        }
        parameterCount = parameterTotal;
        parameters = new float[trainable][];
        parameterGradients = new float[trainable][];
        bands = new ParameterBands(layers, inputSplit == null ? null : layers.get(inputSplit.layer()));
        int p = 0;
        for (int i = 0; i < count; i++) {
            Layer layer = layers.get(i);
            outs[i] = new float[maxRows * layer.outputWidth()];
            caches[i] = new float[maxRows * layer.cacheWidth()];
            grads[i] = new float[maxRows * layer.outputWidth()];
            layerGradients[i] = new float[layer.trainableArrayCount()][];
            firstParameter[i] = p;
            for (int a = 0; a < layer.trainableArrayCount(); a++) {
                layerGradients[i][a] = new float[arrays[i][a].length];
                parameters[p] = arrays[i][a];
                parameterGradients[p++] = layerGradients[i][a];
            }
        }
        this.maxRows = maxRows;
        batchX = inputSplit == null ? new float[maxRows * inputs] : null;
        batchY = new float[maxRows * targetWidth];
        batchWeights = new float[maxRows];
        chunkLoss = new double[chunks(maxRows)];
        chunkRandom = new ChunkRandom[chunkLoss.length];
        for (int c = 0; c < chunkRandom.length; c++) {
            chunkRandom[c] = new ChunkRandom();
        }
    }

    /**
     * Chooses the next batch: samples {@code order[from…]} of x and y, with these sample weights (or null).
     * Each chunk copies its own rows into the batch buffers as it starts.
     */
    void select(Matrix x, Matrix y, float[] weights, int[] order, int from) {
        sourceX = x.data();
        sourceY = y.data();
        sourceWeights = weights;
        sourceOrder = order;
        sourceFrom = from;
    }

    /** Copies input features [first, end) of batch rows [from, to) of the selected samples into {@code x}. */
    private void gatherInputs(float[] x, int from, int to, int first, int end) {
        for (int r = from; r < to; r++) {
            System.arraycopy(sourceX, sourceOrder[sourceFrom + r] * inputs + first, x, r * (end - first), end - first);
        }
    }

    /** Copies the targets and weights of batch rows [from, to) of the selected samples into the batch buffers. */
    private void gatherTargets(int from, int to) {
        for (int r = from; r < to; r++) {
            int sample = sourceOrder[sourceFrom + r];
            System.arraycopy(sourceY, sample * targetWidth, batchY, r * targetWidth, targetWidth);
            batchWeights[r] = sourceWeights == null ? 1f : sourceWeights[sample];
        }
    }

    /** One gradient step on the selected batch, dropout masks drawn from {@code random}; returns the summed loss. */
    double train(int rows, RandomGenerator random, Optimizer optimizer, boolean weighted) {
        optimizer.beginStep(parameters, parameterGradients);
        boolean clipsWholeArrays = optimizer.clipsWholeArrays();
        double total = backpropagate(rows, random, weighted, clipsWholeArrays ? null : optimizer);
        if (clipsWholeArrays) {
            for (int p = 0; p < parameters.length; p++) {
                optimizer.clipArray(p);
            }
            bandOptimizer = optimizer;
            run(splitParts + bands.count(), updates);
            bandOptimizer = null;
        }
        optimizer.endStep();
        return total;
    }

    /** The batch's summed loss, without dropout; its mean's gradient lands in the parameter gradients. */
    double backpropagate(int rows, boolean weighted) {
        return backpropagate(rows, null, weighted, null);
    }

    /**
     * The batch's summed loss (with its regularizer penalties) and the gradients; each band is also updated by
     * {@code updating} as soon as its gradient is ready, unless that is null.
     */
    private double backpropagate(int rows, RandomGenerator random, boolean weighted, Optimizer updating) {
        double total = chunkRound(rows, random, weighted, true, metrics);
        double penalty = penalty();
        bandOptimizer = updating;
        run(splitParts + bands.count(), gradients);
        bandOptimizer = null;
        return total + rows * penalty;
    }

    /**
     * The summed loss over samples [from, to) of x and y, without dropout, with the working weights; the
     * metrics accumulate them (they are not reset).
     */
    double sumLoss(Matrix x, Matrix y, int from, int to, List<Metric> measured) {
        int[] order = new int[to - from];
        for (int i = 0; i < order.length; i++) {
            order[i] = from + i;
        }
        double total = 0;
        for (int start = 0; start < order.length; start += maxRows) {
            int count = Math.min(maxRows, order.length - start);
            select(x, y, null, order, start);
            total += chunkRound(count, null, false, false, measured);
        }
        return total;
    }

    /**
     * The forward rounds: the split first layer's partial products (if it is split), then every chunk's
     * forward pass and loss (and backward pass, if asked); then the metrics. Returns the summed loss, added
     * chunk by chunk in order.
     */
    private double chunkRound(int batchRows, RandomGenerator random, boolean weightedLoss, boolean withBackward,
                              List<Metric> measured) {
        int chunks = chunks(batchRows);
        if (random != null) {
            for (int c = 0; c < chunks; c++) {
                chunkRandom[c].reseed(random.nextLong());
            }
        }
        rows = batchRows;
        dropout = random != null;
        weighted = weightedLoss;
        backward = withBackward;
        splitParts = inputSplit == null ? 0 : inputSplit.parts(Parallelism.threads());
        run(splitParts, splitForward);
        run(chunks, chunkPass);
        int last = layers.size() - 1;
        for (int m = 0; m < measured.size(); m++) {
            measured.get(m).update(batchRows, outputs, outs[last], batchY, targetWidth);
        }
        double total = 0;
        for (int c = 0; c < chunks; c++) {
            total += chunkLoss[c];
        }
        return total;
    }

    /** Chunk {@code c}: rows [c·rows/chunks, (c+1)·rows/chunks) of the batch: gathered, forward, loss, backward. */
    private void chunkPass(int c) {
        int chunks = chunks(rows);
        int from = (int) ((long) rows * c / chunks);
        int to = (int) ((long) rows * (c + 1) / chunks);
        RandomGenerator random = dropout ? chunkRandom[c] : null;
        gatherTargets(from, to);
        int next;
        if (inputSplit == null) {
            gatherInputs(batchX, from, to, 0, inputs);
            layers.getFirst().forwardTraining(KERNELS, from, to, batchX, outs[0], arrays[0], caches[0], random);
            next = 1;
        } else {
            int split = inputSplit.layer();
            inputSplit.finish(KERNELS, from, to, arrays[split], caches[split], outs[split]);
            next = split + 1;
        }
        for (int i = next; i < layers.size(); i++) {
            layers.get(i).forwardTraining(KERNELS, from, to, outs[i - 1], outs[i], arrays[i], caches[i], random);
        }
        int last = layers.size() - 1;
        float[] values = fused ? caches[last] : outs[last];
        chunkLoss[c] = loss.evaluate(from, to, outputs, values, fused || loss.fromLogits(), batchY,
                weighted ? batchWeights : null, grads[last]);
        if (!backward) {
            return;
        }
        KERNELS.scale((to - from) * outputs, 1f / rows, grads[last], from * outputs);
        for (int i = last; i >= firstTrainable; i--) {
            layers.get(i).backward(KERNELS, from, to, outs[i], arrays[i], caches[i], grads[i], fused && i == last,
                    i == firstTrainable ? null : grads[i - 1]);
        }
    }

    /** Runs the parts on the kernel threads, or in order on this one when the batch is too small to share. */
    private void run(int parts, IntConsumer part) {
        if ((long) rows * parameterCount >= MIN_PARALLEL_MULTIPLY_ADDS) {
            Parallelism.run(parts, part);
        } else {
            for (int p = 0; p < parts; p++) {
                part.accept(p);
            }
        }
    }

    /** The summed kernel regularizer penalties on the working weights (before this step's update). */
    private double penalty() {
        double penalty = 0;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof Dense dense && !dense.kernelRegularizer().equals(Regularizer.NONE)) {
                penalty += dense.kernelRegularizer().penalty(arrays[i][0]);
            }
        }
        return penalty;
    }

    /** Split part {@code p}: its copy of its feature columns of the batch, then its blocks' partial z. */
    private void splitForward(int p) {
        int first = inputSplit.partStart(p, splitParts);
        int end = inputSplit.partStart(p + 1, splitParts);
        gatherInputs(inputSplit.inputsOf(p), 0, rows, first, end);
        inputSplit.forward(KERNELS, p, splitParts, rows, arrays);
    }

    /** Part {@code q} of the gradient round: the first layer's split parts, then the bands. */
    private void gradients(int q) {
        if (q < splitParts) {
            splitGradients(q);
        } else {
            bandGradients(q - splitParts);
        }
    }

    /** Part {@code q} of the update round, numbered as in {@link #gradients}. */
    private void updates(int q) {
        if (q < splitParts) {
            splitUpdate(q);
        } else {
            bandUpdate(q - splitParts);
        }
    }

    /**
     * Split part {@code p}'s gradients of the first layer's kernel rows (with its regularizer's; part 0 also the
     * bias's), and their update when the optimiser needs no whole gradient arrays first.
     */
    private void splitGradients(int p) {
        int i = inputSplit.layer();
        inputSplit.gradients(KERNELS, p, splitParts, rows, grads[i], layerGradients[i]);
        Regularizer regularizer = ((Dense) layers.get(i)).kernelRegularizer();
        if (!regularizer.equals(Regularizer.NONE)) {
            int units = layers.get(i).outputWidth();
            regularizer.addGradient(arrays[i][0], layerGradients[i][0], inputSplit.partStart(p, splitParts) * units,
                    inputSplit.partStart(p + 1, splitParts) * units);
        }
        if (bandOptimizer != null) {
            splitUpdate(p);
        }
    }

    /** The optimiser's update of split part {@code p}'s kernel rows, and for part 0 of the bias. */
    private void splitUpdate(int p) {
        int i = inputSplit.layer();
        int units = layers.get(i).outputWidth();
        bandOptimizer.update(firstParameter[i], inputSplit.partStart(p, splitParts) * units,
                inputSplit.partStart(p + 1, splitParts) * units);
        if (p == 0) {
            bandOptimizer.update(firstParameter[i] + 1, 0, units);
        }
    }

    /**
     * Band {@code b}'s gradients, with its kernel regularizer's, and its update when the optimiser needs no
     * whole gradient arrays first.
     */
    private void bandGradients(int b) {
        int i = bands.layer(b);
        Layer layer = layers.get(i);
        layer.parameterGradients(KERNELS, rows, i == 0 ? batchX : outs[i - 1], grads[i], bands.from(b), bands.to(b),
                layerGradients[i]);
        if (layer instanceof Dense dense && !dense.kernelRegularizer().equals(Regularizer.NONE)) {
            int units = dense.units();
            int end = Math.min(bands.to(b), dense.inputWidth());
            if (bands.from(b) < end) {
                dense.kernelRegularizer().addGradient(arrays[i][0], layerGradients[i][0], bands.from(b) * units,
                        end * units);
            }
        }
        if (bandOptimizer != null) {
            bandUpdate(b);
        }
    }

    /** The optimiser's update of band {@code b}. */
    private void bandUpdate(int b) {
        int i = bands.layer(b);
        bands.update(b, layers.get(i), layerGradients[i], firstParameter[i], bandOptimizer);
    }
}
