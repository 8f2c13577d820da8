package org.vecnn.nn.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.CRC32C;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Dropout;
import org.vecnn.nn.Layer;
import org.vecnn.nn.Normalization;
import org.vecnn.nn.Sequential;

/** Writes a built {@link Sequential} in the {@link ModelFormat}, atomically. */
public final class ModelWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

    private ModelWriter() {
    }

    /** The file's bytes for this model. */
    public static byte[] encode(Sequential model) {
        ModelWriter writer = new ModelWriter();
        writer.bytes.writeBytes(ModelFormat.MAGIC);
        writer.u16(ModelFormat.VERSION);
        writer.u16(0);
        writer.u32(0);
        writer.string(model.name());
        writer.u32(model.inputWidth());
        writer.u32(model.layers().size());
        for (Layer layer : model.layers()) {
            writer.layer(layer);
        }
        writer.u32(model.metadata().size());
        model.metadata().forEach((key, value) -> {
            writer.string(key);
            writer.string(value);
        });
        byte[] body = writer.bytes.toByteArray();
        byte[] file = new byte[body.length + ModelFormat.CHECKSUM_BYTES];
        System.arraycopy(body, 0, file, 0, body.length);
        ByteBuffer view = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        view.putInt(12, file.length);
        CRC32C crc = new CRC32C();
        crc.update(file, 0, body.length);
        view.putInt(body.length, (int) crc.getValue());
        return file;
    }

    /**
     * Writes the model to a temporary file beside {@code path}, forces it to disk, then renames it over
     * path in one step; the temporary file is removed if anything fails.
     */
    public static void write(Sequential model, Path path) throws IOException {
        byte[] file = encode(model);
        Path absolute = path.toAbsolutePath();
        Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(file);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            readableByAll(temporary);
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * A temporary file is created owner-only; the finished file gets the usual rw-r--r-- where the file
     * system has POSIX permissions.
     */
    public static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private void layer(Layer layer) {
        string(layer.type());
        string(layer.name());
        switch (layer) {
            case Dense dense -> {
                u32(dense.units());
                string(dense.activation().name());
                f32(dense.activation().alpha());
                bytes.write(dense.usesBias() ? 1 : 0);
                string(dense.kernelInitializer().kerasName());
                string(dense.biasInitializer().kerasName());
                f32((float) dense.kernelRegularizer().l1());
                f32((float) dense.kernelRegularizer().l2());
                for (Matrix weight : dense.weights()) {
                    floats(weight.data());
                }
            }
            case Normalization normalization -> {
                scratch.clear();
                bytes.write(scratch.putLong(normalization.count()).array(), 0, 8);
                floats(normalization.mean());
                floats(normalization.variance());
            }
            case Dropout dropout -> f32(dropout.rate());
        }
    }

    private void u16(int value) {
        scratch.clear();
        bytes.write(scratch.putShort((short) value).array(), 0, 2);
    }

    private void u32(int value) {
        scratch.clear();
        bytes.write(scratch.putInt(value).array(), 0, 4);
    }

    private void f32(float value) {
        u32(Float.floatToRawIntBits(value));
    }

    private void floats(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        bytes.writeBytes(buffer.array());
    }

    private void string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        u16(utf8.length);
        bytes.writeBytes(utf8);
    }
}
