package org.vecnn.train;

import java.util.List;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.kernel.KernelProvider;
import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.matrix.parallel.Parallelism;
import org.vecnn.nn.BatchRows;
import org.vecnn.nn.Layer;
import org.vecnn.nn.Sequential;
import org.vecnn.nn.engine.Layers;
import org.vecnn.nn.engine.FeatureSplit;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.metric.Metric;
import org.vecnn.train.engine.BandedSteps;
import org.vecnn.train.optim.Optimizer;

/**
 * One forward and backward pass over a batch, on a working copy of the model's weights: the inner loop of
 * {@link Trainer#fit}, following its {@link StepPlan} with its {@link StepBuffers}.
 *
 * <p>A step runs as rounds of independent parts that the kernel threads share ({@link Parallelism}):
 * <ol>
 *   <li>where the input is wide, the first layer's partial products by input features ({@link FeatureSplit});</li>
 *   <li>chunks of the batch's rows through each stage of layers that work row by row: the forward pass,
 *       and in the last stage the loss and the backward pass down to each layer's ∂L/∂z, so the chunks need
 *       nothing from each other; a layer that needs the whole batch (batch statistics) runs between
 *       stages on all the rows at once, and the backward pass goes back through the earlier stages;</li>
 *   <li>bands of each layer's gradient rows (the split first layer's own feature rows): their gradients,
 *       sums over the whole batch, and their optimiser update.</li>
 * </ol>
 * Chunks, bands and feature blocks depend only on the shapes, never on the thread count, so every thread
 * count computes the same sums in the same order and trains the same weights, bit for bit.
 */
final class TrainingPass {

    private static final Kernels KERNELS = KernelProvider.kernels();
    /** Multiply-adds per step below which the parts run on the caller's thread: waking a worker costs more. */
    static final long MIN_PARALLEL_MULTIPLY_ADDS = 1L << 20;

    private final Loss loss;
    /** The training metrics, updated by each batch. */
    final List<Metric> metrics;
    private final StepPlan plan;
    final StepBuffers buffers;
    private final List<Layer> layers;
    private final BatchSource source;
    private final int outputs;
    private final int targetWidth;
    /** Trainable parameters: a step costs about rows times as many multiply-adds, three times over. */
    private final long parameterCount;
    private final IntConsumer splitForward = this::splitForward;
    private final IntConsumer chunkForward = this::chunkForward;
    private final IntConsumer chunkBackward = this::chunkBackward;
    private final ParameterRounds rounds;
    private final Step step = new Step();

    TrainingPass(Sequential model, Loss loss, int maxRows, List<Metric> metrics) {
        this.loss = loss;
        this.metrics = metrics;
        this.layers = model.layers();
        this.outputs = model.outputWidth();
        this.targetWidth = loss.targetWidth(outputs);
        this.plan = new StepPlan(model, loss, maxRows);
        this.buffers = new StepBuffers(model, plan, maxRows, targetWidth);
        this.source = new BatchSource(model.inputWidth(), targetWidth, buffers);
        this.rounds = new ParameterRounds(plan, buffers);
        long total = 0;
        for (Layer layer : layers) {
            total += layer.trainableParams();
        }
        parameterCount = total;
    }

    /** What the step in progress is: its rows, its mode, and the stage the chunk rounds are in. */
    private static final class Step {
        int rows;
        /** The rows the loss is a mean over: the batch's, or a whole global batch's for a shard of it. */
        int meanOver;
        int splitParts;
        boolean dropout;
        boolean weighted;
        boolean backward;
        int stage;
    }

    /** The last pass's outputs of the model, rows × outputs from the start (the array itself). */
    float[] outputs() {
        return buffers.outs[layers.size() - 1];
    }

    /** Chooses the next batch: samples {@code order[from…]} of x and y, with these sample weights (or null). */
    void select(Matrix x, Matrix y, float[] weights, int[] order, int from) {
        source.select(x, y, weights, order, from);
    }

    /** One gradient step on the selected batch, dropout masks drawn from {@code random}; returns the summed loss. */
    double train(int rows, RandomGenerator random, Optimizer optimizer, boolean weighted) {
        step.meanOver = rows;
        BandedSteps.begin(optimizer, buffers.optimizerParameters, buffers.optimizerGradients);
        boolean clipsWholeArrays = BandedSteps.clipsWholeArrays(optimizer);
        double total = backpropagate(rows, random, weighted, clipsWholeArrays ? null : optimizer);
        if (clipsWholeArrays) {
            for (int p = 0; p < buffers.optimizerParameters.length; p++) {
                BandedSteps.clipArray(optimizer, p);
            }
            rounds.updating = optimizer;
            run(rounds.count(), rounds.updates);
            rounds.updating = null;
        }
        BandedSteps.end(optimizer);
        return total;
    }

