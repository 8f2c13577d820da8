package org.vecnn.nn.activation;

/** The check shared by the activations that take an alpha. */
final class Alphas {

    private Alphas() {
    }

    static void check(String activation, float alpha) {
        if (!(alpha >= 0f && alpha < Float.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(activation + " alpha must be finite and at least 0, got " + alpha);
        }
    }
}
