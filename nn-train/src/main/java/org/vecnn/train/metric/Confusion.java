package org.vecnn.train.metric;

/**
 * Precision {@code TP / (TP + FP)} or recall {@code TP / (TP + FN)} of binary predictions thresholded at 0.5,
 * over every output (Keras's defaults); 0 when the denominator is.
 */
final class Confusion implements Metric {

    enum Kind { PRECISION, RECALL }

    private final Kind kind;
    private long truePositives;
    private long falsePositives;
    private long falseNegatives;

    Confusion(Kind kind) {
        this.kind = kind;
    }

    @Override
    public String name() {
        return kind == Kind.PRECISION ? "precision" : "recall";
    }

    @Override
    public void reset() {
        truePositives = 0;
        falsePositives = 0;
        falseNegatives = 0;
    }

    @Override
    public void update(int rows, int outputs, float[] predictions, float[] targets, int targetWidth) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < outputs; j++) {
                boolean predicted = predictions[r * outputs + j] > 0.5f;
                boolean actual = targets[r * targetWidth + j] > 0.5f;
                truePositives += predicted && actual ? 1 : 0;
                falsePositives += predicted && !actual ? 1 : 0;
                falseNegatives += !predicted && actual ? 1 : 0;
            }
        }
    }

    @Override
    public double result() {
        long denominator = truePositives + (kind == Kind.PRECISION ? falsePositives : falseNegatives);
        return denominator == 0 ? 0 : (double) truePositives / denominator;
    }
}
