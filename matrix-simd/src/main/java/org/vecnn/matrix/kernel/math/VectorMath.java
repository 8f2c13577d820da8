package org.vecnn.matrix.kernel.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels' transcendental functions lane-wise ({@code ScalarMath}'s, which documents them): the same
 * operations in the same order, so each lane equals the scalar function bitwise, in the interpreter and
 * in compiled code alike. Public for the kernels of the packages beside it; not exported.
 *
 * <p>Each function is a loop over arrays, its vector code written once inside the loop: no vector crosses a
 * call. A helper taking and returning vectors is inlined only while its caller's compilation has room;
 * once C2 has compiled such a helper on its own (tiered compilation calls it out of line first), it
 * refuses to inline the big compiled body, and every vector passed is boxed: an allocation per call that
 * depended on what the JIT happened to compile first. The kernels stage their arguments through arrays
 * instead. Outputs may alias inputs exactly.
 */
public final class VectorMath {

    /** {@link #activate}'s operations; {@code EXP} is e^(x − shift) as it is, for softmax. */
    public static final int EXP = 0;
    public static final int SIGMOID = 1;
    public static final int TANH = 2;
    public static final int ELU = 3;
    public static final int SWISH = 4;

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorMath() {
    }

    /**
     * An activation in one pass over n values: {@code SIGMOID}, {@code TANH}, {@code ELU} (with alpha) or
     * {@code SWISH} of x[i], or for {@code EXP} e^(x[i] − alpha). The exponential's argument and the result
     * of each operation are formed as the scalar twins form them.
     */
    public static void activate(int op, int n, float alpha, float[] x, int xOffset, float[] out, int outOffset) {
        boolean logistic = op == SIGMOID || op == SWISH;
        exp(n, x, xOffset, logistic || op == TANH, logistic ? -1f : op == TANH ? 2f : 1f, op == EXP ? alpha : 0f,
                out, outOffset, op == TANH || op == ELU, op, alpha);
    }

    /** {@code out[i] = e^x[i]} for n values. */
    public static void exp(int n, float[] x, int xOffset, float[] out, int outOffset) {
        exp(n, x, xOffset, false, 1f, 0f, out, outOffset, false, EXP, 0f);
    }

    /** {@code out[i] = e^x[i] − 1} for n values, accurate near 0. */
    public static void expm1(int n, float[] x, int xOffset, float[] out, int outOffset) {
        exp(n, x, xOffset, false, 1f, 0f, out, outOffset, true, EXP, 0f);
    }

    /**
     * {@code out[i] = e^a} with {@code a = (abs ? |x[i]| : x[i])·scale − shift} for n values: the argument
     * the kernels need (−|x| for the logistic functions, 2|x| for tanh, x − max for softmax) formed in the
     * same pass, exactly as a separate pass would form it (a product by ±1 or 2 and a difference with 0 are
     * exact).
     */
    public static void exp(int n, float[] x, int xOffset, boolean abs, float scale, float shift, float[] out,
                           int outOffset) {
        exp(n, x, xOffset, abs, scale, shift, out, outOffset, false, EXP, 0f);
    }

    /** As {@link #exp(int, float[], int, boolean, float, float, float[], int)}, minus one. */
    public static void expm1(int n, float[] x, int xOffset, boolean abs, float scale, float shift, float[] out,
                             int outOffset) {
        exp(n, x, xOffset, abs, scale, shift, out, outOffset, true, EXP, 0f);
    }

