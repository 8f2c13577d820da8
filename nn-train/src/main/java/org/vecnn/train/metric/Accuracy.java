package org.vecnn.train.metric;

import org.vecnn.train.loss.Loss;

/**
 * The fraction of samples predicted right. Binary: each output rounded at 0.5 against its 0/1 label (the
 * mean over outputs); categorical: the largest output's index against the one-hot row's, or against the
 * class index for sparse targets.
 */
final class Accuracy implements Metric {

    enum Kind { BINARY, CATEGORICAL, SPARSE }

    private final Kind kind;
    private double correct;
    private long count;

    Accuracy(Kind kind) {
        this.kind = kind;
    }

    /** Keras's choice: binary for binary cross-entropy, sparse for integer targets, else categorical. */
    static Accuracy forLoss(Loss loss) {
        return switch (loss.name()) {
            case "sparse_categorical_crossentropy" -> new Accuracy(Kind.SPARSE);
            case "categorical_crossentropy" -> new Accuracy(Kind.CATEGORICAL);
            default -> new Accuracy(Kind.BINARY);
        };
    }

    @Override
    public String name() {
        return "accuracy";
    }

    @Override
    public void reset() {
        correct = 0;
        count = 0;
    }

    @Override
    public void update(int rows, int outputs, float[] predictions, float[] targets, int targetWidth) {
        for (int r = 0; r < rows; r++) {
            int row = r * outputs;
            if (kind == Kind.BINARY) {
                int right = 0;
                for (int j = 0; j < outputs; j++) {
                    right += (predictions[row + j] > 0.5f) == (targets[r * targetWidth + j] > 0.5f) ? 1 : 0;
                }
                correct += (double) right / outputs;
            } else {
                int predicted = argmax(predictions, row, outputs);
                int actual = kind == Kind.SPARSE ? (int) targets[r] : argmax(targets, r * targetWidth, targetWidth);
                correct += predicted == actual ? 1 : 0;
            }
        }
        count += rows;
    }

    private static int argmax(float[] values, int offset, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (values[offset + j] > values[offset + best]) {
                best = j;
            }
        }
        return best;
    }

    @Override
    public double result() {
        return count == 0 ? 0 : correct / count;
    }
}
