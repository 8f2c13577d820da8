package org.vecnn.train;

import java.util.ArrayList;
import java.util.List;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.BatchRows;
import org.vecnn.nn.Layer;
import org.vecnn.nn.Parameters;
import org.vecnn.nn.Sequential;
import org.vecnn.nn.engine.Layers;

/**
 * Every buffer a training step uses, allocated once for the largest batch: the working parameters and
 * their gradients, each layer's output, cache and output gradient for the whole batch, the batch's
 * inputs, targets and weights, and the reusable row views the layers are called with.
 */
final class StepBuffers {

    /** The working parameters, layer by layer: what the optimiser updates and fit publishes. */
    final Parameters[] parameters;
    /** Each layer's trainable arrays' gradients. */
    final Parameters[] gradients;
    /** The optimiser's view: every trainable array, and its gradient, in layer order. */
    final float[][] optimizerParameters;
    final float[][] optimizerGradients;
    /** Where each layer's trainable arrays start among the optimiser's. */
    final int[] firstParameter;
    final float[][] outs;
    final float[][] caches;
    final float[][] grads;
    /** The batch's inputs (null when the first layer is split: its parts copy theirs), targets and weights. */
    final float[] batchX;
    final float[] batchY;
    final float[] batchWeights;
    /** Views for chunk c and layer i: {@code chunkRows[c][i]}. */
    final BatchRows[][] chunkRows;
    /** Views of the whole batch for each layer. */
    final BatchRows[] batchRows;
    final double[] chunkLoss;
    final ChunkRandom[] chunkRandom;
    final int maxRows;

    StepBuffers(Sequential model, StepPlan plan, int maxRows, int targetWidth) {
        List<Layer> layers = plan.layers;
        int count = layers.size();
        this.maxRows = maxRows;
        parameters = Layers.copyOfParameters(model);
        gradients = new Parameters[count];
        firstParameter = new int[count];
        outs = new float[count][];
        caches = new float[count][];
        grads = new float[count][];
        int trainable = 0;
        for (int i = 0; i < count; i++) {
            Layer layer = layers.get(i);
            gradients[i] = Layers.gradientsOf(parameters[i]);
            firstParameter[i] = trainable;
            trainable += gradients[i].size();
            outs[i] = new float[maxRows * layer.outputWidth()];
            caches[i] = new float[Layers.cacheSize(layer, maxRows)];
            grads[i] = new float[maxRows * layer.outputWidth()];
        }
        optimizerParameters = new float[trainable][];
        optimizerGradients = new float[trainable][];
        for (int i = 0; i < count; i++) {
            for (int a = 0; a < gradients[i].size(); a++) {
                optimizerParameters[firstParameter[i] + a] = parameters[i].array(a);
                optimizerGradients[firstParameter[i] + a] = gradients[i].array(a);
            }
        }
        batchX = plan.split == null ? new float[maxRows * model.inputWidth()] : null;
        batchY = new float[maxRows * targetWidth];
        batchWeights = new float[maxRows];
        int chunks = StepPlan.chunks(maxRows);
        chunkRows = new BatchRows[chunks][count];
        batchRows = new BatchRows[count];
        for (int i = 0; i < count; i++) {
            batchRows[i] = Layers.newRows();
            for (int c = 0; c < chunks; c++) {
                chunkRows[c][i] = Layers.newRows();
            }
        }
        chunkLoss = new double[chunks];
        chunkRandom = new ChunkRandom[chunks];
        for (int c = 0; c < chunks; c++) {
            chunkRandom[c] = new ChunkRandom();
        }
    }

    /** Copies of the first {@code count} arrays as matrices of their shapes. */
    static List<Matrix> matrices(Parameters parameters, int count) {
        List<Matrix> copies = new ArrayList<>();
        for (int a = 0; a < count; a++) {
            copies.add(Matrix.wrap(parameters.rows(a), parameters.cols(a), parameters.array(a).clone()));
        }
        return copies;
    }

    /** Layer i's input buffer for the whole batch: the batch's inputs for the first layer. */
    float[] inputOf(int i) {
        return i == 0 ? batchX : outs[i - 1];
    }
}
