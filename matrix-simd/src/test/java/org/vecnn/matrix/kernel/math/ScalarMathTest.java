package org.vecnn.matrix.kernel.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The kernels' own exp, expm1, tanh and log1p against double precision over their whole ranges (every
 * power of two and random values), in ulps of the float result, and their special values.
 */
@Tag("kernels")
@Tag("portable")
class ScalarMathTest {

    @FunctionalInterface
    private interface FloatFunction {
        float apply(float x);
    }

    /** The largest error in ulps over many floats in [lo, hi]: random ones and the powers of two in range. */
    private static double worstUlps(FloatFunction f, DoubleUnaryOperator exact, float lo, float hi) {
        SplittableRandom random = new SplittableRandom(0x3a7f);
        double worst = 0;
        for (int i = 0; i < 400_000; i++) {
            float x = i < 300 ? (float) Math.scalb(i % 2 == 0 ? 1.0 : -1.0, i / 2 - 150)
                    : (float) random.nextDouble(lo, hi);
            if (x < lo || x > hi) {
                continue;
            }
            double expected = exact.applyAsDouble(x);
            if (Math.abs(expected) < Float.MIN_NORMAL || Math.abs(expected) > Float.MAX_VALUE) {
                continue;
            }
            double ulps = Math.abs(f.apply(x) - expected) / Math.ulp((float) expected);
            if (!(ulps <= 1000)) {
                fail("at " + x + ": " + f.apply(x) + " vs " + expected);
            }
            worst = Math.max(worst, ulps);
        }
        return worst;
    }

    private static void assertAtMost(double limit, double ulps, String what) {
        if (!(ulps <= limit)) {
            fail(what + " is off by " + ulps + " ulp, more than " + limit);
        }
    }

    @Test
    void expIsWithinTwoUlps() {
        assertAtMost(2, worstUlps(ScalarMath::exp, Math::exp, -87.3f, 88.7f), "exp");
        assertEquals(Float.POSITIVE_INFINITY, ScalarMath.exp(89f));
        assertEquals(Float.POSITIVE_INFINITY, ScalarMath.exp(Float.POSITIVE_INFINITY));
        assertEquals(0f, ScalarMath.exp(Float.NEGATIVE_INFINITY));
        assertEquals(0f, ScalarMath.exp(-200f));
        assertEquals(1f, ScalarMath.exp(0f));
        assertEquals(Float.NaN, ScalarMath.exp(Float.NaN));
        // Subnormal results keep their absolute accuracy.
        assertEquals(Math.exp(-100), ScalarMath.exp(-100f), 2 * Float.MIN_VALUE);
    }

    @Test
    void expm1IsWithinFourUlps() {
        assertAtMost(4, worstUlps(ScalarMath::expm1, Math::expm1, -80f, 80f), "expm1");
        assertEquals(-1f, ScalarMath.expm1(-200f));
        assertEquals(1e-30f, ScalarMath.expm1(1e-30f));
    }

    @Test
    void tanhIsWithinFourUlps() {
        assertAtMost(4, worstUlps(ScalarMath::tanh, Math::tanh, -20f, 20f), "tanh");
        assertEquals(1f, ScalarMath.tanh(1e30f));
        assertEquals(-1f, ScalarMath.tanh(Float.NEGATIVE_INFINITY));
    }

    @Test
    void log1pIsWithinTwoUlpsOnTheUnitInterval() {
        assertAtMost(2, worstUlps(ScalarMath::log1pUnit, Math::log1p, 0f, 1f), "log1p");
        assertEquals(0f, ScalarMath.log1pUnit(0f));
    }
}