    /**
     * e^x, or e^x − 1 when {@code minusOne}. Below the series limit n is 0 and r is x exactly, so the series
     * already computed is expm1's.
     */
    private static void exp(int count, float[] x, int xOffset, boolean abs, float scale, float shift, float[] out,
                            int outOffset, boolean minusOne, int op, float alpha) {
        float[] poly = ScalarMath.EXP_POLY;
        // A mask, not a branch, picks the argument's form.
        VectorMask<Float> absolute = SPECIES.maskAll(abs);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        for (int i = 0; i < count; i += LANES) {
            VectorMask<Float> lanes = SPECIES.indexInRange(i, count);
            FloatVector input = FloatVector.fromArray(SPECIES, x, xOffset + i, lanes);
            FloatVector v = input.blend(input.abs(), absolute).mul(scale).sub(shift);
            FloatVector clamped = v.max(ScalarMath.EXP_MIN).min(ScalarMath.EXP_MAX);
            FloatVector n = clamped.fma(ScalarMath.LOG2E, ScalarMath.ROUNDER).sub(ScalarMath.ROUNDER);
            FloatVector r = n.fma(FloatVector.broadcast(SPECIES, -ScalarMath.LN2_LO),
                    n.fma(FloatVector.broadcast(SPECIES, -ScalarMath.LN2_HI), clamped));
            FloatVector p = FloatVector.broadcast(SPECIES, poly[poly.length - 1]);
            for (int c = poly.length - 2; c >= 0; c--) {
                p = p.fma(r, FloatVector.broadcast(SPECIES, poly[c]));
            }
            FloatVector series = r.mul(r).fma(p, r);
            IntVector k = (IntVector) n.convert(VectorOperators.F2I, 0);
            IntVector half = k.lanewise(VectorOperators.ASHR, 1);
            FloatVector low = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector high = k.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector e = series.add(1f).mul(low).mul(high)
                    .blend(Float.POSITIVE_INFINITY, v.compare(VectorOperators.GT, ScalarMath.EXP_MAX))
                    .blend(v, v.test(VectorOperators.IS_NAN));
            if (minusOne) {
                e = e.sub(1f).blend(series, v.abs().compare(VectorOperators.LT, ScalarMath.EXPM1_SERIES_LIMIT));
            }
            // Branches on the operation, the same for the whole call: C2 unswitches the loop.
            if (op == SIGMOID || op == SWISH) {
                // σ = (x ≥ 0 ? 1 : e)/(1 + e) from e = exp(−|x|); swish = x·σ.
                e = e.blend(one, input.compare(VectorOperators.GE, 0f)).div(one.add(e));
                if (op == SWISH) {
                    e = input.mul(e);
                }
            } else if (op == TANH) {
                // tanh = e/(e + 2) from e = expm1(2|x|), 1 beyond saturation, with the sign of x.
                e = e.div(e.add(2f)).blend(1f, input.abs().compare(VectorOperators.GT, ScalarMath.TANH_SATURATION));
                e = e.blend(e.neg(), input.compare(VectorOperators.LT, 0f));
            } else if (op == ELU) {
                e = e.mul(alpha).blend(input, input.compare(VectorOperators.GT, 0f));
            }
            e.intoArray(out, outOffset + i, lanes);
        }
    }

    /** {@code out[i] = log(1 + y[i])} for n values y in [0, 1]. */
    public static void log1pUnit(int n, float[] y, int yOffset, float[] out, int outOffset) {
        float[] poly = ScalarMath.LOG1P_POLY;
        for (int i = 0; i < n; i += LANES) {
            VectorMask<Float> lanes = SPECIES.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(SPECIES, y, yOffset + i, lanes);
            FloatVector d = v.add(2f);
            FloatVector dError = d.neg().add(2f).add(v);
            FloatVector quotient = v.div(d);
            FloatVector s = quotient.neg().fma(d, v).sub(quotient.mul(dError)).div(d).add(quotient);
            FloatVector s2 = s.mul(s);
            FloatVector q = FloatVector.broadcast(SPECIES, poly[poly.length - 1]);
            for (int c = poly.length - 2; c >= 0; c--) {
                q = q.fma(s2, FloatVector.broadcast(SPECIES, poly[c]));
            }
            FloatVector twoS = s.mul(2f);
            twoS.mul(s2).fma(q, twoS).intoArray(out, outOffset + i, lanes);
        }
    }
}
