package org.vecnn.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.ShapeException;
import org.vecnn.matrix.kernel.KernelProvider;
import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.nn.Layer;
import org.vecnn.nn.Parameters;
import org.vecnn.nn.Sequential;
import org.vecnn.nn.engine.Layers;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.metric.Metric;
import org.vecnn.train.optim.Optimizer;

/**
 * Keras's {@code compile} made an object: a model with a loss and an optimiser, which {@link #fit}s the model
 * to data by mini-batch backpropagation and {@link #evaluate}s it.
 *
 * <p>Training works on a private copy of the weights and publishes it to the model at the end of every
 * epoch, in one atomic step: threads predicting with the model meanwhile use the last epoch's weights,
 * never a mix. The data are checked before anything changes; each problem is named with its row and column.
 * The same seed gives bitwise-identical weights, whatever the thread count.
 */
public final class Trainer {

    private static final Kernels KERNELS = KernelProvider.kernels();

    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final List<String> metrics;

    /**
     * Compiles the model with a loss, an optimiser and metrics by Keras name ({@code "accuracy"} is binary or
     * categorical as the loss implies; see {@link Metric#of}).
     *
     * @throws IllegalArgumentException for an unknown metric
     */
    public Trainer(Sequential model, Loss loss, Optimizer optimizer, String... metrics) {
        this.model = Objects.requireNonNull(model, "model");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.metrics = List.of(metrics);
        for (String metric : this.metrics) {
            Metric.of(metric, loss);
        }
    }

    private List<Metric> freshMetrics() {
        List<Metric> fresh = new ArrayList<>();
        for (String metric : metrics) {
            fresh.add(Metric.of(metric, loss));
        }
        return fresh;
    }

    /** The model trained. */
    public Sequential model() {
        return model;
    }

