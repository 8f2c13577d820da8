package org.vecnn.train;

import org.vecnn.matrix.Matrix;

/** The samples of the batch a step trains on, and the copying of their rows into the step's buffers. */
final class BatchSource {

    private final int inputs;
    private final int targetWidth;
    private final StepBuffers buffers;
    private float[] x;
    private float[] y;
    private float[] weights;
    private int[] order;
    private int from;

    BatchSource(int inputs, int targetWidth, StepBuffers buffers) {
        this.inputs = inputs;
        this.targetWidth = targetWidth;
        this.buffers = buffers;
    }

    /** The batch: samples {@code order[from…]} of x and y, with these sample weights (or null). */
    void select(Matrix newX, Matrix newY, float[] newWeights, int[] newOrder, int newFrom) {
        x = newX.data();
        y = newY.data();
        weights = newWeights;
        order = newOrder;
        from = newFrom;
    }

    /** Values per input sample. */
    int inputs() {
        return inputs;
    }

    /** Copies input features [first, end) of batch rows [rowFrom, rowTo) into {@code target}, row after row. */
    void gatherInputs(float[] target, int rowFrom, int rowTo, int first, int end) {
        for (int r = rowFrom; r < rowTo; r++) {
            System.arraycopy(x, order[from + r] * inputs + first, target, r * (end - first), end - first);
        }
    }

    /** Copies the targets and weights of batch rows [rowFrom, rowTo) into the step's buffers. */
    void gatherTargets(int rowFrom, int rowTo) {
        for (int r = rowFrom; r < rowTo; r++) {
            int sample = order[from + r];
            System.arraycopy(y, sample * targetWidth, buffers.batchY, r * targetWidth, targetWidth);
            buffers.batchWeights[r] = weights == null ? 1f : weights[sample];
        }
    }
}
