package org.vecnn.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Layer;
import org.vecnn.nn.LayerConfig;
import org.vecnn.nn.Sequential;
import org.vecnn.train.FitOptions;
import org.vecnn.train.Model;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/**
 * A layer written outside vecnn's packages ({@link Scale}) is registered by name, trained with the Keras-style
 * calls, saved and loaded, exactly as the built-in layers are.
 */
class CustomLayerTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void register() {
        Layer.register("Scale", Scale::fromConfig);
    }

    /** y = 3x + 1 on two features. */
    private static Matrix[] line() {
        Matrix x = Matrix.random(256, 2, 1);
        Matrix y = Matrix.zeros(256, 2);
        for (int i = 0; i < x.data().length; i++) {
            y.data()[i] = 3 * x.data()[i] + 1;
        }
        return new Matrix[] {x, y};
    }

    @Test
    void aCustomLayerTrainsSavesAndLoads() throws IOException {
        Matrix[] data = line();
        Model model = new Model(new Scale(0.5f));
        model.compile(Optimizer.adam(0.05), Loss.MEAN_SQUARED_ERROR);
        model.fit(data[0], data[1], FitOptions.defaults().withEpochs(100).withBatchSize(32).withVerbose(0)
                .withSeed(3));
        List<Matrix> weights = model.network().getWeights();
        assertArrayEquals(new float[] {3, 3}, weights.get(0).data(), 0.05f);
        assertArrayEquals(new float[] {1, 1}, weights.get(1).data(), 0.05f);

        Path file = dir.resolve("scale.vnn");
        model.save(file);
        Model loaded = Model.load(file);
        assertEquals(weights, loaded.network().getWeights());
        assertEquals(model.network().layers().get(0).config(), loaded.network().layers().get(0).config());
        assertArrayEquals(model.predict(data[0]).data(), loaded.predict(data[0]).data());
        assertTrue(loaded.summary().contains("scale (Scale)"), loaded.summary());
    }

    @Test
    void itTrainsBetweenBuiltInLayersAndItsGradientFlowsThrough() {
        Matrix[] data = line();
        Model model = new Model(new Sequential(new Dense(4, "tanh"), new Scale(1f), new Dense(2)).build(2, 4L));
        model.compile(Optimizer.adam(0.02), Loss.MEAN_SQUARED_ERROR);
        double before = model.evaluate(data[0], data[1]).get("loss");
        model.fit(data[0], data[1], FitOptions.defaults().withEpochs(40).withVerbose(0).withSeed(4));
        double after = model.evaluate(data[0], data[1]).get("loss");
        assertTrue(after < before / 10, before + " -> " + after);
    }

    @Test
    void aTypeRegisteredTwiceOrUnknownIsNamed() {
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Layer.register("scale", Scale::fromConfig));
        assertTrue(twice.getMessage().contains("'scale' is already registered"), twice::getMessage);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Layer.fromConfig("Rotate", null, LayerConfig.create()));
        assertTrue(unknown.getMessage().contains("unknown layer type 'Rotate'; known: Dense"), unknown::getMessage);
        assertTrue(unknown.getMessage().contains("Scale"), unknown::getMessage);
    }
}
