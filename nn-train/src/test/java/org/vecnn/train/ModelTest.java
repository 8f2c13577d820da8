package org.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Dense;

/** The Keras call shape: compile by name, fit(x, y, epochs), evaluate, predict, save and load. */
class ModelTest {

    @TempDir
    Path dir;

    /** Points above or below the line x0 = x1, labelled 1 or 0. */
    private static Matrix[] halves() {
        Matrix x = Matrix.random(256, 2, 7);
        Matrix y = Matrix.zeros(256, 1);
        for (int r = 0; r < 256; r++) {
            y.set(r, 0, x.get(r, 0) > x.get(r, 1) ? 1 : 0);
        }
        return new Matrix[] {x, y};
    }

    @Test
    void compileByNameThenFitEvaluateAndPredict() throws IOException {
        Matrix[] data = halves();
        Model model = new Model(new Dense(8, "relu"), new Dense(1, "sigmoid"))
                .compile("adam", "binary_crossentropy", "accuracy");
        History history = model.fit(data[0], data[1], FitOptions.defaults().withEpochs(200).withVerbose(0));
        assertEquals(200, history.epochs());
        Map<String, Double> scores = model.evaluate(data[0], data[1]);
        assertTrue(scores.get("accuracy") > 0.9, scores.toString());
        assertEquals(scores.keySet().iterator().next(), "loss");
        float[] sample = {data[0].get(0, 0), data[0].get(0, 1)};
        assertArrayEquals(model.network().predict(sample), model.predict(sample));
        Path file = dir.resolve("m.vnn");
        model.save(file);
        Model loaded = Model.load(file);
        assertArrayEquals(model.predict(data[0]).data(), loaded.predict(data[0]).data());
        IllegalStateException uncompiled = assertThrows(IllegalStateException.class,
                () -> loaded.fit(data[0], data[1], 1));
        assertTrue(uncompiled.getMessage().contains("is not compiled: call compile("), uncompiled.getMessage());
        assertThrows(IllegalArgumentException.class, () -> loaded.compile("adam", "hinge"));
    }
}
