package org.vecnn.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Every ONNX file of the shared corpus (PyTorch exports at opsets 11 to 17, and MatMul/Gemm chains from a
 * verification project): imported, its input rows predicted in one batch, each output within the corpus's
 * rule, {@code 1e-4 + 1e-4·|expected|}.
 */
class OnnxFixturesTest {

    @Test
    void everyOnnxFileImportsAndPredictsItsExpectedOutputs() throws IOException {
        assertEquals(Fixtures.cases("onnx").size(), Fixtures.checkCorpus("onnx"));
    }
}
