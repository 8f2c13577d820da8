package org.vecnn.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Activation;
import org.vecnn.nn.ActivationLayer;
import org.vecnn.nn.BatchNormalization;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Dropout;
import org.vecnn.nn.Layer;
import org.vecnn.nn.Normalization;
import org.vecnn.nn.PReLU;
import org.vecnn.nn.ReLU;
import org.vecnn.nn.Sequential;

/**
 * ONNX Runtime as the referee: a vecnn model exported to ONNX gives vecnn's outputs within 1e-5 when ONNX
 * Runtime runs it, for every layer type and activation that exports; importing the export gives vecnn's
 * bits back; and on every file of the shared ONNX corpus, vecnn's import agrees with ONNX Runtime within 1e-5
 * of each sample's largest output.
 */
class OnnxRuntimeParityTest {

    private static final OrtEnvironment ORT = OrtEnvironment.getEnvironment();
    private static final int INPUTS = 6;

    /** ONNX Runtime's output for these rows of a model's ONNX bytes, fed with this shape per row. */
    static float[] run(byte[] onnx, float[][] rows, long[] rowShape) throws OrtException {
        try (OrtSession session = ORT.createSession(onnx, new OrtSession.SessionOptions())) {
            String input = session.getInputNames().iterator().next();
            List<Float> out = new ArrayList<>();
            for (float[] row : rows) {
                try (ai.onnxruntime.OnnxTensor tensor = ai.onnxruntime.OnnxTensor.createTensor(ORT,
                        FloatBuffer.wrap(row), rowShape); OrtSession.Result result = session.run(Map.of(input,
                        tensor))) {
                    FloatBuffer values = ((ai.onnxruntime.OnnxTensor) result.get(0)).getFloatBuffer();
                    while (values.hasRemaining()) {
                        out.add(values.get());
                    }
                }
            }
            float[] flat = new float[out.size()];
            for (int i = 0; i < flat.length; i++) {
                flat[i] = out.get(i);
            }
            return flat;
        }
    }

    static Stream<Arguments> exportable() {
        List<Arguments> models = new ArrayList<>();
        for (String name : List.of("linear", "relu", "sigmoid", "tanh", "softmax", "leaky_relu", "elu", "gelu", "swish",
                "softplus", "selu", "softsign", "hard_sigmoid", "exponential", "relu6", "thresholded_relu")) {
            models.add(Arguments.of(name, (Object) new Layer[] {new Dense(5, name), new ActivationLayer(name)}));
        }
        models.add(Arguments.of("every layer type", (Object) new Layer[] {new Normalization().adapt(Matrix.random(30,
                INPUTS, 3)), new Dense(4, "relu"), new BatchNormalization(), new Dropout(0.3f), new PReLU(),
            new Dense(3).useBias(false), new ReLU(1.2f, 0.1f, 0.3f), new Dense(2, Activation.of("hard_sigmoid",
                0.2f))}));
        return models.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exportable")
    void anExportedModelRunsInOnnxRuntimeAsInVecnn(String label, Layer[] layers) throws Exception {
        Sequential model = new Sequential(layers).build(INPUTS, 11);
        float[][] x = Matrix.random(16, INPUTS, 5).toArray();
        float[] expected = model.predict(Matrix.of(x)).data();
        byte[] onnx = OnnxExport.encode(model);
        float[] actual = run(onnx, x, new long[] {1, INPUTS});
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= 1e-5 * (1 + Math.abs(expected[i])))) {
                fail(model.layers() + " output " + i + ": ONNX Runtime " + actual[i] + ", vecnn " + expected[i]);
            }
        }
    }

    @Test
    void anExportImportsBackToTheSameBits() throws Exception {
        Sequential model = new Sequential(new Dense(8, "relu"), new BatchNormalization(), new Dense(3, "softmax"))
                .build(INPUTS, 3);
        Sequential back = ModelImport.read(OnnxExport.encode(model), "model.onnx");
        Matrix x = Matrix.random(20, INPUTS, 9);
        assertArrayEquals(model.predict(x).data(), back.predict(x).data());
    }

    @Test
    void aUsersOwnActivationDoesNotExport() {
        Activation mine = new Activation() {
            @Override
            public String name() {
                return "mine";
            }

            @Override
            public void forward(int rows, int cols, float[] z, int zOffset, float[] out, int outOffset) {
                System.arraycopy(z, zOffset, out, outOffset, rows * cols);
            }

            @Override
            public void backward(int rows, int cols, float[] z, int zOffset, float[] a, int aOffset, float[] gradA,
                                 int gOffset, float[] gradZ, int outOffset) {
                System.arraycopy(gradA, gOffset, gradZ, outOffset, rows * cols);
            }
        };
        Sequential model = new Sequential(new Dense(2, mine)).build(3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.encode(model));
        assertTrue(e.getMessage().contains("activation 'mine' does not export"), e.getMessage());
    }

    @Test
    void vecnnAgreesWithOnnxRuntimeOnTheCorpus() throws IOException, OrtException {
        List<String> failures = new ArrayList<>();
        List<Fixtures.Case> cases = Fixtures.cases("onnx");
        for (Fixtures.Case c : cases) {
            byte[] bytes = Files.readAllBytes(c.model());
            float[][] rows = Fixtures.csv(c.input());
            float[] vecnn = ModelImport.read(bytes, c.id()).predict(Matrix.of(rows)).data();
            float[] ort = run(bytes, rows, c.runShape());
            int width = ort.length / rows.length;
            for (int i = 0; i < vecnn.length; i++) {
                // 1e-5 of the sample's largest output: a small output of a row whose sums cancel carries the
                // roundings of those sums, which two float32 engines order differently.
                double scale = 1;
                for (int j = i / width * width; j < (i / width + 1) * width; j++) {
                    scale = Math.max(scale, Math.abs(ort[j]));
                }
                if (!(Math.abs(vecnn[i] - ort[i]) <= 1e-5 * scale)) {
                    failures.add(c.id() + " value " + i + ": vecnn " + vecnn[i] + ", ONNX Runtime " + ort[i]);
                    break;
                }
            }
        }
        System.out.println("ONNX Runtime parity: " + (cases.size() - failures.size()) + " of " + cases.size());
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