    /** The batch's summed loss, without dropout; its mean's gradient lands in the parameter gradients. */
    double backpropagate(int rows, boolean weighted) {
        step.meanOver = rows;
        return backpropagate(rows, null, weighted, null);
    }

    /**
     * The summed loss of a shard of a global batch of {@code meanOver} rows, dropout masks from {@code random}
     * (null: none); the gradient of the summed loss divided by {@code meanOver} lands in the parameter
     * gradients.
     */
    double backpropagateShard(int rows, RandomGenerator random, int meanOver) {
        step.meanOver = meanOver;
        return backpropagate(rows, random, false, null);
    }

    /**
     * The batch's summed loss (with its regularizer penalties) and the gradients; each band is also updated by
     * {@code updating} as soon as its gradient is ready, unless that is null.
     */
    private double backpropagate(int rows, RandomGenerator random, boolean weighted, Optimizer updating) {
        double total = pass(rows, random, weighted, true, metrics);
        double penalty = 0;
        for (int i = 0; i < layers.size(); i++) {
            penalty += Layers.penalty(layers.get(i), buffers.parameters[i]);
        }
        for (int i = 0; i < layers.size(); i++) {
            point(buffers.batchRows[i], i, 0, rows, -1);
        }
        rounds.updating = updating;
        run(rounds.count(), rounds.gradients);
        rounds.updating = null;
        return total + rows * penalty;
    }

    /**
     * The summed loss over samples [from, to) of x and y, evaluating (no dropout, moving statistics), with the
     * working weights; the metrics accumulate them (they are not reset).
     */
    double sumLoss(Matrix x, Matrix y, int from, int to, List<Metric> measured) {
        int[] order = new int[to - from];
        for (int i = 0; i < order.length; i++) {
            order[i] = from + i;
        }
        double total = 0;
        for (int start = 0; start < order.length; start += buffers.maxRows) {
            int count = Math.min(buffers.maxRows, order.length - start);
            select(x, y, null, order, start);
            total += pass(count, null, false, false, measured);
        }
        return total;
    }

    /**
     * The forward rounds, stage by stage, with the loss and (if asked) the backward pass; then the metrics.
     * Returns the summed loss, added chunk by chunk in order.
     */
    private double pass(int rows, RandomGenerator random, boolean weighted, boolean withBackward,
                        List<Metric> measured) {
        int chunks = StepPlan.chunks(rows);
        if (random != null) {
            for (int c = 0; c < chunks; c++) {
                buffers.chunkRandom[c].reseed(random.nextLong());
            }
        }
        step.rows = rows;
        // Where ∂L/∂in flows (above the first trainable layer): what every chunk's backward reads, prepared once.
        for (int i = plan.firstTrainable + 1; withBackward && i < layers.size(); i++) {
            Layers.prepareBackward(layers.get(i), buffers.caches[i], buffers.parameters[i]);
        }
        step.dropout = random != null;
        step.weighted = weighted;
        step.backward = withBackward;
        step.splitParts = plan.split == null ? 0 : plan.split.parts(Parallelism.threads());
        rounds.splitParts = step.splitParts;
        run(step.splitParts, splitForward);
        for (int s = 0; s < plan.stages.size(); s++) {
            step.stage = s;
            if (plan.stages.get(s).whole()) {
                wholeForward(s);
            } else {
                run(chunks, chunkForward);
            }
        }
        for (int s = plan.stages.size() - 2; withBackward && s >= 0 && plan.stages.get(s).to() > plan.firstTrainable;
                s--) {
            step.stage = s;
            if (plan.stages.get(s).whole()) {
                wholeBackward(s);
            } else {
                run(chunks, chunkBackward);
            }
        }
        int last = layers.size() - 1;
        for (int m = 0; m < measured.size(); m++) {
            measured.get(m).update(rows, outputs, buffers.outs[last], buffers.batchY, targetWidth);
        }
        double total = 0;
        for (int c = 0; c < chunks; c++) {
            total += buffers.chunkLoss[c];
        }
        return total;
    }

