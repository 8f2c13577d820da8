package org.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.testkit.Readme;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Normalization;
import org.vecnn.nn.Sequential;
import org.vecnn.train.callback.EarlyStopping;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/**
 * The README's "Training" example runs as written, on the tutorial's coffee roasts, and learns them: the
 * tutorial's good roast above 0.5, its bad one below. The README must contain this copy line for line.
 */
class ReadmeTrainingTest {

    private static final List<String> SNIPPET = List.of(
            "// The tutorial's coffee roasts: temperature (°C) and duration (minutes); 1 for a good roast.",
            "SplittableRandom random = new SplittableRandom(2);",
            "Matrix x = Matrix.zeros(200, 2);",
            "Matrix y = Matrix.zeros(200, 1);",
            "for (int i = 0; i < 200; i++) {",
            "    float t = 150 + 135 * (float) random.nextDouble();",
            "    float d = 11.5f + 4 * (float) random.nextDouble();",
            "    x.set(i, 0, t);",
            "    x.set(i, 1, d);",
            "    y.set(i, 0, t > 175 && t < 260 && d > 12 && d < 15 && d <= 21 - 3 * t / 85 ? 1 : 0);",
            "}",
            "Sequential model = new Sequential(",
            "        new Normalization().adapt(x),",
            "        new Dense(3, \"sigmoid\"),",
            "        new Dense(1, \"sigmoid\"));",
            "Trainer trainer = new Trainer(model, Loss.BINARY_CROSSENTROPY, Optimizer.adam(0.01), \"accuracy\");",
            "History history = trainer.fit(x, y, FitOptions.defaults()",
            "        .withEpochs(500)",
            "        .withValidationSplit(0.2)",
            "        .withSeed(1234)",
            "        .withVerbose(0)",
            "        .withCallbacks(new EarlyStopping(\"val_loss\", 50, 1e-4, true)));",
            "Map<String, Double> scores = trainer.evaluate(x, y);  // {loss=…, accuracy=…}",
            "float[] good = model.predict(200f, 13.9f);            // the tutorial's good roast: above 0.5",
            "float[] bad = model.predict(200f, 17f);               // and its bad one: below 0.5");

    @Test
    void theReadmeHoldsThisSnippet() throws IOException {
        Readme.assertContains(SNIPPET, "Training example");
    }

    @Test
    void theSnippetRunsAndLearnsTheTutorialsRoasts() {
        // The tutorial's coffee roasts: temperature (°C) and duration (minutes); 1 for a good roast.
        SplittableRandom random = new SplittableRandom(2);
        Matrix x = Matrix.zeros(200, 2);
        Matrix y = Matrix.zeros(200, 1);
        for (int i = 0; i < 200; i++) {
            float t = 150 + 135 * (float) random.nextDouble();
            float d = 11.5f + 4 * (float) random.nextDouble();
            x.set(i, 0, t);
            x.set(i, 1, d);
            y.set(i, 0, t > 175 && t < 260 && d > 12 && d < 15 && d <= 21 - 3 * t / 85 ? 1 : 0);
        }
        Sequential model = new Sequential(
                new Normalization().adapt(x),
                new Dense(3, "sigmoid"),
                new Dense(1, "sigmoid"));
        Trainer trainer = new Trainer(model, Loss.BINARY_CROSSENTROPY, Optimizer.adam(0.01), "accuracy");
        History history = trainer.fit(x, y, FitOptions.defaults()
                .withEpochs(500)
                .withValidationSplit(0.2)
                .withSeed(1234)
                .withVerbose(0)
                .withCallbacks(new EarlyStopping("val_loss", 50, 1e-4, true)));
        Map<String, Double> scores = trainer.evaluate(x, y);  // {loss=…, accuracy=…}
        float[] good = model.predict(200f, 13.9f);            // the tutorial's good roast: above 0.5
        float[] bad = model.predict(200f, 17f);               // and its bad one: below 0.5

        assertTrue(history.get("loss").getLast() < history.get("loss").getFirst() - 0.1, history.toString());
        assertTrue(scores.get("accuracy") > 0.9, scores.toString());
        assertTrue(good[0] > 0.5 && bad[0] < 0.5, "good " + good[0] + ", bad " + bad[0] + "; " + history);
    }
}
