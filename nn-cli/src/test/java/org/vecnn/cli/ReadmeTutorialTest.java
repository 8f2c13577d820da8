package org.vecnn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.testkit.Readme;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Dense;
import org.vecnn.nn.DenseLoop;
import org.vecnn.nn.Normalization;
import org.vecnn.nn.Sequential;
import org.vecnn.train.FitOptions;
import org.vecnn.train.Model;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/** The README's "From the tutorial to vecnn" code runs as written; the README holds this copy line for line. */
class ReadmeTutorialTest {

    private static final List<String> SNIPPET = List.of(
            "// The dense layer as a loop (the tutorial's my_dense): z_j = dot(W[:, j], a_in) + b_j, a_j = g(z_j).",
            "Matrix w = Matrix.of(new float[][] {{1, -3, 5}, {2, -4, 6}});",
            "float[] b = {1, 1, 2};",
            "float[] aOut = DenseLoop.forward(new float[] {2, -4}, w, b, Activation.SIGMOID);",
            "",
            "// Vectorised: Z = A·W + b for a whole batch, then g(Z).",
            "Dense layer = new Dense(3, \"sigmoid\");",
            "Sequential oneLayer = new Sequential(layer).build(2, 1L);   // input width 2, seed 1",
            "layer.setWeights(w, b);",
            "float[] vectorised = oneLayer.predict(2, -4);",
            "",
            "// Matrix multiplication and transpose: Z = Aᵀ·W.",
            "Matrix a = Matrix.of(new float[][] {{1, -1, -0.1f}, {2, -2, -0.2f}});",
            "Matrix z = a.transpose().matmul(Matrix.of(new float[][] {{3, 5, 7, 9}, {2, 4, 8, 0}}));",
            "",
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
            "",
            "// Sequential with Dense layers; sigmoid for a 0/1 output, relu in hidden layers.",
            "Model model = new Model(new Normalization().adapt(x),",
            "        new Dense(25, \"relu\"), new Dense(15, \"relu\"), new Dense(1, \"sigmoid\"));",
            "",
            "// compile with BinaryCrossentropy (MeanSquaredError for a linear output), then fit with epochs.",
            "model.compile(Optimizer.adam(0.01), Loss.BINARY_CROSSENTROPY);",
            "model.fit(x, y, FitOptions.defaults().withEpochs(200).withVerbose(0));",
            "float[] good = model.predict(200f, 13.9f);   // the tutorial's two roasts: a good one",
            "float[] bad = model.predict(200f, 17f);      // and a bad one");

    @Test
    void theReadmeHoldsThisSnippet() throws IOException {
        Readme.assertContains(SNIPPET, "tutorial code");
    }

    @Test
    void theSnippetRuns() {
        // The dense layer as a loop (the tutorial's my_dense): z_j = dot(W[:, j], a_in) + b_j, a_j = g(z_j).
        Matrix w = Matrix.of(new float[][] {{1, -3, 5}, {2, -4, 6}});
        float[] b = {1, 1, 2};
        float[] aOut = DenseLoop.forward(new float[] {2, -4}, w, b, Activation.SIGMOID);

        // Vectorised: Z = A·W + b for a whole batch, then g(Z).
        Dense layer = new Dense(3, "sigmoid");
        Sequential oneLayer = new Sequential(layer).build(2, 1L);   // input width 2, seed 1
        layer.setWeights(w, b);
        float[] vectorised = oneLayer.predict(2, -4);

        // Matrix multiplication and transpose: Z = Aᵀ·W.
        Matrix a = Matrix.of(new float[][] {{1, -1, -0.1f}, {2, -2, -0.2f}});
        Matrix z = a.transpose().matmul(Matrix.of(new float[][] {{3, 5, 7, 9}, {2, 4, 8, 0}}));

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

        // Sequential with Dense layers; sigmoid for a 0/1 output, relu in hidden layers.
        Model model = new Model(new Normalization().adapt(x),
                new Dense(25, "relu"), new Dense(15, "relu"), new Dense(1, "sigmoid"));

        // compile with BinaryCrossentropy (MeanSquaredError for a linear output), then fit with epochs.
        model.compile(Optimizer.adam(0.01), Loss.BINARY_CROSSENTROPY);
        model.fit(x, y, FitOptions.defaults().withEpochs(200).withVerbose(0));
        float[] good = model.predict(200f, 13.9f);   // the tutorial's two roasts: a good one
        float[] bad = model.predict(200f, 17f);      // and a bad one

        assertArrayEquals(aOut, vectorised, 1e-6f);
        assertArrayEquals(new float[] {7, 13, 23, 9}, Arrays.copyOf(z.data(), 4), 1e-6f);
        assertTrue(good[0] > 0.5 && bad[0] < 0.5, "the tutorial's roasts: good " + good[0] + ", bad " + bad[0]);
    }
}