    /**
     * Trains on x (one sample per row) and y (the targets: as many columns as the loss takes per sample), and
     * returns the loss (and validation loss) of each epoch. An unbuilt model is built first, from the seed.
     *
     * @throws IllegalArgumentException for empty data, x and y of different lengths, a wrong width, a NaN or
     *     infinite value, or targets the loss cannot take; the model is untouched then
     */
    public History fit(Matrix x, Matrix y, FitOptions options) {
        check(x, y);
        boolean ownValidation = options.validationX() != null;
        if (ownValidation) {
            check(options.validationX(), options.validationY());
        }
        float[] sampleWeights = options.sampleWeights();
        if (sampleWeights != null && sampleWeights.length != x.rows()) {
            throw new IllegalArgumentException(sampleWeights.length + " sample weights for " + x.rows() + " samples");
        }
        int samples = x.rows();
        int trainRows = ownValidation ? samples : (int) Math.floor(samples * (1 - options.validationSplit()));
        if (trainRows < 1) {
            throw new IllegalArgumentException("validation split " + options.validationSplit() + " leaves no training"
                    + " samples of " + samples);
        }
        if (!model.isBuilt()) {
            model.build(x.cols(), options.seed());
        }
        float[] weights = weights(y, sampleWeights, options.classWeights());
        TrainingPass pass = new TrainingPass(model, loss, Math.min(options.batchSize(), samples), freshMetrics());
        List<Metric> validationMetrics = freshMetrics();
        EpochOrder epochOrder = new EpochOrder(trainRows, options.seed());
        SplittableRandom dropout = epochOrder.dropout;
        History history = new History();
        FitControl control = new FitControl(model, optimizer, pass);
        options.callbacks().forEach(callback -> callback.onTrainBegin(control));
        int steps = (trainRows + options.batchSize() - 1) / options.batchSize();
        List<Callback> callbacks = options.callbacks();
        // On a terminal the bar is redrawn in place as batches finish (at most every 50 ms), as Keras does.
        boolean redraw = options.verbose() == 1 && options.progress() == System.out && System.console() != null;
        for (int epoch = 1; epoch <= options.epochs() && !control.stopped; epoch++) {
            if (options.verbose() > 0) {
                options.progressLines().accept("Epoch " + epoch + "/" + options.epochs());
            }
            long start = System.nanoTime();
            long lastDrawn = start;
            int[] order = epochOrder.next(options.shuffle());
            double lossSum = 0;
            pass.metrics.forEach(Metric::reset);
            for (int step = 0; step < steps && !control.stopped; step++) {
                int from = step * options.batchSize();
                int rows = Math.min(options.batchSize(), trainRows - from);
                pass.select(x, y, weights, order, from);
                double batchLoss = pass.train(rows, dropout, optimizer, weights != null);
                lossSum += batchLoss;
                // Indexed, not for-each: no iterator per batch, whatever C2 inlines.
                for (int c = 0; c < callbacks.size(); c++) {
                    callbacks.get(c).onBatchEnd(epoch, step + 1, batchLoss / rows, control);
                }
                long now = System.nanoTime();
                if (redraw && step + 1 < steps && now - lastDrawn > 50_000_000L) {
                    lastDrawn = now;
                    options.progress().print("\r" + ProgressLine.format(1, step + 1, steps, (now - start) / 1e9,
                            Map.of("loss", lossSum / (from + rows))));
                    options.progress().flush();
                }
                if (control.stopped && !Double.isFinite(batchLoss) && options.verbose() > 0) {
                    // The working weights may hold the bad step: the model keeps the last finite epoch's.
                    options.progressLines().accept("Epoch " + epoch + ", batch " + (step + 1) + ": invalid loss "
                            + batchLoss / rows + ", training terminated; the model keeps the weights of epoch "
                            + (epoch - 1));
                }
            }
            if (control.stopped && steps > 0 && !Double.isFinite(lossSum)) {
                break;
            }
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("loss", lossSum / trainRows);
            pass.metrics.forEach(metric -> values.put(metric.name(), metric.result()));
            if (ownValidation || trainRows < samples) {
                validationMetrics.forEach(Metric::reset);
                values.put("val_loss", ownValidation
                        ? pass.sumLoss(options.validationX(), options.validationY(), 0, options.validationX().rows(),
                                validationMetrics) / options.validationX().rows()
                        : pass.sumLoss(x, y, trainRows, samples, validationMetrics) / (samples - trainRows));
                validationMetrics.forEach(metric -> values.put("val_" + metric.name(), metric.result()));
            }
            values.forEach(history::add);
            requireFiniteWeights(pass.buffers.parameters, epoch, lossSum / trainRows);
            Layers.publish(model, pass.buffers.parameters);
            if (options.verbose() > 0) {
                options.progressLines().accept((redraw ? "\r" : "") + ProgressLine.format(options.verbose(), steps,
                        steps, (System.nanoTime() - start) / 1e9, values));
            }
            for (Callback callback : options.callbacks()) {
                callback.onEpochEnd(epoch, values, control);
            }
        }
        options.callbacks().forEach(callback -> callback.onTrainEnd(history, control));
        return history;
    }

