package org.vecnn.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Sequential;

/**
 * ONNX's own node tests for the operators vecnn imports (Debian's {@code libonnx-testdata}, or
 * {@code -Dvecnn.onnx.testdata}) as a conformance suite: each test graph either imports and gives the
 * expected output within {@code 1e-5·(1 + |expected|)}, or fails with an ImportException (most node tests
 * feed their weights as graph inputs, which a chain on constants cannot take). Skipped where the data is
 * absent.
 */
class OnnxNodeConformanceTest {

    private static final Path DATA = Path.of(System.getProperty("vecnn.onnx.testdata",
            "/usr/share/libonnx-testdata/data/node"));
    private static final Pattern OPERATORS = Pattern.compile("test_(relu|sigmoid|tanh|softplus|elu|leakyrelu|softmax"
            + "|flatten|reshape|squeeze|unsqueeze|identity|dropout|batchnorm|gemm|matmul|add|sub|cast)(_.*)?");

    private static OnnxTensor tensor(Path file) throws IOException {
        return OnnxTensor.read(ProtoReader.of(Files.readAllBytes(file), file.toString(), "TensorProto"));
    }

    @Test
    void everyNodeTestThatImportsGivesItsExpectedOutput() throws IOException {
        assumeTrue(Files.isDirectory(DATA), "ONNX's node tests (libonnx-testdata) are not installed: skipped");
        List<String> failures = new ArrayList<>();
        int passed = 0;
        int refused = 0;
        List<Path> tests;
        try (Stream<Path> dirs = Files.list(DATA)) {
            tests = dirs.filter(dir -> OPERATORS.matcher(dir.getFileName().toString()).matches()).sorted().toList();
        }
        for (Path test : tests) {
            Path data = test.resolve("test_data_set_0");
            if (!Files.exists(data.resolve("input_0.pb")) || Files.exists(data.resolve("input_1.pb"))
                    || Files.exists(data.resolve("output_1.pb"))) {
                continue;
            }
            Sequential model;
            try {
                model = ModelImport.read(test.resolve("model.onnx"));
            } catch (ImportException e) {
                refused++;
                continue;
            }
            OnnxTensor input;
            OnnxTensor expected;
            try {
                input = tensor(data.resolve("input_0.pb"));
                expected = tensor(data.resolve("output_0.pb"));
            } catch (ImportException e) {
                continue;  // data of a type vecnn does not compute in (float16, strings): not a float test
            }
            if (input.floats() == null || expected.floats() == null) {
                continue;
            }
            int rows = input.floats().length / model.inputWidth();
            float[] out = model.predict(Matrix.wrap(rows, model.inputWidth(), input.floats())).data();
            String problem = out.length != expected.floats().length ? out.length + " outputs, expected "
                    + expected.floats().length : null;
            for (int i = 0; problem == null && i < out.length; i++) {
                float e = expected.floats()[i];
                if (!(Math.abs(out[i] - e) <= 1e-5 * (1 + Math.abs(e)))) {
                    problem = "output " + i + " is " + out[i] + ", expected " + e;
                }
            }
            if (problem == null) {
                passed++;
            } else {
                failures.add(test.getFileName() + ": " + problem);
            }
        }
        System.out.println("ONNX node tests: " + passed + " pass, " + refused + " refused with an ImportException"
                + " (weights fed as graph inputs, a softmax across a sample's rows, …), " + failures.size() + " fail");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(passed >= 20, passed + " node tests pass: fewer than expected");
    }
}
