package org.vecnn.train.loss;

import org.vecnn.nn.Activation;

/**
 * Categorical cross-entropy with each target a class index (stored as a whole float) instead of a one-hot
 * row. On logits z: {@code logsumexp(z) − z_c}, gradient {@code softmax(z) − onehot(c)}. On probabilities p
 * (normalised, clipped to [1e-7, 1 − 1e-7]): {@code −log p_c}.
 *
 * @param fromLogits whether the model's outputs are logits
 */
record SparseCategoricalCrossentropy(boolean fromLogits) implements Loss {

    @Override
    public String name() {
        return "sparse_categorical_crossentropy";
    }

    @Override
    public int targetWidth(int outputs) {
        return 1;
    }

    @Override
    public Activation fusedActivation() {
        return Activation.SOFTMAX;
    }

    @Override
    public void checkTargets(int rows, int outputs, float[] targets) {
        for (int r = 0; r < rows; r++) {
            float c = targets[r];
            if (!(c >= 0 && c < outputs && c == Math.rint(c))) {
                throw new IllegalArgumentException(name() + " targets must be class indices from 0 to " + (outputs - 1)
                        + ": row " + r + " is " + c);
            }
        }
    }

    @Override
    public double evaluate(int from, int to, int outputs, float[] values, boolean logits, float[] targets,
                           float[] weights, float[] gradient) {
        double total = 0;
        for (int r = from; r < to; r++) {
            double w = weights == null ? 1 : weights[r];
            int row = r * outputs;
            int label = (int) targets[r];
            if (logits) {
                double logSumExp = Softmax.logSumExp(values, row, outputs);
                total += w * (logSumExp - values[row + label]);
                for (int j = 0; j < outputs; j++) {
                    gradient[row + j] = (float) (w * (Math.exp(values[row + j] - logSumExp) - (j == label ? 1 : 0)));
                }
            } else {
                double mass = 0;
                for (int j = 0; j < outputs; j++) {
                    mass += values[row + j];
                }
                double raw = values[row + label] / mass;
                double p = Math.min(Math.max(raw, BinaryCrossentropy.EPSILON), 1 - BinaryCrossentropy.EPSILON);
                total -= w * Math.log(p);
                for (int j = 0; j < outputs; j++) {
                    double slope = (j == label && p == raw ? -1 / values[row + j] : 0) + 1 / mass;
                    gradient[row + j] = (float) (w * slope);
                }
            }
        }
        return total;
    }
}
