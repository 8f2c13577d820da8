package org.vecnn.train.optim;

/**
 * The learning rate as a function of the optimiser's step count (0 for the first step), as Keras's
 * {@code LearningRateSchedule}s.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The rate for this step. */
    double at(long step);

    /** The same rate at every step. */
    static LearningRateSchedule constant(double rate) {
        requirePositive("learning rate", rate);
        return step -> rate;
    }

    /**
     * {@code initial · decayRate^(step / decaySteps)}, the exponent rounded down when {@code staircase}
     * (Keras's {@code ExponentialDecay}).
     */
    static LearningRateSchedule exponentialDecay(double initial, long decaySteps, double decayRate, boolean staircase) {
        requirePositive("learning rate", initial);
        requirePositive("decay steps", decaySteps);
        requirePositive("decay rate", decayRate);
        return step -> {
            double exponent = (double) step / decaySteps;
            return initial * Math.pow(decayRate, staircase ? Math.floor(exponent) : exponent);
        };
    }

    /**
     * Piecewise constant: {@code values[0]} until step {@code boundaries[0]}, then {@code values[1]}, …
     * (Keras's {@code PiecewiseConstantDecay}); one more value than boundaries, boundaries increasing.
     */
    static LearningRateSchedule step(long[] boundaries, double[] values) {
        if (values.length != boundaries.length + 1) {
            throw new IllegalArgumentException("a step schedule needs one more value than boundaries, got "
                    + values.length + " values and " + boundaries.length + " boundaries");
        }
        for (int i = 0; i < values.length; i++) {
            requirePositive("learning rate", values[i]);
            if (i > 0 && i < boundaries.length && boundaries[i] <= boundaries[i - 1]) {
                throw new IllegalArgumentException("step boundaries must increase, got " + boundaries[i - 1] + " then "
                        + boundaries[i]);
            }
        }
        long[] b = boundaries.clone();
        double[] v = values.clone();
        return step -> {
            int i = 0;
            while (i < b.length && step > b[i]) {
                i++;
            }
            return v[i];
        };
    }

    /**
     * Cosine decay from {@code initial} to {@code initial·alpha} over {@code decaySteps}, then flat
     * (Keras's {@code CosineDecay}).
     */
    static LearningRateSchedule cosine(double initial, long decaySteps, double alpha) {
        requirePositive("learning rate", initial);
        requirePositive("decay steps", decaySteps);
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("cosine alpha must be in [0, 1], got " + alpha);
        }
        return step -> {
            double progress = Math.min(step, decaySteps) / (double) decaySteps;
            return initial * ((1 - alpha) * 0.5 * (1 + Math.cos(Math.PI * progress)) + alpha);
        };
    }

    private static void requirePositive(String what, double value) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + value);
        }
    }
}
