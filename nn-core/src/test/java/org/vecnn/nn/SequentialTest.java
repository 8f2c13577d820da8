package org.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.ShapeException;

/** Building, naming, weights by name, the summary table and its lint, and bad input to predict. */
class SequentialTest {

    private static Sequential tutorial() {
        return new Sequential(new Dense(25, "sigmoid"), new Dense(15, "sigmoid"), new Dense(1, "sigmoid")).build(2, 1);
    }

    /** The table with trailing spaces removed (tf.keras pads every row to 65 columns). */
    private static String stripped(String summary) {
        return summary.lines().map(String::stripTrailing).collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void summaryIsTheTfKerasTable() {
        String summary = tutorial().summary();
        assertEquals("""
                Model: "sequential"
                _________________________________________________________________
                 Layer (type)                Output Shape              Param #
                =================================================================
                 dense (Dense)               (None, 25)                75

                 dense_1 (Dense)             (None, 15)                390

                 dense_2 (Dense)             (None, 1)                 16

                =================================================================
                Total params: 481
                Trainable params: 481
                Non-trainable params: 0
                _________________________________________________________________
                """, stripped(summary));
        for (String line : summary.lines().toList()) {
            assertTrue(line.length() == 65 || !line.startsWith(" ") && line.length() <= 65, () -> "'" + line + "'");
        }
        assertEquals(29, summary.lines().toList().get(2).indexOf("Output Shape"));
        assertEquals(55, summary.lines().toList().get(2).indexOf("Param #"));
    }

    @Test
    void longNamesWrapAndTotalsHaveThousandsSeparatorsAndNormalizationCountsAsNonTrainable() {
        Sequential model = new Sequential(new Normalization(), new Dense(256, "relu").named("layer1"),
                new Dense(10, "softmax")).build(784, 0);
        List<String> lines = stripped(model.summary()).lines().toList();
        assertEquals(" normalization (Normalizatio  (None, 784)              1569", lines.get(4));
        assertEquals(" n)", lines.get(5));
        assertEquals(" layer1 (Dense)              (None, 256)               200960", lines.get(7));
        assertEquals("Total params: 205,099", lines.get(12));
        assertEquals("Trainable params: 203,530", lines.get(13));
        assertEquals("Non-trainable params: 1,569", lines.get(14));
    }

    @Test
    void aLinearHiddenLayerIsFlagged() {
        Sequential model = new Sequential(new Dense(25), new Dense(15, "relu"), new Dense(1)).build(2, 0);
        assertEquals(1, model.warnings().size());
        assertTrue(model.warnings().get(0).startsWith("hidden layer 'dense' (Dense) has a linear activation"));
        assertTrue(model.summary().endsWith("Warning: " + model.warnings().get(0) + "\n"));
        assertEquals(List.of(), tutorial().warnings(), "a linear output layer is fine");
    }

    @Test
    void layersGetKerasNamesAndAreFoundByName() {
        Sequential model = new Sequential(new Dense(3, "relu").named("dense_1"), new Dense(4), new Dropout(0.5f),
                new Dense(1)).build(2, 7);
        assertEquals(List.of("dense_1", "dense", "dropout", "dense_2"),
                model.layers().stream().map(Layer::name).toList());
        Dense layer = (Dense) model.layer("dense_1");
        assertEquals(3, layer.units());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> model.layer("layer9"));
        assertEquals("model 'sequential' has no layer 'layer9'; its layers: dense_1, dense, dropout, dense_2",
                missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sequential(new Dense(1).named("a"), new Dense(1)
                .named("a")));
    }

    @Test
    void weightsAreReadAndSetByNameAndTheTutorialLayerComputesAsWritten() {
        Sequential model = new Sequential(new Dense(3, "sigmoid").named("layer1")).build(2, 3);
        Dense layer = (Dense) model.layer("layer1");
        Matrix w = Matrix.of(new float[][] {{1, -3, 5}, {2, -4, 6}});
        float[] b = {-1, 1, 2};
        layer.setWeights(w, b);
        assertEquals(w, layer.kernel());
        assertArrayEquals(b, layer.bias());
        assertEquals(List.of(w, Matrix.of(new float[][] {b})), layer.weights());
        float[] x = {-2, 4};
        float[] expected = DenseLoop.forward(x, w, b, Activation.SIGMOID);
        assertArrayEquals(expected, model.predict(x), 1e-7f);
        // z = x·W + b = [-2+8-1, 6-16+1, -10+24+2] = [5, -9, 16]
        assertArrayEquals(new float[] {5, -9, 16}, DenseLoop.forward(x, w, b, Activation.LINEAR));
    }

