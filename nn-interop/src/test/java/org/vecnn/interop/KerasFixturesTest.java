package org.vecnn.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Sequential;

/**
 * Every Keras file of the shared corpus (Keras 1.2.2 to 3.x, tf.keras, both containers): imported, its 32
 * input rows predicted in one batch, each output within the corpus's rule, {@code 1e-4 + 1e-4·|expected|}.
 */
class KerasFixturesTest {

    @Test
    void everyKerasFileImportsAndPredictsItsExpectedOutputs() throws IOException {
        List<String> failures = new ArrayList<>();
        int passed = 0;
        List<Fixtures.Case> cases = Fixtures.cases("keras");
        for (Fixtures.Case c : cases) {
            try {
                Sequential model = ModelImport.read(c.model());
                float[][] input = Fixtures.csv(c.input());
                double[][] expected = Fixtures.csvDouble(c.expected());
                Matrix out = model.predict(Matrix.of(input));
                String mismatch = compare(out, expected);
                if (mismatch == null) {
                    passed++;
                } else {
                    failures.add(c.id() + ": " + mismatch);
                }
            } catch (IOException | RuntimeException e) {
                failures.add(c.id() + ": " + e);
            }
        }
        System.out.println("Keras corpus: " + passed + " of " + cases.size() + " cases pass");
        if (!failures.isEmpty()) {
            fail(passed + " of " + cases.size() + " passed; failures:\n" + String.join("\n", failures));
        }
        assertEquals(cases.size(), passed);
    }

    /** The first output outside the rule, or null. */
    static String compare(Matrix out, double[][] expected) {
        if (out.rows() != expected.length || out.cols() != expected[0].length) {
            return "shape " + out.shape() + ", expected " + expected.length + "x" + expected[0].length;
        }
        for (int r = 0; r < expected.length; r++) {
            for (int j = 0; j < expected[r].length; j++) {
                double error = Math.abs(out.get(r, j) - expected[r][j]);
                if (!(error <= 1e-4 + 1e-4 * Math.abs(expected[r][j]))) {
                    return "row " + r + " col " + j + ": " + out.get(r, j) + ", expected " + expected[r][j];
                }
            }
        }
        return null;
    }
}
