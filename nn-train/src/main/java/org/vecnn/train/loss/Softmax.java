package org.vecnn.train.loss;

/** The log-sum-exp the categorical losses share, in double with the maximum subtracted. */
final class Softmax {

    private Softmax() {
    }

    /** {@code log Σ_j e^(v_j)} over {@code n} values from {@code offset}, stable for any finite v. */
    static double logSumExp(float[] values, int offset, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, values[offset + j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += Math.exp(values[offset + j] - max);
        }
        return max + Math.log(sum);
    }
}
