package org.vecnn.matrix.kernel.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * VectorMath element by element against ScalarMath, bitwise, over array lengths that leave every tail
 * length and enough rounds for C2 to compile the loops, in place and not. Runs in the "kernels" forks.
 */
@Tag("kernels")
class VectorMathTest {

    private static final int LANES = FloatVector.SPECIES_PREFERRED.length();

    private interface ArrayFunction {
        void apply(int n, float[] x, int xOffset, float[] out, int outOffset);
    }

    private interface FloatFunction {
        float apply(float x);
    }

    @Test
    void everyElementEqualsTheScalarFunctionBitwise() {
        SplittableRandom random = new SplittableRandom(11);
        float[] x = new float[LANES * 4096 + LANES - 1];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-120, 120) / (1 + random.nextInt(4) * 10);
        }
        x[0] = Float.NaN;
        x[1] = Float.POSITIVE_INFINITY;
        x[2] = -0f;
        x[3] = Math.nextDown(ScalarMath.EXPM1_SERIES_LIMIT);
        x[4] = ScalarMath.EXPM1_SERIES_LIMIT;
        for (int round = 0; round < 20; round++) {
            int offset = round % 3;
            int n = x.length - offset - random.nextInt(LANES);
            check(x, offset, n, VectorMath::exp, ScalarMath::exp, "exp");
            // elu with alpha 1 is expm1 below 0: the series shared with exp, across its limit.
            check(x, offset, n, (count, in, inOffset, out, outOffset) -> VectorMath.activate(VectorMath.ELU, count, 1f,
                    in, inOffset, null, 0, out, outOffset), v -> v > 0f ? v : ScalarMath.expm1(v), "elu");
        }
    }

    private static void check(float[] x, int offset, int n, ArrayFunction vector, FloatFunction scalar, String name) {
        float[] out = new float[x.length + 2];
        vector.apply(n, x, offset, out, 1);
        float[] inPlace = x.clone();
        vector.apply(n, inPlace, offset, inPlace, offset);
        for (int i = 0; i < n; i++) {
            float expected = scalar.apply(x[offset + i]);
            if (Float.floatToIntBits(expected) != Float.floatToIntBits(out[1 + i])
                    || Float.floatToIntBits(expected) != Float.floatToIntBits(inPlace[offset + i])) {
                assertEquals(expected, out[1 + i], name + "(" + x[offset + i] + ")");
                assertEquals(expected, inPlace[offset + i], name + "(" + x[offset + i] + ") in place");
            }
        }
        assertEquals(0f, out[0], name + " wrote before its output");
        if (1 + n < out.length) {
            assertEquals(0f, out[1 + n], name + " wrote past its output");
        }
    }
}
