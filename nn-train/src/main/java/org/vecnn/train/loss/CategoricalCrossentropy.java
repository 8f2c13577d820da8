package org.vecnn.train.loss;

import org.vecnn.nn.Activation;

/**
 * Categorical cross-entropy for one-hot (or probability) target rows. Label smoothing s moves each target to
 * {@code y·(1 − s) + s/n}. On logits z: {@code Σ_j y_j·(logsumexp(z) − z_j)}, gradient
 * {@code softmax(z)·Σy − y}. On probabilities p (normalised to sum 1, then clipped to [1e-7, 1 − 1e-7], as
 * Keras): {@code −Σ_j y_j·log p_j}.
 *
 * @param fromLogits whether the model's outputs are logits
 * @param labelSmoothing s in [0, 1]
 */
record CategoricalCrossentropy(boolean fromLogits, float labelSmoothing) implements Loss {

    CategoricalCrossentropy {
        Targets.checkLabelSmoothing(labelSmoothing);
    }

    @Override
    public String name() {
        return "categorical_crossentropy";
    }

    @Override
    public Activation fusedActivation() {
        return Activation.SOFTMAX;
    }

    @Override
    public void checkTargets(int rows, int outputs, float[] targets) {
        Targets.requireWithin(name(), rows, outputs, targets, 0f, Float.POSITIVE_INFINITY, "finite and at least 0");
    }

    @Override
    public double evaluate(int from, int to, int outputs, float[] values, boolean logits, float[] targets,
                           float[] weights, float[] gradient) {
        double total = 0;
        double smoothing = labelSmoothing;
        for (int r = from; r < to; r++) {
            double w = weights == null ? 1 : weights[r];
            int row = r * outputs;
            double targetSum = 0;
            for (int j = 0; j < outputs; j++) {
                targetSum += target(targets[row + j], smoothing, outputs);
            }
            double loss = 0;
            if (logits) {
                double logSumExp = Softmax.logSumExp(values, row, outputs);
                for (int j = 0; j < outputs; j++) {
                    double y = target(targets[row + j], smoothing, outputs);
                    loss += y * (logSumExp - values[row + j]);
                    gradient[row + j] = (float) (w * (Math.exp(values[row + j] - logSumExp) * targetSum - y));
                }
            } else {
                double mass = 0;
                for (int j = 0; j < outputs; j++) {
                    mass += values[row + j];
                }
                for (int j = 0; j < outputs; j++) {
                    double y = target(targets[row + j], smoothing, outputs);
                    double raw = values[row + j] / mass;
                    double p = Math.min(Math.max(raw, BinaryCrossentropy.EPSILON), 1 - BinaryCrossentropy.EPSILON);
                    loss -= y * Math.log(p);
                    // d/dv_j of −Σ_k y_k·log(v_k / Σv) = −y_j / v_j + Σy / Σv (through unclipped p only).
                    double slope = (p == raw ? -y / values[row + j] : 0) + targetSum / mass;
                    gradient[row + j] = (float) (w * slope);
                }
            }
            total += w * loss;
        }
        return total;
    }

    private static double target(float y, double smoothing, int classes) {
        return y * (1 - smoothing) + smoothing / classes;
    }
}
