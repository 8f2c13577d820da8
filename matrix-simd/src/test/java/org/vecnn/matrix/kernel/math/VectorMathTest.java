package org.vecnn.matrix.kernel.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * VectorMath lane by lane against ScalarMath, bitwise, and its lane sum against the same pairwise tree
 * in scalar code, over enough rounds for C2 to compile the loop. Runs in the "kernels" forks.
 */
@Tag("kernels")
class VectorMathTest {

    private static final int LANES = FloatVector.SPECIES_PREFERRED.length();

    @Test
    void everyLaneEqualsTheScalarFunctionBitwise() {
        SplittableRandom random = new SplittableRandom(11);
        float[] x = new float[LANES * 4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-120, 120) / (1 + random.nextInt(4) * 10);
        }
        x[0] = Float.NaN;
        x[1] = Float.POSITIVE_INFINITY;
        x[2] = -0f;
        float[] lanes = new float[LANES];
        for (int i = 0; i < x.length; i += LANES) {
            FloatVector v = FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, i);
            check(x, i, VectorMath.exp(v), ScalarMath::exp, lanes, "exp");
            check(x, i, VectorMath.expm1(v), ScalarMath::expm1, lanes, "expm1");
            check(x, i, VectorMath.tanh(v), ScalarMath::tanh, lanes, "tanh");
            check(x, i, VectorMath.sigmoid(v), ScalarMath::sigmoid, lanes, "sigmoid");
            FloatVector unit = v.abs().div(120f);
            float[] unitValues = unit.toArray();
            unit.intoArray(lanes, 0);
            float[] results = VectorMath.log1pUnit(unit).toArray();
            for (int l = 0; l < LANES; l++) {
                assertEquals(ScalarMath.log1pUnit(unitValues[l]), results[l], "log1p(" + unitValues[l] + ")");
            }
        }
    }

    private interface FloatFunction {
        float apply(float x);
    }

    private static void check(float[] x, int offset, FloatVector result, FloatFunction scalar, float[] lanes,
            String name) {
        result.intoArray(lanes, 0);
        for (int l = 0; l < LANES; l++) {
            float expected = scalar.apply(x[offset + l]);
            if (Float.floatToIntBits(expected) != Float.floatToIntBits(lanes[l])) {
                assertEquals(expected, lanes[l], name + "(" + x[offset + l] + ")");
            }
        }
    }
}
