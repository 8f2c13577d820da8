package org.vecnn.train.metric;

/** The mean squared or mean absolute error over every output of every sample. */
final class MeanError implements Metric {

    private final boolean squared;
    private double sum;
    private long count;

    MeanError(boolean squared) {
        this.squared = squared;
    }

    @Override
    public String name() {
        return squared ? "mse" : "mae";
    }

    @Override
    public void reset() {
        sum = 0;
        count = 0;
    }

    @Override
    public void update(int rows, int outputs, float[] predictions, float[] targets, int targetWidth) {
        for (int i = 0; i < rows * outputs; i++) {
            double e = (double) predictions[i] - targets[i];
            sum += squared ? e * e : Math.abs(e);
        }
        count += (long) rows * outputs;
    }

    @Override
    public double result() {
        return count == 0 ? 0 : sum / count;
    }
}
