package org.vecnn.train.loss;

import org.vecnn.nn.Activation;

/**
 * Binary cross-entropy for 0/1 labels (or probabilities in [0, 1]), averaged over a sample's outputs. Label
 * smoothing s moves each label to {@code y·(1 − s) + s/2}. On logits z: {@code max(z, 0) − z·y +
 * log1p(e^−|z|)}, gradient {@code σ(z) − y}. On probabilities p, clipped to [1e-7, 1 − 1e-7] as Keras does:
 * {@code −y·log p − (1 − y)·log(1 − p)}, gradient {@code (p − y) / (p·(1 − p))} (0 where clipped).
 *
 * @param fromLogits whether the model's outputs are logits
 * @param labelSmoothing s in [0, 1]
 */
record BinaryCrossentropy(boolean fromLogits, float labelSmoothing) implements Loss {

    /** The clipping of probabilities, Keras's {@code backend.epsilon()}. */
    static final double EPSILON = 1e-7;

    BinaryCrossentropy {
        Targets.checkLabelSmoothing(labelSmoothing);
    }

    @Override
    public String name() {
        return "binary_crossentropy";
    }

    @Override
    public Activation fusedActivation() {
        return Activation.SIGMOID;
    }

    @Override
    public void checkTargets(int rows, int outputs, float[] targets) {
        Targets.requireWithin(name(), rows, outputs, targets, 0f, 1f, "in [0, 1]");
    }

    @Override
    public double evaluate(int from, int to, int outputs, float[] values, boolean logits, float[] targets,
                           float[] weights, float[] gradient) {
        double total = 0;
        for (int r = from; r < to; r++) {
            double w = weights == null ? 1 : weights[r];
            double sum = 0;
            for (int j = 0; j < outputs; j++) {
                int i = r * outputs + j;
                double y = targets[i] * (1.0 - labelSmoothing) + 0.5 * labelSmoothing;
                double v = values[i];
                double slope;
                if (logits) {
                    sum += Math.max(v, 0) - v * y + Math.log1p(Math.exp(-Math.abs(v)));
                    slope = sigmoid(v) - y;
                } else {
                    double p = Math.min(Math.max(v, EPSILON), 1 - EPSILON);
                    sum -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
                    slope = p == v ? (p - y) / (p * (1 - p)) : 0;
                }
                gradient[i] = (float) (w * slope / outputs);
            }
            total += w * sum / outputs;
        }
        return total;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