    @Test
    void badWeightsChangeNothing() {
        Sequential model = tutorial();
        Dense layer = (Dense) model.layer("dense");
        Matrix before = layer.kernel();
        Matrix nan = Matrix.zeros(2, 25);
        nan.set(1, 3, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.setWeights(List.of(nan, Matrix.zeros(1, 25))));
        assertEquals("layer 'dense': kernel[1][3] is NaN", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> layer.setWeights(List.of(Matrix.zeros(3, 25),
                Matrix.zeros(1, 25))));
        assertThrows(IllegalArgumentException.class, () -> layer.setWeights(List.of(Matrix.zeros(2, 25))));
        assertEquals(before, layer.kernel());
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        assertEquals(tutorial().layer("dense_1").weights(), tutorial().layer("dense_1").weights());
        Sequential other = new Sequential(new Dense(25, "sigmoid"), new Dense(15, "sigmoid"), new Dense(1, "sigmoid"))
                .build(2, 2);
        assertTrue(!tutorial().layer("dense").weights().equals(other.layer("dense").weights()));
    }

    @Test
    void buildErrorsAreClear() {
        Sequential model = tutorial();
        assertThrows(IllegalStateException.class, () -> model.build(2, 1));
        IllegalStateException unbuilt = assertThrows(IllegalStateException.class,
                () -> new Sequential(new Dense(1)).predict(new float[] {1}));
        assertEquals("model 'sequential' is not built: call build(inputWidth, seed) first", unbuilt.getMessage());
        assertThrows(IllegalStateException.class, () -> new Sequential(new Dense(1)).build(5L));
        assertEquals(3, new Sequential(new Normalization().adapt(Matrix.random(4, 3, 1)), new Dense(1)).build(5L)
                .inputWidth());
        assertThrows(IllegalArgumentException.class, () -> new Sequential("empty", List.of()));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> new Dense(3, "sigmoids"));
        assertTrue(unknown.getMessage().startsWith("unknown activation 'sigmoids'; known: linear, relu"));
    }

    @Test
    void badInputGivesAClearExceptionAndLeavesTheCallersArraysUntouched() {
        Sequential model = tutorial();
        float[] output = {42f};
        float[] wide = {1, 2, 3};
        ShapeException width = assertThrows(ShapeException.class, () -> model.predict(wide, output));
        assertEquals("input has 3 values and output 1; model 'sequential' takes 2 and gives 1", width.getMessage());
        float[] nan = {1, Float.NaN};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict(nan, output));
        assertEquals("input[1] is NaN; inputs must be finite", e.getMessage());
        float[] infinite = {Float.NEGATIVE_INFINITY, 0};
        assertThrows(IllegalArgumentException.class, () -> model.predict(infinite, output));
        assertArrayEquals(new float[] {42f}, output);
        assertArrayEquals(new float[] {1, 2, 3}, wide);
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, 0}, infinite);

        Matrix batch = Matrix.of(new float[][] {{1, 2}, {3, Float.POSITIVE_INFINITY}});
        Matrix out = Matrix.of(new float[][] {{7}, {7}});
        e = assertThrows(IllegalArgumentException.class, () -> model.predict(batch, out));
        assertEquals("x[1][1] is Infinity; inputs must be finite", e.getMessage());
        assertEquals(Matrix.of(new float[][] {{7}, {7}}), out);
        assertEquals(Matrix.of(new float[][] {{1, 2}, {3, Float.POSITIVE_INFINITY}}), batch);
        e = assertThrows(IllegalArgumentException.class, () -> model.predict(Matrix.zeros(0, 2)));
        assertEquals("empty batch: x has no rows", e.getMessage());
        assertThrows(ShapeException.class, () -> model.predict(Matrix.zeros(4, 3)));
        assertThrows(ShapeException.class, () -> model.predict(Matrix.zeros(4, 2), Matrix.zeros(3, 1)));
    }

    @Test
    void dropoutIsTheIdentityAtInference() {
        Sequential with = new Sequential(new Dense(8, "relu"), new Dropout(0.5f), new Dense(2)).build(3, 9);
        Sequential without = new Sequential(new Dense(8, "relu"), new Dense(2)).build(3, 9);
        without.layers().get(0).setWeights(with.layers().get(0).weights());
        without.layers().get(1).setWeights(with.layers().get(2).weights());
        Matrix x = Matrix.random(5, 3, 4);
        assertEquals(without.predict(x), with.predict(x));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1f));
    }
}
