package org.vecnn.train.optim;

/**
 * An optimiser's gradient clipping, as Keras's {@code clipvalue} and {@code clipnorm}: each element to
 * ±value, then each parameter array to an L2 norm of at most norm, in place; 0 turns either off.
 *
 * @param value the element limit, or 0
 * @param norm the array norm limit, or 0
 */
record GradientClipping(float value, float norm) {

    /** No clipping. */
    static final GradientClipping NONE = new GradientClipping(0f, 0f);

    /** This clipping, with elements clipped to ±limit (positive and finite). */
    GradientClipping withValue(double limit) {
        return new GradientClipping(positive("clip value", limit), norm);
    }

    /** This clipping, with arrays rescaled to an L2 norm of at most limit (positive and finite). */
    GradientClipping withNorm(double limit) {
        return new GradientClipping(value, positive("clip norm", limit));
    }

    /** Whether clipping needs a whole array (by norm) before any band of it is updated. */
    boolean wholeArrays() {
        return norm > 0;
    }

    /** Clips a whole gradient array: element-wise, then by its norm. */
    void clipArray(float[] g) {
        clipValues(g, 0, g.length);
        double squares = 0;
        for (float v : g) {
            squares += (double) v * v;
        }
        double arrayNorm = Math.sqrt(squares);
        if (arrayNorm > norm && norm > 0) {
            float scale = (float) (norm / arrayNorm);
            for (int i = 0; i < g.length; i++) {
                g[i] *= scale;
            }
        }
    }

    /** Clips elements [from, to) to ±value, if value clipping is on. */
    void clipValues(float[] g, int from, int to) {
        if (value > 0) {
            for (int i = from; i < to; i++) {
                g[i] = Math.max(-value, Math.min(value, g[i]));
            }
        }
    }

    private static float positive(String what, double limit) {
        if (!(limit > 0 && limit < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + limit);
        }
        return (float) limit;
    }
}