    /**
     * The gradient of the mean loss over x and y (one batch, dropout off, batch statistics on) with respect
     * to every trainable weight, with the model's published weights, layer by layer in {@code weights()}
     * order, as {@code tf.GradientTape} would give them. For the gradient checks; fit does not need it.
     */
    List<Matrix> gradients(Matrix x, Matrix y) {
        check(x, y);
        if (!model.isBuilt()) {
            throw new IllegalStateException("model '" + model.name() + "' is not built");
        }
        TrainingPass pass = new TrainingPass(model, loss, x.rows(), List.of());
        int[] order = new int[x.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        pass.select(x, y, null, order, 0);
        pass.backpropagate(x.rows(), false);
        List<Matrix> gradients = new ArrayList<>();
        for (Parameters layerGradients : pass.buffers.gradients) {
            gradients.addAll(StepBuffers.matrices(layerGradients, layerGradients.size()));
        }
        return gradients;
    }

    /**
     * The mean loss and every compiled metric over x and y, with the model's published weights (Keras's
     * {@code evaluate}), by name: {@code loss} first.
     */
    public Map<String, Double> evaluate(Matrix x, Matrix y) {
        return evaluation().add(x, y).result();
    }

    /**
     * An evaluation to which data is added in parts, such as the chunks of a file streamed from disk; its
     * result is the same as {@link #evaluate} of all the parts at once when every part but the last has a
     * multiple of 256 rows.
     *
     * @throws IllegalStateException if the model is not built
     */
    public Evaluation evaluation() {
        if (!model.isBuilt()) {
            throw new IllegalStateException("model '" + model.name() + "' is not built: fit it first");
        }
        return new Evaluation(this, new TrainingPass(model, loss, Evaluation.PART_ROWS, List.of()), freshMetrics());
    }

    void check(Matrix x, Matrix y) {
        if (x.rows() == 0) {
            throw new IllegalArgumentException("empty data: x has no rows");
        }
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException("x has " + x.rows() + " rows but y has " + y.rows());
        }
        if (model.isBuilt() && x.cols() != model.inputWidth()) {
            throw new ShapeException("x has " + x.cols() + " columns; model '" + model.name() + "' takes "
                    + model.inputWidth());
        }
        List<Layer> layers = model.layers();
        int outputs = layers.get(layers.size() - 1).outputWidth();
        if (outputs > 0 && y.cols() != loss.targetWidth(outputs)) {
            throw new ShapeException("y has " + y.cols() + " columns; " + loss.name() + " on " + outputs
                    + " outputs takes " + loss.targetWidth(outputs));
        }
        requireFinite("x", x);
        requireFinite("y", y);
        loss.checkTargets(y.rows(), outputs > 0 ? outputs : y.cols(), y.data());
    }

    /** Diverged training is reported as such, before its weights could reach the model. */
    private void requireFiniteWeights(Parameters[] parameters, int epoch, double meanLoss) {
        for (int i = 0; i < parameters.length; i++) {
            for (int a = 0; a < parameters[i].size(); a++) {
                float[] array = parameters[i].array(a);
                if (KERNELS.firstNonFinite(array.length, array, 0) >= 0) {
                    throw new ArithmeticException("training diverged in epoch " + epoch + ": layer '"
                            + model.layers().get(i).name() + "' has non-finite weights (epoch loss " + meanLoss
                            + "); lower the learning rate (" + optimizer.learningRate()
                            + ") or normalise the inputs; the model keeps the weights of epoch " + (epoch - 1));
                }
            }
        }
    }

    private static void requireFinite(String name, Matrix m) {
        int bad = KERNELS.firstNonFinite(m.data().length, m.data(), 0);
        if (bad >= 0) {
            throw new IllegalArgumentException(name + "[" + bad / m.cols() + "][" + bad % m.cols() + "] is "
                    + m.data()[bad] + "; training data must be finite");
        }
    }

    /**
     * Each sample's loss weight, its sample weight times its class's weight (1 where none is given), or null
     * when neither is. The class is the target for sparse labels, the largest target for one-hot rows, and
     * the rounded target for a single 0/1 output.
     */
    private float[] weights(Matrix y, float[] sampleWeights, Map<Integer, Double> classWeights) {
        if (sampleWeights == null && classWeights.isEmpty()) {
            return null;
        }
        float[] weights = new float[y.rows()];
        for (int i = 0; i < y.rows(); i++) {
            double weight = sampleWeights == null ? 1 : sampleWeights[i];
            if (!classWeights.isEmpty()) {
                weight *= classWeights.getOrDefault(classOf(y, i), 1.0);
            }
            weights[i] = (float) weight;
        }
        return weights;
    }

    private static int classOf(Matrix y, int row) {
        return y.cols() == 1 ? (int) Math.rint(y.get(row, 0)) : y.argmaxOfRow(row);
    }
}
