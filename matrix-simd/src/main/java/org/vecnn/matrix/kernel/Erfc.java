package org.vecnn.matrix.kernel;

/**
 * Constants of the complementary error function used by the GELU kernels: the Chebyshev fit
 * {@code erfc(z) ≈ t·exp(−z² + Σ c_i·t^i)} with {@code t = 1/(1 + z/2)}, {@code z ≥ 0}, whose relative error
 * is below 1.2e-7 for every z (W. H. Press et al., Numerical Recipes, 2nd ed., section 6.2, {@code erfcc}).
 * The coefficients are the published ones; both kernel sides evaluate them in the same order.
 */
final class Erfc {

    /** {@code c_0 … c_9}, lowest power first. */
    static final float[] C = {-1.26551223f, 1.00002368f, 0.37409196f, 0.09678418f, -0.18628806f, 0.27886807f,
            -1.13520398f, 1.48851587f, -0.82215223f, 0.17087277f};

    /** {@code 1/√2}. */
    static final float INV_SQRT2 = (float) (1 / Math.sqrt(2));

    /** {@code 1/√(2π)}, the peak of the standard normal density. */
    static final float INV_SQRT_2PI = (float) (1 / Math.sqrt(2 * Math.PI));

    private Erfc() {
    }
}
