package org.vecnn.train.loss;

/**
 * The element-wise regression losses on the error {@code e = a − y}: squared ({@code e²}), absolute
 * ({@code |e|}) and Huber ({@code e²/2} within δ, {@code δ·(|e| − δ/2)} beyond), each averaged over a
 * sample's outputs.
 *
 * @param kind which of the three
 * @param delta Huber's threshold (positive and finite); unused by the others
 */
record RegressionLoss(Kind kind, float delta) implements Loss {

    enum Kind { SQUARED, ABSOLUTE, HUBER }

    RegressionLoss {
        if (kind == Kind.HUBER && !(delta > 0f && delta < Float.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("huber delta must be positive and finite, got " + delta);
        }
    }

    @Override
    public String name() {
        return switch (kind) {
            case SQUARED -> "mean_squared_error";
            case ABSOLUTE -> "mean_absolute_error";
            case HUBER -> "huber";
        };
    }

    @Override
    public void checkTargets(int rows, int outputs, float[] targets) {
        Targets.requireFinite(name(), rows, outputs, targets);
    }

    @Override
    public double evaluate(int from, int to, int outputs, float[] values, boolean logits, float[] targets,
                           float[] weights, float[] gradient) {
        double total = 0;
        for (int r = from; r < to; r++) {
            float w = weights == null ? 1f : weights[r];
            double sum = 0;
            for (int j = 0; j < outputs; j++) {
                int i = r * outputs + j;
                double e = (double) values[i] - targets[i];
                sum += value(e);
                gradient[i] = (float) (w * slope(e) / outputs);
            }
            total += w * sum / outputs;
        }
        return total;
    }

    private double value(double e) {
        double a = Math.abs(e);
        return switch (kind) {
            case SQUARED -> e * e;
            case ABSOLUTE -> a;
            case HUBER -> a <= delta ? 0.5 * e * e : delta * (a - 0.5 * delta);
        };
    }

    private double slope(double e) {
        return switch (kind) {
            case SQUARED -> 2 * e;
            case ABSOLUTE -> Math.signum(e);
            case HUBER -> Math.max(-delta, Math.min(delta, e));
        };
    }
}
