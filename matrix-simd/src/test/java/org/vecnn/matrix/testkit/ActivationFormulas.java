package org.vecnn.matrix.testkit;

/**
 * Activation functions and their derivatives in double precision: the references the float kernels are
 * checked against. The normal CDF comes from an erfc with full double accuracy (a positive-term series
 * below 2, a continued fraction above), since {@link Math} has no error function.
 */
public final class ActivationFormulas {

    private static final double INV_SQRT_PI = 1 / Math.sqrt(Math.PI);

    private ActivationFormulas() {
    }

    /** The logistic function. */
    public static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /** {@code x > 0 ? x : alpha·(e^x − 1)}. */
    public static double elu(double x, double alpha) {
        return x > 0 ? x : alpha * Math.expm1(x);
    }

    /** The exact GELU, {@code x·Φ(x)}. */
    public static double gelu(double x) {
        return x * normalCdf(x);
    }

    /** {@code Φ(x) + x·φ(x)}. */
    public static double geluDerivative(double x) {
        return normalCdf(x) + x * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    /** {@code x·σ(x)}. */
    public static double swish(double x) {
        return x * sigmoid(x);
    }

    /** {@code log(1 + e^x)}. */
    public static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** The standard normal CDF, {@code erfc(−x/√2)/2}. */
    public static double normalCdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /** The complementary error function to about 1e-15 relative. */
    public static double erfc(double x) {
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 2) {
            // erf(x) = 2/√π · e^(−x²) · Σ (2x²)^n · x / (1·3·…·(2n+1)): positive terms, no cancellation.
            double term = x;
            double sum = x;
            for (int n = 1; term > 1e-18 * sum; n++) {
                term *= 2 * x * x / (2 * n + 1);
                sum += term;
            }
            return 1 - 2 * INV_SQRT_PI * Math.exp(-x * x) * sum;
        }
        // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated from the bottom.
        double fraction = x;
        for (int n = 200; n >= 1; n--) {
            fraction = x + (n / 2.0) / fraction;
        }
        return INV_SQRT_PI * Math.exp(-x * x) / fraction;
    }
}
