package org.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each initialiser: seeded, inside its support, and with the variance its rule prescribes. */
class InitializerTest {

    private static final int FAN_IN = 300;
    private static final int FAN_OUT = 100;

    /** The variance Keras's variance scaling prescribes: scale / n. */
    private static double variance(Initializer init) {
        return switch (init) {
            case GLOROT_UNIFORM, GLOROT_NORMAL -> 2.0 / (FAN_IN + FAN_OUT);
            case HE_UNIFORM, HE_NORMAL -> 2.0 / FAN_IN;
            case LECUN_UNIFORM, LECUN_NORMAL -> 1.0 / FAN_IN;
            case ZEROS, ONES -> 0;
        };
    }

    @ParameterizedTest
    @EnumSource(Initializer.class)
    void drawsAreSeededBoundedAndOfTheRightVariance(Initializer init) {
        float[] values = new float[FAN_IN * FAN_OUT];
        init.fill(values, FAN_IN, FAN_OUT, new SplittableRandom(42));
        float[] again = new float[values.length];
        init.fill(again, FAN_IN, FAN_OUT, new SplittableRandom(42));
        assertArrayEquals(values, again);
        assertEquals(init, Initializer.of(init.kerasName()));

        double expected = variance(init);
        double limit = init.kerasName().endsWith("uniform") ? Math.sqrt(3 * expected)
                : 2 * Math.sqrt(expected) / 0.8796;
        double sum = 0;
        double squares = 0;
        for (float v : values) {
            assertTrue(Math.abs(v) <= limit + 1e-6 || init == Initializer.ONES, () -> init + " drew " + v);
            sum += v;
            squares += (double) v * v;
        }
        double mean = sum / values.length;
        double variance = squares / values.length - mean * mean;
        if (init == Initializer.ONES) {
            assertEquals(1.0, mean);
        } else {
            // 30,000 draws: the sample variance is within a few percent (its relative sd is about 1%).
            assertEquals(expected, variance, 0.05 * expected + 1e-12, init.kerasName());
            assertEquals(0, mean, 5 * Math.sqrt(expected / values.length) + 1e-12);
        }
    }

    @ParameterizedTest
    @EnumSource(Initializer.class)
    void badFansAndNamesAreRejected(Initializer init) {
        assertThrows(IllegalArgumentException.class, () -> init.fill(new float[1], 0, 1, new SplittableRandom(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializer.of("xavier"));
        assertEquals("unknown initializer 'xavier'; known: glorot_uniform, glorot_normal, he_uniform, he_normal,"
                + " lecun_uniform, lecun_normal, zeros, ones", e.getMessage());
    }
}
