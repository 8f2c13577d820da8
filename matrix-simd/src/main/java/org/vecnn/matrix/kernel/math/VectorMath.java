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
 * <p>Each function is one loop over arrays with the exponential's vector code written once inside it, and
 * the operation chosen by a branch that is the same for a whole call (C2 unswitches the loop): no vector
 * crosses a call. A helper taking and returning vectors is inlined only until C2 has compiled it on its
 * own (tiered compilation calls it out of line first); then C2 refuses to inline the big compiled body,
 * and every vector passed is boxed, an allocation per call that depended on what the JIT happened to
 * compile first. Outputs may alias inputs exactly.
 */
public final class VectorMath {

    /** {@link #activate}'s operations; {@code EXP} is e^(x − shift) as it is, for softmax. */
    public static final int EXP = 0;
    public static final int SIGMOID = 1;
    public static final int TANH = 2;
    public static final int ELU = 3;
    public static final int SWISH = 4;
    public static final int SOFTPLUS = 5;
    /** {@code y·(x > 0 ? 1 : alpha·e^x)}: ELU's gradient, y the upstream one. */
    public static final int ELU_BACKWARD = 6;
    /** Swish's gradient times y. */
    public static final int SWISH_BACKWARD = 7;
    /** {@code y·σ(x)}: softplus's gradient, y the upstream one. */
    public static final int SIGMOID_TIMES = 8;

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorMath() {
    }

    /** {@code out[i] = e^x[i]} for n values. */
    public static void exp(int n, float[] x, int xOffset, float[] out, int outOffset) {
        activate(EXP, n, 0f, x, xOffset, null, 0, out, outOffset);
    }