    /** Chunk {@code c} through the current stage: gathered (first stage), forward; last stage: loss, backward. */
    private void chunkForward(int c) {
        int from = StepPlan.chunkStart(c, step.rows);
        int to = StepPlan.chunkStart(c + 1, step.rows);
        StepPlan.Stage stage = plan.stages.get(step.stage);
        int first = stage.from();
        if (first == 0) {
            source.gatherTargets(from, to);
            if (plan.split == null) {
                source.gatherInputs(buffers.batchX, from, to, 0, source.inputs());
            } else {
                int split = plan.split.layer();
                BatchRows rows = point(buffers.chunkRows[c][split], split, from, to, c);
                plan.split.finish(rows, buffers.parameters[split]);
                first = split + 1;
            }
        }
        for (int i = first; i < stage.to(); i++) {
            Layers.forwardTraining(layers.get(i), point(buffers.chunkRows[c][i], i, from, to, c),
                    buffers.parameters[i]);
        }
        if (plan.isLast(step.stage)) {
            lossAndBackward(from, to, c, stage);
        }
    }

    /** The loss of rows [from, to), and their backward pass through the last stage. */
    private void lossAndBackward(int from, int to, int c, StepPlan.Stage stage) {
        int last = layers.size() - 1;
        float[] values = plan.fused ? buffers.caches[last] : buffers.outs[last];
        buffers.chunkLoss[c] = loss.evaluate(from, to, outputs, values, plan.fused || loss.fromLogits(),
                buffers.batchY, step.weighted ? buffers.batchWeights : null, buffers.grads[last]);
        if (step.backward) {
            KERNELS.scale((to - from) * outputs, 1f / step.meanOver, buffers.grads[last], from * outputs);
            backwardThrough(stage, from, to, c);
        }
    }

    /** Chunk {@code c}'s backward pass through the current (row-wise) stage. */
    private void chunkBackward(int c) {
        backwardThrough(plan.stages.get(step.stage), StepPlan.chunkStart(c, step.rows),
                StepPlan.chunkStart(c + 1, step.rows), c);
    }

    private void backwardThrough(StepPlan.Stage stage, int from, int to, int c) {
        if (stage.whole()) {
            return;
        }
        for (int i = stage.to() - 1; i >= Math.max(stage.from(), plan.firstTrainable); i--) {
            Layers.backward(layers.get(i), point(buffers.chunkRows[c][i], i, from, to, c), buffers.parameters[i]);
        }
    }

    /** A whole-batch layer's forward pass; as the last stage, also the loss chunk by chunk and its backward. */
    private void wholeForward(int s) {
        int i = plan.stages.get(s).from();
        if (i == 0) {
            source.gatherTargets(0, step.rows);
            source.gatherInputs(buffers.batchX, 0, step.rows, 0, source.inputs());
        }
        Layers.forwardTraining(layers.get(i), point(buffers.batchRows[i], i, 0, step.rows, -1), buffers.parameters[i]);
        if (plan.isLast(s)) {
            for (int c = 0; c < StepPlan.chunks(step.rows); c++) {
                lossAndBackward(StepPlan.chunkStart(c, step.rows), StepPlan.chunkStart(c + 1, step.rows), c,
                        plan.stages.get(s));
            }
            if (step.backward) {
                wholeBackward(s);
            }
        }
    }

    private void wholeBackward(int s) {
        int i = plan.stages.get(s).from();
        if (i >= plan.firstTrainable) {
            Layers.backward(layers.get(i), point(buffers.batchRows[i], i, 0, step.rows, -1), buffers.parameters[i]);
        }
    }

    /** Points layer i's views at rows [from, to) of its buffers, in this step's mode; chunk −1: the whole batch. */
    private BatchRows point(BatchRows rows, int i, int from, int to, int chunk) {
        float[] gradIn = i == plan.firstTrainable || i == 0 ? null : buffers.grads[i - 1];
        Layers.point(rows, layers.get(i), buffers.inputOf(i), buffers.outs[i], buffers.grads[i], gradIn,
                buffers.caches[i], from, to);
        RandomGenerator random = step.dropout ? chunk < 0 ? buffers.chunkRandom[0] : buffers.chunkRandom[chunk] : null;
        Layers.mode(rows, random, step.backward, plan.fused && i == layers.size() - 1);
        return rows;
    }

    /** Runs the parts on the kernel threads, or in order on this one when the batch is too small to share. */
    private void run(int parts, IntConsumer part) {
        if ((long) step.rows * parameterCount >= MIN_PARALLEL_MULTIPLY_ADDS) {
            Parallelism.run(parts, part);
        } else {
            for (int p = 0; p < parts; p++) {
                part.accept(p);
            }
        }
    }

    /** Split part {@code p}: its copy of its feature columns of the batch, then its blocks' partial z. */
    private void splitForward(int p) {
        FeatureSplit split = plan.split;
        source.gatherInputs(split.inputsOf(p), 0, step.rows, split.partStart(p, step.splitParts),
                split.partStart(p + 1, step.splitParts));
        split.forward(p, step.splitParts, step.rows, buffers.parameters);
    }
}
