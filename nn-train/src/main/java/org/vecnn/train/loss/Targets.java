package org.vecnn.train.loss;

/** Target checks shared by the losses, with messages that name the row, column and value. */
final class Targets {

    private Targets() {
    }

    static void requireFinite(String loss, int rows, int cols, float[] targets) {
        requireWithin(loss, rows, cols, targets, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, "finite");
    }

    /** Every target finite and in [lo, hi] (open at an infinite end). */
    static void requireWithin(String loss, int rows, int cols, float[] targets, float lo, float hi, String rule) {
        for (int i = 0; i < rows * cols; i++) {
            float t = targets[i];
            if (!Float.isFinite(t) || t < lo || t > hi) {
                throw new IllegalArgumentException(loss + " targets must be " + rule + ": row " + i / cols + ", column "
                        + i % cols + " is " + t);
            }
        }
    }

    static void checkLabelSmoothing(float labelSmoothing) {
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1], got " + labelSmoothing);
        }
    }
}
