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
 */
public final class VectorMath {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

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

    private static FloatVector broadcast(float value) {
        return FloatVector.broadcast(SPECIES, value);
    }
}
