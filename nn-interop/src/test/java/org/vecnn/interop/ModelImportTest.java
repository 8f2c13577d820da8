package org.vecnn.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Layer;
import org.vecnn.nn.Sequential;

/**
 * The files make_keras_fixtures.py writes in Keras's layouts (a legacy HDF5 file, a Keras 3 archive, a
 * model with a Lambda layer): imported from a path, a stream and a classpath resource, predicting the
 * float64 reference; bad files refused with a message that names the problem.
 */
class ModelImportTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ModelImportTest.class.getResource(name).toURI());
    }

    private static void predictsTheReference(Sequential model) throws Exception {
        predictsTheReference(model, "tiny_expected.csv");
    }

    private static void predictsTheReference(Sequential model, String reference) throws Exception {
        float[][] input = Fixtures.csv(resource("tiny_input.csv"));
        double[][] expected = Fixtures.csvDouble(resource(reference));
        Matrix out = model.predict(Matrix.of(input));
        assertNull(Fixtures.compare(out, expected));
        for (int r = 0; r < input.length; r++) {
            assertArrayEquals(out.toArray()[r], model.predict(input[r]), "row " + r + " alone gives the batch's bits");
        }
    }

    @Test
    void aLegacyHdf5FileAndAKeras3ArchiveImportAndPredict() throws Exception {
        Sequential legacy = ModelImport.read(resource("tiny.h5"));
        Sequential archive = ModelImport.fromResource(ModelImportTest.class, "tiny.keras");
        predictsTheReference(legacy);
        predictsTheReference(archive);
        assertEquals(2, legacy.layers().size());
        assertEquals("dense_1", legacy.layers().get(1).name());
        assertEquals("hidden", archive.layers().get(0).name());
        assertEquals("2.3.1", legacy.metadata().get("keras_version"));
        assertEquals("3.5.0", archive.metadata().get("keras_version"));
        assertTrue(archive.summary().contains("Total params: 26"), archive.summary());
        try (InputStream in = ModelImportTest.class.getResourceAsStream("tiny.h5")) {
            predictsTheReference(ModelImport.read(in, "tiny.h5"));
        }
    }

    @Test
    void anOnnxGraphListedOutOfOrderImportsAsOneChain() throws Exception {
        Sequential onnx = ModelImport.read(resource("tiny.onnx"));
        predictsTheReference(onnx, "tiny_onnx_expected.csv");
        assertEquals(2, onnx.layers().size(), "Gemm+Relu and MatMul+Add+Softmax become two Dense layers");
        assertEquals("17", onnx.metadata().get("onnx_opset"));
        byte[] future = Files.readAllBytes(resource("tiny.onnx"));
        // The default domain's opset is the last varint of the file (OperatorSetIdProto.version, 17).
        future[future.length - 1] = 23;
        ImportException newer = assertThrows(ImportException.class, () -> ModelImport.read(future, "future.onnx"));
        assertEquals("future.onnx: opset_import: opset 23 is newer than the 21 this import knows", newer.getMessage());
        ImportException conv = assertThrows(ImportException.class, () -> ModelImport.read(resource("conv.onnx")));
        assertTrue(conv.getMessage().startsWith("conv.onnx: node 'conv' (Conv): operator Conv is not supported;"
                + " supported: Add, BatchNormalization, Cast, "), conv.getMessage());
    }

    @Test
    void aPyTorchExportImportsAndPredictsPyTorchsOutputs() throws Exception {
        Sequential model = ModelImport.read(resource("torch_mlp.onnx"));
        float[][] input = Fixtures.csv(resource("torch_mlp_input.csv"));
        double[][] expected = Fixtures.csvDouble(resource("torch_mlp_expected.csv"));
        float[] out = model.predict(Matrix.of(input)).data();
        for (int i = 0; i < out.length; i++) {
            double want = expected[i / 3][i % 3];
            assertTrue(Math.abs(out[i] - want) <= 1e-5 * (1 + Math.abs(want)), "output " + i + ": " + out[i]
                    + ", PyTorch " + want);
        }
        assertEquals(List.of("Dense", "BatchNormalization", "Activation", "Dense", "Dense"),
                model.layers().stream().map(Layer::type).toList(), "Gemm, BatchNormalization, LeakyRelu, Gemm+Tanh,"
                + " Gemm+Softmax (Dropout is gone)");
    }

    @Test
    void eightThreadsPredictingOneImportedModelGetOneThreadsBits() throws Exception {
        Sequential model = ModelImport.read(resource("tiny.onnx"));
        float[][] input = Fixtures.csv(resource("tiny_input.csv"));
        float[][] alone = new float[input.length][];
        for (int r = 0; r < input.length; r++) {
            alone[r] = model.predict(input[r]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    float[] out = new float[2];
                    for (int round = 0; round < 2_000; round++) {
                        int r = round % input.length;
                        model.predict(input[r], out);
                        if (!Arrays.equals(out, alone[r])) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertTrue(run.get(), "a thread saw other bits");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anImportedModelSavesAndLoadsAsAVecnnModel(@TempDir Path dir) throws Exception {
        Sequential imported = ModelImport.read(resource("tiny.keras"));
        Path file = dir.resolve("tiny.vnn");
        imported.save(file);
        predictsTheReference(Sequential.load(file));
    }

    @Test
    void aLambdaLayerIsRefusedNeverRun() throws Exception {
        ImportException e = assertThrows(ImportException.class, () -> ModelImport.read(resource("lambda.h5")));
        assertTrue(e.getMessage().startsWith("lambda.h5: layer 'lambda' (Lambda): Keras layer class Lambda is not"
                + " supported; supported: Activation, "), e.getMessage());
    }

    @Test
    void whatIsNotAKerasModelIsNamed() {
        ImportException text = assertThrows(ImportException.class,
                () -> ModelImport.read("not a model".getBytes(), "notes.txt"));
        assertTrue(text.getMessage().startsWith("notes.txt: format: not a Keras or ONNX model"), text.getMessage());
        assertThrows(ImportException.class, () -> ModelImport.read(new byte[0], "empty.h5"));
        assertThrows(ImportException.class, () -> ModelImport.read(new ByteArrayInputStream(new byte[] {'P', 'K', 3,
            4, 0, 0}), "broken.keras"));
        ImportException missing = assertThrows(ImportException.class,
                () -> ModelImport.fromResource(ModelImportTest.class, "absent.keras"));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
    }
}
