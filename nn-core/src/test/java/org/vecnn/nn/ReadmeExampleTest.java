package org.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.testkit.Readme;

/** The README's "Models" example runs as written; the README must contain this copy of it line for line. */
class ReadmeExampleTest {

    private static final List<String> SNIPPET = List.of(
            "// The tutorial's coffee-roasting network: normalise, then two sigmoid layers.",
            "Matrix x = Matrix.of(new float[][] {{200f, 13.9f}, {200f, 17f}, {150f, 11.5f}, {285f, 15.5f}});",
            "Sequential model = new Sequential(",
            "        new Normalization().adapt(x),",
            "        new Dense(3, \"sigmoid\").named(\"layer1\"),",
            "        new Dense(1, \"sigmoid\").named(\"layer2\"))",
            "        .build(1234L);                                // input width from the adapted Normalization",
            "System.out.print(model.summary());",
            "",
            "// Weights by layer name, like Keras's get_weights / set_weights; W is inputs x units.",
            "Dense layer1 = (Dense) model.layer(\"layer1\");",
            "layer1.setWeights(Matrix.of(new float[][] {{-8.94f, 0.29f, 12.9f}, {-0.17f, -7.34f, 10.79f}}),",
            "        new float[] {-9.87f, -9.28f, 1.01f});",
            "",
            "Matrix probabilities = model.predict(x);             // a batch: one row per sample",
            "float[] p = new float[1];",
            "model.predict(new float[] {200f, 13.9f}, p);         // one sample: allocation-free, thread-safe",
            "",
            "Path file = Files.createTempFile(\"coffee\", \".vnn\");",
            "model.save(file);                                    // atomic; versioned, checksummed format",
            "Sequential loaded = Sequential.load(file);           // predicts the same bits");

    @Test
    void theReadmeHoldsThisSnippet() throws IOException {
        Readme.assertContains(SNIPPET, "Models example");
    }

    @Test
    void theSnippetRuns() throws IOException {
        // The tutorial's coffee-roasting network: normalise, then two sigmoid layers.
        Matrix x = Matrix.of(new float[][] {{200f, 13.9f}, {200f, 17f}, {150f, 11.5f}, {285f, 15.5f}});
        Sequential model = new Sequential(
                new Normalization().adapt(x),
                new Dense(3, "sigmoid").named("layer1"),
                new Dense(1, "sigmoid").named("layer2"))
                .build(1234L);                                // input width from the adapted Normalization
        System.out.print(model.summary());

        // Weights by layer name, like Keras's get_weights / set_weights; W is inputs x units.
        Dense layer1 = (Dense) model.layer("layer1");
        layer1.setWeights(Matrix.of(new float[][] {{-8.94f, 0.29f, 12.9f}, {-0.17f, -7.34f, 10.79f}}),
                new float[] {-9.87f, -9.28f, 1.01f});

        Matrix probabilities = model.predict(x);             // a batch: one row per sample
        float[] p = new float[1];
        model.predict(new float[] {200f, 13.9f}, p);         // one sample: allocation-free, thread-safe

        Path file = Files.createTempFile("coffee", ".vnn");
        model.save(file);                                    // atomic; versioned, checksummed format
        Sequential loaded = Sequential.load(file);           // predicts the same bits

        assertEquals(probabilities.get(0, 0), p[0]);
        assertArrayEquals(probabilities.data(), loaded.predict(x).data());
        assertEquals(18, model.countParams());
        Files.delete(file);
    }
}
