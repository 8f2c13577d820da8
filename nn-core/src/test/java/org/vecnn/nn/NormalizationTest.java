package org.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.ShapeException;

/** Normalization learns per-feature statistics and standardises with them, as Keras's layer does. */
class NormalizationTest {

    @Test
    void adaptLearnsMeanAndPopulationVarianceAndStandardises() {
        Matrix x = Matrix.of(new float[][] {{200, 13.9f}, {150, 11.5f}, {285, 15.5f}, {175, 12f}});
        Normalization norm = new Normalization().adapt(x);
        assertArrayEquals(new float[] {202.5f, 13.225f}, norm.mean(), 1e-4f);
        assertArrayEquals(new float[] {2581.25f, 2.526875f}, norm.variance(), 1e-3f);
        assertEquals(4, norm.count());
        Sequential model = new Sequential(norm).build(1L);
        Matrix standardised = model.predict(x);
        for (int j = 0; j < 2; j++) {
            double mean = 0;
            double squares = 0;
            for (int i = 0; i < 4; i++) {
                mean += standardised.get(i, j) / 4.0;
                squares += standardised.get(i, j) * standardised.get(i, j) / 4.0;
            }
            assertEquals(0, mean, 1e-6);
            assertEquals(1, squares, 1e-5);
        }
        assertEquals((200 - 202.5) / Math.sqrt(2581.25), standardised.get(0, 0), 1e-6);
    }

    @Test
    void unadaptedIsTheIdentityAndConstantFeaturesStayFinite() {
        Sequential identity = new Sequential(new Normalization()).build(3, 1L);
        assertArrayEquals(new float[] {1, -2, 3}, identity.predict(1, -2, 3));
        Normalization constant = new Normalization().adapt(Matrix.of(new float[][] {{5, 1}, {5, 2}}));
        float[] out = new Sequential(constant).build(1L).predict(5, 1.5f);
        assertArrayEquals(new float[] {0, 0}, out);
    }

    @Test
    void badDataIsRejectedAndChangesNothing() {
        Normalization norm = new Normalization().adapt(Matrix.of(new float[][] {{1, 2}, {3, 4}}));
        Matrix nan = Matrix.of(new float[][] {{1, 2}, {Float.NaN, 4}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> norm.adapt(nan));
        assertEquals("cannot adapt to non-finite data: row 1, column 0 is NaN", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> norm.adapt(Matrix.zeros(0, 2)));
        assertThrows(ShapeException.class, () -> norm.adapt(Matrix.zeros(3, 5)));
        assertArrayEquals(new float[] {2, 3}, norm.mean());
        Sequential model = new Sequential(norm, new Dense(1));
        assertThrows(ShapeException.class, () -> model.build(3, 1L));
    }
}