    /**
     * An activation or a derivative in one pass over n values, from x[i] (and for the derivatives the
     * upstream gradient y[i]; y is null otherwise): {@code SIGMOID}, {@code TANH}, {@code ELU} (with alpha),
     * {@code SWISH}, {@code SOFTPLUS}, {@code ELU_BACKWARD}, {@code SWISH_BACKWARD}, {@code SIGMOID_TIMES},
     * or for {@code EXP} e^(x[i] − alpha). out may alias x or y exactly.
     *
     * <p>The exponential's argument a is the scalar twins': −|x| for the logistic operations, 2|x| for tanh,
     * x − alpha for {@code EXP}, x for the others; then e^a, or e^a − 1 for tanh and elu (below the series
     * limit n is 0 and r is a exactly, so the series already computed is expm1's); then the operation, each
     * formed as the scalar twin forms it. A single vector is latency-bound (a batch-1 layer), so the argument
     * and its clamp take the fewest dependent steps: a sign flip, not a product by −1, and a compare and
     * blend, which equals {@code Math.max}/{@code Math.min} here (NaN passes through, the bounds are not zeros)
     * without Java's NaN and signed-zero fix-ups of the vector max.
     */
    public static void activate(int op, int n, float alpha, float[] x, int xOffset, float[] y, int yOffset,
                                float[] out, int outOffset) {
        boolean negativeAbs = op == SIGMOID || op == SWISH || op == SOFTPLUS || op == SWISH_BACKWARD
                || op == SIGMOID_TIMES;
        boolean minusOne = op == TANH || op == ELU;
        float[] poly = ScalarMath.EXP_POLY;
        float[] logPoly = ScalarMath.LOG1P_POLY;
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        for (int i = 0; i < n; i += LANES) {
            VectorMask<Float> lanes = SPECIES.indexInRange(i, n);
            FloatVector input = FloatVector.fromArray(SPECIES, x, xOffset + i, lanes);
            FloatVector v = negativeAbs ? input.abs().neg() : op == TANH ? input.abs().mul(2f)
                    : op == EXP ? input.sub(alpha) : input;
            VectorMask<Float> overflows = v.compare(VectorOperators.GT, ScalarMath.EXP_MAX);
            FloatVector clamped = v.blend(ScalarMath.EXP_MIN, v.compare(VectorOperators.LT, ScalarMath.EXP_MIN))
                    .blend(ScalarMath.EXP_MAX, overflows);
            FloatVector power = clamped.fma(ScalarMath.LOG2E, ScalarMath.ROUNDER).sub(ScalarMath.ROUNDER);
            FloatVector r = power.fma(FloatVector.broadcast(SPECIES, -ScalarMath.LN2_LO),
                    power.fma(FloatVector.broadcast(SPECIES, -ScalarMath.LN2_HI), clamped));
            FloatVector p = FloatVector.broadcast(SPECIES, poly[poly.length - 1]);
            for (int c = poly.length - 2; c >= 0; c--) {
                p = p.fma(r, FloatVector.broadcast(SPECIES, poly[c]));
            }
            FloatVector series = r.mul(r).fma(p, r);
            IntVector k = (IntVector) power.convert(VectorOperators.F2I, 0);
            IntVector half = k.lanewise(VectorOperators.ASHR, 1);
            FloatVector low = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector high = k.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector e = series.add(1f).mul(low).mul(high)
                    .blend(Float.POSITIVE_INFINITY, overflows)
                    .blend(v, v.test(VectorOperators.IS_NAN));
            if (minusOne) {
                e = e.sub(1f).blend(series, v.abs().compare(VectorOperators.LT, ScalarMath.EXPM1_SERIES_LIMIT));
            }
            // Branches on the operation, the same for the whole call: C2 unswitches the loop.
            if (op == SIGMOID || op == SWISH || op == SIGMOID_TIMES) {
                // σ = (x ≥ 0 ? 1 : e)/(1 + e) from e = exp(−|x|); swish = x·σ.
                e = e.blend(one, input.compare(VectorOperators.GE, 0f)).div(one.add(e));
                if (op == SWISH) {
                    e = input.mul(e);
                } else if (op == SIGMOID_TIMES) {
                    e = e.mul(FloatVector.fromArray(SPECIES, y, yOffset + i, lanes));
                }
            } else if (op == TANH) {
                // tanh = e/(e + 2) from e = expm1(2|x|), 1 beyond saturation, with the sign of x.
                e = e.div(e.add(2f)).blend(1f, input.abs().compare(VectorOperators.GT, ScalarMath.TANH_SATURATION));
                e = e.blend(e.neg(), input.compare(VectorOperators.LT, 0f));
            } else if (op == ELU) {
                e = e.mul(alpha).blend(input, input.compare(VectorOperators.GT, 0f));
            } else if (op == ELU_BACKWARD) {
                e = e.mul(alpha).blend(one, input.compare(VectorOperators.GT, 0f))
                        .mul(FloatVector.fromArray(SPECIES, y, yOffset + i, lanes));
            } else if (op == SWISH_BACKWARD) {
                // σ(x) and 1 − σ(x) = σ(−x) both from e = exp(−|x|), as Swish's plain loop.
                FloatVector q = one.div(one.add(e));
                FloatVector eq = e.mul(q);
                VectorMask<Float> nonNegative = input.compare(VectorOperators.GE, 0f);
                e = eq.blend(q, nonNegative).mul(input.fma(q.blend(eq, nonNegative), one))
                        .mul(FloatVector.fromArray(SPECIES, y, yOffset + i, lanes));
            } else if (op == SOFTPLUS) {
                // max(x, 0) + log1p(e) from e = exp(−|x|), log1p as ScalarMath.log1pUnit.
                FloatVector d = e.add(2f);
                FloatVector dError = d.neg().add(2f).add(e);
                FloatVector quotient = e.div(d);
                FloatVector s = quotient.neg().fma(d, e).sub(quotient.mul(dError)).div(d).add(quotient);
                FloatVector s2 = s.mul(s);
                FloatVector q = FloatVector.broadcast(SPECIES, logPoly[logPoly.length - 1]);
                for (int c = logPoly.length - 2; c >= 0; c--) {
                    q = q.fma(s2, FloatVector.broadcast(SPECIES, logPoly[c]));
                }
                FloatVector twoS = s.mul(2f);
                e = input.max(0f).add(twoS.mul(s2).fma(q, twoS));
            }
            e.intoArray(out, outOffset + i, lanes);
        }
    }
}
