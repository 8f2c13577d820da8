package org.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.testkit.Readme;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Normalization;
import org.vecnn.nn.Sequential;
import org.vecnn.train.callback.EarlyStopping;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/** The README's "Training" example runs as written; the README must contain this copy of it line for line. */
class ReadmeTrainingTest {

    private static final List<String> SNIPPET = List.of(
            "// x: temperature and duration per row; y: 1 for a good roast, 0 for a bad one.",
            "Sequential model = new Sequential(",
            "        new Normalization().adapt(x),",
            "        new Dense(3, \"sigmoid\"),",
            "        new Dense(1, \"sigmoid\"));",
            "Trainer trainer = new Trainer(model, Loss.BINARY_CROSSENTROPY, Optimizer.adam(0.01), \"accuracy\");",
            "History history = trainer.fit(x, y, FitOptions.defaults()",
            "        .withEpochs(100)",
            "        .withValidationSplit(0.2)",
            "        .withSeed(1234)",
            "        .withCallbacks(new EarlyStopping(\"val_loss\", 10, 1e-4, true)));",
            "Map<String, Double> scores = trainer.evaluate(x, y);  // {loss=…, accuracy=…}",
            "float[] p = model.predict(200f, 13.9f);               // the probability of a good roast");

    @Test
    void theReadmeHoldsThisSnippet() throws IOException {
        Readme.assertContains(SNIPPET, "Training example");
    }

    @Test
    void theSnippetRuns() {
        Matrix x = Matrix.random(200, 2, 1);
        Matrix y = Matrix.zeros(200, 1);
        for (int i = 0; i < 200; i++) {
            x.set(i, 0, 150 + 135 * (x.get(i, 0) + 1) / 2);
            x.set(i, 1, 11.5f + 4 * (x.get(i, 1) + 1) / 2);
            y.set(i, 0, x.get(i, 0) > 175 && x.get(i, 0) < 260 && x.get(i, 1) > 12 && x.get(i, 1) < 15 ? 1 : 0);
        }
        // x: temperature and duration per row; y: 1 for a good roast, 0 for a bad one.
        Sequential model = new Sequential(
                new Normalization().adapt(x),
                new Dense(3, "sigmoid"),
                new Dense(1, "sigmoid"));
        Trainer trainer = new Trainer(model, Loss.BINARY_CROSSENTROPY, Optimizer.adam(0.01), "accuracy");
        History history = trainer.fit(x, y, FitOptions.defaults()
                .withEpochs(100)
                .withValidationSplit(0.2)
                .withSeed(1234)
                .withCallbacks(new EarlyStopping("val_loss", 10, 1e-4, true)));
        Map<String, Double> scores = trainer.evaluate(x, y);  // {loss=…, accuracy=…}
        float[] p = model.predict(200f, 13.9f);               // the probability of a good roast

        assertTrue(history.get("loss").getLast() < history.get("loss").getFirst() - 0.1, history.get("loss")
                .toString());
        assertTrue(scores.get("accuracy") > 0.7, scores.toString());
        assertTrue(p[0] >= 0 && p[0] <= 1);
    }
}
