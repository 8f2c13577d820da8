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
 * Every ONNX file of the shared corpus (PyTorch exports at opsets 11 to 17, and MatMul/Gemm chains from a
 * verification project): imported, each input row predicted as one sample, each output within the corpus's
 * rule, {@code 1e-4 + 1e-4·|expected|}.
 */
class OnnxFixturesTest {

    @Test
    void everyOnnxFileImportsAndPredictsItsExpectedOutputs() throws IOException {
        List<String> failures = new ArrayList<>();
        int passed = 0;
        List<Fixtures.Case> cases = Fixtures.cases("onnx");
        for (Fixtures.Case c : cases) {
            try {
                Sequential model = ModelImport.read(c.model());
                Matrix out = model.predict(Matrix.of(Fixtures.csv(c.input())));
                String mismatch = KerasFixturesTest.compare(out, Fixtures.csvDouble(c.expected()));
                if (mismatch == null) {
                    passed++;
                } else {
                    failures.add(c.id() + ": " + mismatch);
                }
            } catch (IOException | RuntimeException e) {
                failures.add(c.id() + ": " + e);
            }
        }
        System.out.println("ONNX corpus: " + passed + " of " + cases.size() + " cases pass");
        if (!failures.isEmpty()) {
            fail(passed + " of " + cases.size() + " passed; failures:\n" + String.join("\n", failures));
        }
        assertEquals(cases.size(), passed);
    }
}
