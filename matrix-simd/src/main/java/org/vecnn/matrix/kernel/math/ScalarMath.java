package org.vecnn.matrix.kernel.math;

/**
 * The transcendental functions of the activation kernels, built from float additions, multiplications,
 * FMAs and exponent-bit arithmetic only. Those are exactly rounded by IEEE 754 wherever they run, so a
 * result does not depend on whether the JVM interprets or compiles the code, nor on the lane count:
 * {@link VectorMath} performs the same operations, in the same order, lane by lane. (The Vector API's own
 * {@code EXP} or {@code TANH} call SVML when compiled and {@code Math} when interpreted, which round
 * differently, so the same model would predict different last bits before and after warm-up.)
 *
 * <p>Accuracy, checked in the tests against double precision: exp and log1p within 2 ulp, expm1 (e^x − 1
 * beyond the series, where exp's error is worth up to twice as many ulps of the difference) and tanh within 4.
 */
public final class ScalarMath {

    /** log2(e). */
    public static final float LOG2E = 1.44269504088896341f;
    /** ln 2 split in two, so that {@code n·LN2_HI} is exact for the n that occur (Cody and Waite). */
    public static final float LN2_HI = 0.693359375f;
    public static final float LN2_LO = -2.12194440e-4f;
    /** Adding and subtracting 1.5·2^23 rounds a float of magnitude below 2^22 to an integer (ties to even). */
    public static final float ROUNDER = 0x1.8p23f;
    /** exp overflows to infinity above this, and is 0 below {@link #EXP_MIN}. */
    public static final float EXP_MAX = 88.72284f;
    public static final float EXP_MIN = -104f;
    /** Below this magnitude expm1 uses its series, which avoids e^x − 1 cancelling. */
    public static final float EXPM1_SERIES_LIMIT = 0.3465736f;
    /** Beyond this magnitude tanh is ±1 to float precision. */
    public static final float TANH_SATURATION = 9f;
    /**
     * e^r − 1 − r ≈ r²·(P0 + r·(P1 + …)) for |r| ≤ ln2/2: the Taylor coefficients 1/2!, 1/3!, …, 1/7!, whose
     * truncation error (r^8/8!) is below 1.5e-8 relative on the interval.
     */
    public static final float[] EXP_POLY = {1f / 2, 1f / 6, 1f / 24, 1f / 120, 1f / 720, 1f / 5040};
    /** log1p(y) = 2s·(1 + s²/3 + s⁴/5 + …) with s = y/(2 + y) ≤ 1/3 for y in [0, 1]: the odd reciprocals. */
    public static final float[] LOG1P_POLY = {1f / 3, 1f / 5, 1f / 7, 1f / 9, 1f / 11, 1f / 13};

    private ScalarMath() {
    }

    /** {@code e^x}: 0 below about −104 and infinity above about 88.7; NaN for NaN. */
    public static float exp(float x) {
        float clamped = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
        float n = Math.fma(clamped, LOG2E, ROUNDER) - ROUNDER;
        float r = Math.fma(n, -LN2_LO, Math.fma(n, -LN2_HI, clamped));
        float er = 1f + expm1Series(r);
        // 2^n as two normal powers of two, so that subnormal results and n = 128 come out right.
        int k = (int) n;
        int half = k >> 1;
        float scaled = er * Float.intBitsToFloat((half + 127) << 23) * Float.intBitsToFloat((k - half + 127) << 23);
        return x > EXP_MAX ? Float.POSITIVE_INFINITY : x != x ? x : scaled;
    }

    /** {@code e^r − 1} for |r| ≤ ln2/2 by its series: {@code r + r²·P(r)}. */
    public static float expm1Series(float r) {
        float p = EXP_POLY[EXP_POLY.length - 1];
        for (int c = EXP_POLY.length - 2; c >= 0; c--) {
            p = Math.fma(p, r, EXP_POLY[c]);
        }
        return Math.fma(r * r, p, r);
    }

    /** {@code e^x − 1}, accurate near 0. */
    public static float expm1(float x) {
        return Math.abs(x) < EXPM1_SERIES_LIMIT ? expm1Series(x) : exp(x) - 1f;
    }

    /** {@code tanh(x) = e/(e + 2)} with {@code e = expm1(2|x|)}, signed; ±1 beyond {@link #TANH_SATURATION}. */
    public static float tanh(float x) {
        float a = Math.abs(x);
        float e = expm1(2f * a);
        float t = a > TANH_SATURATION ? 1f : e / (e + 2f);
        return x < 0f ? -t : t;
    }

    /**
     * {@code log(1 + y)} for y in [0, 1] (what softplus needs): {@code 2s + 2s·s²·Q(s²)} with s = y/(2 + y),
     * where s is corrected for the rounding of 2 + y (recovered exactly by Fast2Sum) and of the quotient.
     */
    public static float log1pUnit(float y) {
        float d = 2f + y;
        float dError = (2f - d) + y;
        float quotient = y / d;
        float s = quotient + (Math.fma(-quotient, d, y) - quotient * dError) / d;
        float s2 = s * s;
        float q = LOG1P_POLY[LOG1P_POLY.length - 1];
        for (int c = LOG1P_POLY.length - 2; c >= 0; c--) {
            q = Math.fma(q, s2, LOG1P_POLY[c]);
        }
        float twoS = 2f * s;
        return Math.fma(twoS * s2, q, twoS);
    }

    /** The logistic function split at 0, so that no exponential overflows: e = exp(−|x|). */
    public static float sigmoid(float x) {
        float e = exp(-Math.abs(x));
        return (x >= 0f ? 1f : e) / (1f + e);
    }
}
