package org.vecnn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
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
            "// Sequential with Dense layers; sigmoid for a 0/1 output, relu in hidden layers.",
            "CoffeeData data = new CoffeeData(200, 1234);",
            "Model model = new Model(new Normalization().adapt(data.x),",
            "        new Dense(25, \"relu\"), new Dense(15, \"relu\"), new Dense(1, \"sigmoid\"));",
            "",
            "// compile with BinaryCrossentropy (MeanSquaredError for a linear output), then fit with epochs.",
            "model.compile(Optimizer.adam(0.01), Loss.BINARY_CROSSENTROPY);",
            "model.fit(data.x, data.y, FitOptions.defaults().withEpochs(10).withVerbose(0));",
            "float[] roast = model.predict(200f, 13.9f);");

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

        // Sequential with Dense layers; sigmoid for a 0/1 output, relu in hidden layers.
        CoffeeData data = new CoffeeData(200, 1234);
        Model model = new Model(new Normalization().adapt(data.x),
                new Dense(25, "relu"), new Dense(15, "relu"), new Dense(1, "sigmoid"));

        // compile with BinaryCrossentropy (MeanSquaredError for a linear output), then fit with epochs.
        model.compile(Optimizer.adam(0.01), Loss.BINARY_CROSSENTROPY);
        model.fit(data.x, data.y, FitOptions.defaults().withEpochs(10).withVerbose(0));
        float[] roast = model.predict(200f, 13.9f);

        assertArrayEquals(aOut, vectorised, 1e-6f);
        assertArrayEquals(new float[] {7, 13, 23, 9}, Arrays.copyOf(z.data(), 4), 1e-6f);
        assertTrue(roast[0] >= 0 && roast[0] <= 1);
    }
}
