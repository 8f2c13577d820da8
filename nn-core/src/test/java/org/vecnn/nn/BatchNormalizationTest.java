package org.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;

/** Keras's BatchNormalization semantics: defaults, weights, the moving statistics, inference, the summary. */
class BatchNormalizationTest {

    @Test
    void kerasDefaultsAndWeightOrder() {
        BatchNormalization bn = new BatchNormalization();
        new Sequential(bn).build(3, 1L);
        assertEquals(0.99f, bn.momentum());
        assertEquals(1e-3f, bn.epsilon());
        List<Matrix> weights = bn.weights();
        assertEquals(4, weights.size());
        assertArrayEquals(new float[] {1, 1, 1}, weights.get(0).data());
        assertArrayEquals(new float[] {0, 0, 0}, weights.get(1).data());
        assertArrayEquals(new float[] {0, 0, 0}, weights.get(2).data());
        assertArrayEquals(new float[] {1, 1, 1}, weights.get(3).data());
        assertEquals(6, bn.trainableParams());
        assertEquals(6, bn.nonTrainableParams());
        BatchNormalization scaleOnly = new BatchNormalization(0.9f, 1e-3f, false, true);
        new Sequential(scaleOnly).build(3, 1L);
        assertEquals(3, scaleOnly.weightCount());
    }

    @Test
    void trainingUsesTheBatchAndMovesTheMovingStatistics() {
        BatchNormalization bn = new BatchNormalization(0.9f, 1e-3f, true, true);
        new Sequential(bn).build(2, 1L);
        Parameters params = bn.current().copy();
        float[] x = {1, 10, 3, 30, 5, 20};
        float[] out = new float[6];
        bn.forwardTraining(Passes.rows(bn, x, out, new float[6], null, new float[bn.cacheSize(3)], 0, 3, null,
                false), params);
        // Feature 0: mean 3, variance 8/3; feature 1: mean 20, variance 200/3.
        assertArrayEquals(new float[] {0.3f, 2f}, params.array(2), 1e-6f);
        assertArrayEquals(new float[] {0.9f + 0.1f * 8 / 3f, 0.9f + 0.1f * 200 / 3f}, params.array(3), 1e-5f);
        float inverse = (float) (1 / Math.sqrt(8 / 3.0 + 1e-3));
        assertEquals(-2 * inverse, out[0], 1e-6f);
        assertEquals(0f, out[2], 1e-6f);
    }

    @Test
    void inferenceUsesTheMovingStatistics() {
        BatchNormalization bn = new BatchNormalization();
        Sequential model = new Sequential(bn).build(2, 1L);
        bn.setWeights(List.of(Matrix.of(new float[][] {{2, 1}}), Matrix.of(new float[][] {{0.5f, 0}}),
                Matrix.of(new float[][] {{1, -1}}), Matrix.of(new float[][] {{4, 0.25f}})));
        float[] y = model.predict(3f, 1f);
        assertEquals(2 * (3 - 1) / (float) Math.sqrt(4 + 1e-3) + 0.5f, y[0], 1e-6f);
        assertEquals((1 + 1) / (float) Math.sqrt(0.25 + 1e-3), y[1], 1e-6f);
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> bn.setWeights(List.of(
                Matrix.of(new float[][] {{1, 1}}), Matrix.of(new float[][] {{0, 0}}), Matrix.of(new float[][] {{0, 0}}),
                Matrix.of(new float[][] {{1, -1}}))));
        assertTrue(negative.getMessage().contains("moving_variance[1] is -1.0"), negative::getMessage);
    }

    @Test
    void theSummaryCountsTheMovingStatisticsAsNonTrainable() {
        Sequential model = new Sequential(new Dense(4, "linear"), new BatchNormalization(), new ActivationLayer("relu"),
                new Dense(1, "sigmoid")).build(3, 1L);
        String summary = model.summary();
        assertTrue(summary.contains("Trainable params: 29"), summary);
        assertTrue(summary.contains("Non-trainable params: 8"), summary);
        assertEquals(List.of(), model.warnings());
        assertThrows(IllegalArgumentException.class, () -> new BatchNormalization(1.5f, 1e-3f, true, true));
        assertThrows(IllegalArgumentException.class, () -> new BatchNormalization(0.9f, 0f, true, true));
    }
}
