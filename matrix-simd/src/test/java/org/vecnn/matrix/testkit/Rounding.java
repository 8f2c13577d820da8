package org.vecnn.matrix.testkit;

/** Float32 rounding constants for error bounds (DESIGN.md section 5). */
public final class Rounding {

    /** Unit roundoff of float32, 2^-24. */
    public static final double U = Math.scalb(1.0, -24);

    private Rounding() {
    }

    /** γ(n) = n·u / (1 − n·u): the relative error bound of n float operations in sequence. */
    public static double gamma(long n) {
        return n * U / (1 - n * U);
    }
}
