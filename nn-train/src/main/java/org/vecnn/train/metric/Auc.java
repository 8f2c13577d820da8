package org.vecnn.train.metric;

import java.util.Arrays;

/**
 * The area under the ROC curve, as Keras's {@code AUC()}: predictions counted into 200 thresholds evenly
 * spaced over [0, 1], the curve's points at those thresholds, the area by the trapezoidal rule.
 */
final class Auc implements Metric {

    private static final int THRESHOLDS = 200;

    /** Positives and negatives whose prediction falls in each bucket between thresholds. */
    private final long[] positives = new long[THRESHOLDS + 1];
    private final long[] negatives = new long[THRESHOLDS + 1];

    @Override
    public String name() {
        return "auc";
    }

    @Override
    public void reset() {
        Arrays.fill(positives, 0);
        Arrays.fill(negatives, 0);
    }

    @Override
    public void update(int rows, int outputs, float[] predictions, float[] targets, int targetWidth) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < outputs; j++) {
                float p = Math.min(1f, Math.max(0f, predictions[r * outputs + j]));
                int bucket = (int) Math.ceil(p * (THRESHOLDS - 1));
                if (targets[r * targetWidth + j] > 0.5f) {
                    positives[bucket]++;
                } else {
                    negatives[bucket]++;
                }
            }
        }
    }

    @Override
    public double result() {
        long totalPositives = 0;
        long totalNegatives = 0;
        for (int b = 0; b <= THRESHOLDS; b++) {
            totalPositives += positives[b];
            totalNegatives += negatives[b];
        }
        if (totalPositives == 0 || totalNegatives == 0) {
            return 0;
        }
        // Sweep the threshold from high to low: each bucket moves its samples to "predicted positive".
        double area = 0;
        long truePositives = 0;
        long falsePositives = 0;
        for (int b = THRESHOLDS; b >= 0; b--) {
            long nextTruePositives = truePositives + positives[b];
            long nextFalsePositives = falsePositives + negatives[b];
            area += (nextFalsePositives - falsePositives) * (double) (truePositives + nextTruePositives) / 2;
            truePositives = nextTruePositives;
            falsePositives = nextFalsePositives;
        }
        return area / ((double) totalPositives * totalNegatives);
    }
}
