package org.vecnn.train;

import java.util.List;
import java.util.SplittableRandom;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.kernel.KernelProvider;
import org.vecnn.matrix.kernel.Kernels;
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
 */
final class TrainingPass {

    private static final Kernels KERNELS = KernelProvider.kernels();

    /** Whether the loss reads the last layer's logits: it ends in the activation the loss fuses with. */
    static boolean fused(Sequential model, Loss loss) {
        List<Layer> layers = model.layers();
        return layers.get(layers.size() - 1) instanceof Dense dense && dense.activation().equals(loss.fusedActivation());
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
    private final float[] batchX;
    private final float[] batchY;
    private final float[] batchWeights;
    private final int maxRows;

    TrainingPass(Sequential model, Loss loss, int maxRows, List<Metric> metrics) {
        this.loss = loss;
        this.metrics = metrics;
        this.layers = model.layers();
        this.fused = fused(model, loss);
        this.inputs = model.inputWidth();
        this.outputs = model.outputWidth();
        this.targetWidth = loss.targetWidth(outputs);
        this.arrays = model.copyOfArrays();
        int count = layers.size();
        outs = new float[count][];
        caches = new float[count][];
        grads = new float[count][];
        layerGradients = new float[count][][];
        int trainable = 0;
        for (Layer layer : layers) {
            trainable += layer.trainableArrayCount();
        }
        parameters = new float[trainable][];
        parameterGradients = new float[trainable][];
        int p = 0;
        for (int i = 0; i < count; i++) {
            Layer layer = layers.get(i);
            outs[i] = new float[maxRows * layer.outputWidth()];
            caches[i] = new float[maxRows * layer.cacheWidth()];
            grads[i] = new float[maxRows * layer.outputWidth()];
            layerGradients[i] = new float[layer.trainableArrayCount()][];
            for (int a = 0; a < layer.trainableArrayCount(); a++) {
                layerGradients[i][a] = new float[arrays[i][a].length];
                parameters[p] = arrays[i][a];
                parameterGradients[p++] = layerGradients[i][a];
            }
        }
        this.maxRows = maxRows;
        batchX = new float[maxRows * inputs];
        batchY = new float[maxRows * targetWidth];
        batchWeights = new float[maxRows];
    }

    /** Copies rows {@code order[from…from+rows)} of x, y and the weights (if any) into the batch buffers. */
    void gather(Matrix x, Matrix y, float[] weights, int[] order, int from, int rows) {
        for (int r = 0; r < rows; r++) {
            int sample = order[from + r];
            System.arraycopy(x.data(), sample * inputs, batchX, r * inputs, inputs);
            System.arraycopy(y.data(), sample * targetWidth, batchY, r * targetWidth, targetWidth);
            batchWeights[r] = weights == null ? 1f : weights[sample];
        }
    }

    /** One gradient step on the gathered batch; returns the batch's summed loss. */
    double train(int rows, SplittableRandom dropout, Optimizer optimizer, boolean weighted) {
        double total = backpropagate(rows, dropout, weighted);
        optimizer.step(parameters, parameterGradients);
        return total;
    }

    /** The batch's summed loss; its mean's gradient lands in the parameter gradients. */
    double backpropagate(int rows, SplittableRandom dropout, boolean weighted) {
        double total = forwardAndLoss(rows, dropout, metrics, weighted);
        KERNELS.scale(rows * outputs, 1f / rows, grads[layers.size() - 1], 0);
        for (int i = layers.size() - 1; i >= 0; i--) {
            float[] in = i == 0 ? batchX : outs[i - 1];
            layers.get(i).backward(KERNELS, rows, in, outs[i], arrays[i], caches[i], grads[i],
                    fused && i == layers.size() - 1, i == 0 ? null : grads[i - 1], layerGradients[i]);
        }
        return total + rows * regularize();
    }

    /** Adds each kernel regularizer's gradient to its kernel's, and returns the summed penalties. */
    private double regularize() {
        double penalty = 0;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof Dense dense && !dense.kernelRegularizer().equals(Regularizer.NONE)) {
                penalty += dense.kernelRegularizer().penalty(arrays[i][0]);
                dense.kernelRegularizer().addGradient(arrays[i][0], layerGradients[i][0]);
            }
        }
        return penalty;
    }

    /** The forward pass with training behaviour (dropout, unless no generator) and the loss with its gradient. */
    private double forwardAndLoss(int rows, SplittableRandom dropout, List<Metric> measured, boolean weighted) {
        float[] in = batchX;
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).forwardTraining(KERNELS, rows, in, outs[i], arrays[i], caches[i], dropout);
            in = outs[i];
        }
        int last = layers.size() - 1;
        float[] values = fused ? caches[last] : outs[last];
        for (Metric metric : measured) {
            metric.update(rows, outputs, outs[last], batchY, targetWidth);
        }
        return loss.evaluate(rows, outputs, values, fused || loss.fromLogits(), batchY, weighted ? batchWeights : null,
                grads[last]);
    }

    /** The mean loss over samples [from, to) of x and y, without dropout, with the working weights. */
    double meanLoss(Matrix x, Matrix y, int from, int to, List<Metric> measured) {
        measured.forEach(Metric::reset);
        int[] order = new int[to - from];
        for (int i = 0; i < order.length; i++) {
            order[i] = from + i;
        }
        double total = 0;
        for (int start = 0; start < order.length; start += maxRows) {
            int rows = Math.min(maxRows, order.length - start);
            gather(x, y, null, order, start, rows);
            total += forwardAndLoss(rows, null, measured, false);
        }
        return total / order.length;
    }
}
