package org.vecnn.nn;

/**
 * A penalty on a layer's kernel added to the training loss, as Keras's {@code L1L2}:
 * {@code l1·Σ|w| + l2·Σw²}, with gradient {@code l1·sign(w) + 2·l2·w}.
 *
 * @param l1 the L1 factor, finite and at least 0
 * @param l2 the L2 factor, finite and at least 0
 */
public record Regularizer(double l1, double l2) {

    /** No penalty. */
    public static final Regularizer NONE = new Regularizer(0, 0);

    /** Checks the factors. */
    public Regularizer {
        if (!(l1 >= 0 && l1 < Double.POSITIVE_INFINITY && l2 >= 0 && l2 < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("regularization factors must be finite and at least 0, got l1=" + l1
                    + ", l2=" + l2);
        }
    }

    /** Keras's {@code L1(factor)}. */
    public static Regularizer l1(double factor) {
        return new Regularizer(factor, 0);
    }

    /** Keras's {@code L2(factor)}. */
    public static Regularizer l2(double factor) {
        return new Regularizer(0, factor);
    }

    /** The penalty on these weights, in double. */
    public double penalty(float[] weights) {
        double sum = 0;
        for (float w : weights) {
            sum += l1 * Math.abs(w) + l2 * (double) w * w;
        }
        return sum;
    }

    /** Adds the penalty's gradient on weights [from, to) to the same elements of {@code gradient}. */
    public void addGradient(float[] weights, float[] gradient, int from, int to) {
        float a = (float) l1;
        float b = (float) (2 * l2);
        for (int i = from; i < to; i++) {
            gradient[i] += a * Math.signum(weights[i]) + b * weights[i];
        }
    }
}
