package org.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;

/**
 * What the shared contract ({@link LayerContractTest}) does not pin down: Normalization's gradient is its
 * scale, and Dropout routes the gradient through the very mask it drew.
 */
class LayerSpecificsTest {

    @Test
    void aConfigValueLongerThanAModelFileKeepsIsRefusedWhenSet() {
        LayerConfig.create().put("vocabulary", "x".repeat(LayerConfig.MAX_BYTES));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerConfig.create().put("vocabulary", "\u00e9".repeat(LayerConfig.MAX_BYTES / 2 + 1)));
        assertTrue(e.getMessage().contains("config 'vocabulary' takes 65536 bytes"), e::getMessage);
    }

    @Test
    void normalizationPassesTheGradientThroughItsScale() {
        Normalization norm = new Normalization().adapt(Matrix.of(new float[][] {{1, 10}, {3, 30}, {2, 5}}));
        new Sequential(norm).build(1L);
        float[] gradOut = {1, 2, -1, 0.5f};
        float[] gradIn = new float[4];
        norm.backward(Passes.rows(norm, new float[4], new float[4], gradOut, gradIn, new float[0], 0, 2, null, false),
                norm.current());
        float[] scale = norm.current().array(2);
        assertArrayEquals(new float[] {scale[0], 2 * scale[1], -scale[0], 0.5f * scale[1]}, gradIn);
    }

    @Test
    void dropoutScalesKeptValuesAndRoutesTheGradientThroughTheSameMask() {
        Dropout dropout = new Dropout(0.25f);
        new Sequential(dropout).build(1000, 1L);
        float[] in = new float[1000];
        Arrays.fill(in, 3f);
        float[] out = new float[1000];
        float[] mask = new float[1000];
        dropout.forwardTraining(Passes.rows(dropout, in, out, new float[1000], null, mask, 0, 1,
                new SplittableRandom(7), false), Parameters.none());
        int dropped = 0;
        for (int i = 0; i < 1000; i++) {
            if (out[i] == 0f) {
                dropped++;
            } else {
                assertArrayEquals(new float[] {4f}, new float[] {out[i]}, 1e-6f);
            }
        }
        if (dropped < 200 || dropped > 300) {
            fail("dropped " + dropped + " of 1000 at rate 0.25");
        }
        float[] gradIn = new float[1000];
        float[] ones = new float[1000];
        Arrays.fill(ones, 1f);
        dropout.backward(Passes.rows(dropout, in, out, ones, gradIn, mask, 0, 1, null, false), Parameters.none());
        assertArrayEquals(mask, gradIn);
    }
}
