package org.vecnn.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.vecnn.nn.Sequential;

/**
 * Reads a model written by another tool into a built {@link Sequential} holding its weights. The format
 * is told by the first bytes, not the file name: a zip is a Keras 3 {@code .keras} archive
 * ({@code config.json} and {@code model.weights.h5}), an HDF5 file a legacy Keras full-model file
 * (Keras 1.2 to 3's legacy writer; root attribute {@code model_config}), a protocol buffer that starts with
 * its IR version an ONNX model. Sequential models, functional models and ONNX graphs that form one chain
 * import; anything else fails with an {@link ImportException} naming the layer or node, its class or
 * operator, and the ones supported.
 *
 * <pre>{@code
 * Sequential model = ModelImport.read(Path.of("model.keras"));
 * float[] out = model.predict(features);
 * }</pre>
 */
public final class ModelImport {

    /** The largest model file read, the most a Java array can hold. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8L;

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    /** An ONNX ModelProto's first field, ir_version (field 1, a varint). */
    private static final byte[] ONNX = {0x08};

    private ModelImport() {
    }

    /** The model in this file. */
    public static Sequential read(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        String name = String.valueOf(path.getFileName());
        long size = Files.size(path);
        if (size > MAX_BYTES) {
            throw new ImportException(name, "file", "has " + size + " bytes, more than a model may have");
        }
        return read(Files.readAllBytes(path), name);
    }

    /** The model in this stream, read to its end (not closed); {@code name} names it in errors. */
    public static Sequential read(InputStream in, String name) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_BYTES);
        if (in.read() >= 0) {
            throw new ImportException(name, "stream", "longer than " + MAX_BYTES
                    + " bytes, more than a model may have");
        }
        return read(bytes, name);
    }

    /** The model in a classpath resource next to {@code anchor} (as {@link Class#getResourceAsStream}). */
    public static Sequential fromResource(Class<?> anchor, String resource) throws IOException {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ImportException(resource, "resource", "not found next to " + anchor.getName());
            }
            return read(in, resource);
        }
    }

    /** The model in these bytes; {@code name} names them in errors. */
    public static Sequential read(byte[] bytes, String name) throws ImportException {
        if (startsWith(bytes, ZIP)) {
            KerasArchive archive = KerasArchive.read(bytes, name);
            return KerasModel.build(name, archive.config(), Hdf5Source.open(archive.weights(), name
                    + "!model.weights.h5"), KerasWeights.Layout.KERAS_3, KerasModel.versionOf(archive.metadata()));
        }
        if (startsWith(bytes, HDF5)) {
            Hdf5Source file = Hdf5Source.open(bytes, name);
            if (file.node("/model_weights") == null) {
                throw new ImportException(name, "HDF5", "no model_weights group: a weights-only file, not a whole"
                        + " model (save it with model.save)");
            }
            String version = file.stringsAttribute("/", "keras_version").stream().findFirst().orElse("2");
            return KerasModel.build(name, file.stringAttribute("/", "model_config"), file, KerasWeights.Layout.LEGACY,
                    version);
        }
        if (startsWith(bytes, ONNX)) {
            return OnnxModel.build(name, bytes.length, OnnxGraph.read(bytes, name));
        }
        throw new ImportException(name, "format", "not a Keras or ONNX model: a .keras file is a zip, a legacy .h5"
                + " file HDF5 and an ONNX file starts with its IR version, but its first bytes are "
                + Arrays.toString(Arrays.copyOf(bytes, Math.min(8, bytes.length))));
    }

    /** Whether these first bytes begin a file {@link #read} can import. */
    public static boolean recognises(byte[] head) {
        return startsWith(head, ZIP) || startsWith(head, HDF5) || startsWith(head, ONNX);
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        return bytes.length >= magic.length && Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length);
    }
}
