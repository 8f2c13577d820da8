package org.vecnn.matrix.kernel.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels' transcendental functions lane-wise ({@code ScalarMath}'s, which documents them): the same
 * operations in the same order, so each lane equals the scalar function bitwise, in the interpreter and
 * in compiled code alike. Also a lane sum of fixed order. Public for the GEMM package only.
 */
public final class VectorMath {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /**
     * Shuffles bringing lane i + h to lane i, each in a constant of its own so that C2 sees its exact type
     * (from an array or list it would not intrinsify the rearrange, and would box); null where h ≥ lanes.
     */
    private static final VectorShuffle<Float> FOLD_32 = fold(32);
    private static final VectorShuffle<Float> FOLD_16 = fold(16);
    private static final VectorShuffle<Float> FOLD_8 = fold(8);
    private static final VectorShuffle<Float> FOLD_4 = fold(4);
    private static final VectorShuffle<Float> FOLD_2 = fold(2);
    private static final VectorShuffle<Float> FOLD_1 = fold(1);

    private VectorMath() {
    }

    public static FloatVector exp(FloatVector x) {
        FloatVector clamped = x.max(ScalarMath.EXP_MIN).min(ScalarMath.EXP_MAX);
        FloatVector n = clamped.fma(ScalarMath.LOG2E, ScalarMath.ROUNDER).sub(ScalarMath.ROUNDER);
        FloatVector r = n.fma(broadcast(-ScalarMath.LN2_LO), n.fma(broadcast(-ScalarMath.LN2_HI), clamped));
        FloatVector er = expm1Series(r).add(1f);
        IntVector k = (IntVector) n.convert(VectorOperators.F2I, 0);
        IntVector half = k.lanewise(VectorOperators.ASHR, 1);
        FloatVector low = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector high = k.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector scaled = er.mul(low).mul(high);
        VectorMask<Float> overflow = x.compare(VectorOperators.GT, ScalarMath.EXP_MAX);
        return scaled.blend(Float.POSITIVE_INFINITY, overflow).blend(x, x.test(VectorOperators.IS_NAN));
    }

    public static FloatVector expm1Series(FloatVector r) {
        float[] poly = ScalarMath.EXP_POLY;
        FloatVector p = FloatVector.broadcast(SPECIES, poly[poly.length - 1]);
        for (int c = poly.length - 2; c >= 0; c--) {
            p = p.fma(r, FloatVector.broadcast(SPECIES, poly[c]));
        }
        return r.mul(r).fma(p, r);
    }

    public static FloatVector expm1(FloatVector x) {
        VectorMask<Float> small = x.abs().compare(VectorOperators.LT, ScalarMath.EXPM1_SERIES_LIMIT);
        return exp(x).sub(1f).blend(expm1Series(x), small);
    }

    public static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector e = expm1(a.mul(2f));
        FloatVector t = e.div(e.add(2f)).blend(1f, a.compare(VectorOperators.GT, ScalarMath.TANH_SATURATION));
        return t.blend(t.neg(), x.compare(VectorOperators.LT, 0f));
    }

    public static FloatVector log1pUnit(FloatVector y) {
        FloatVector d = y.add(2f);
        FloatVector dError = d.neg().add(2f).add(y);
        FloatVector quotient = y.div(d);
        FloatVector s = quotient.neg().fma(d, y).sub(quotient.mul(dError)).div(d).add(quotient);
        FloatVector s2 = s.mul(s);
        float[] poly = ScalarMath.LOG1P_POLY;
        FloatVector q = FloatVector.broadcast(SPECIES, poly[poly.length - 1]);
        for (int c = poly.length - 2; c >= 0; c--) {
            q = q.fma(s2, FloatVector.broadcast(SPECIES, poly[c]));
        }
        FloatVector twoS = s.mul(2f);
        return twoS.mul(s2).fma(q, twoS);
    }

    public static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.abs().neg());
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        return e.blend(one, x.compare(VectorOperators.GE, 0f)).div(one.add(e));
    }

    private static VectorShuffle<Float> fold(int h) {
        if (LANES > 64) {
            throw new ExceptionInInitializerError("vecnn's lane sum handles up to 64 float lanes, not " + LANES);
        }
        return h < LANES ? VectorShuffle.fromOp(SPECIES, i -> (i + h) % LANES) : null;
    }

    private static FloatVector broadcast(float value) {
        return FloatVector.broadcast(SPECIES, value);
    }

    /**
     * The sum of the lanes as a fixed pairwise tree: lane i plus lane i + L/2, then i + L/4, …, down to
     * lane 0. {@code reduceLanes(ADD)} leaves the order to the implementation, and C2 was seen to change
     * it once the caller was compiled, so the same input could sum differently before and after warm-up.
     */
    public static float sumLanes(FloatVector v) {
        FloatVector sum = v;
        if (LANES >= 64) {
            sum = sum.add(sum.rearrange(FOLD_32));
        }
        if (LANES >= 32) {
            sum = sum.add(sum.rearrange(FOLD_16));
        }
        if (LANES >= 16) {
            sum = sum.add(sum.rearrange(FOLD_8));
        }
        if (LANES >= 8) {
            sum = sum.add(sum.rearrange(FOLD_4));
        }
        if (LANES >= 4) {
            sum = sum.add(sum.rearrange(FOLD_2));
        }
        return sum.add(sum.rearrange(FOLD_1)).lane(0);
    }
}
