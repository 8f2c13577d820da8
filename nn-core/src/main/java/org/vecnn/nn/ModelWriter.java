package org.vecnn.nn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32C;
import org.vecnn.nn.io.AtomicFile;

/**
 * Writes a built {@link Sequential} in the {@link ModelFormat}. The bytes are streamed: a first pass only
 * counts them (the header holds the file's length), the second writes them through a fixed buffer while
 * the checksum is computed, from the model's current weights without copying them: saving needs a few
 * buffers of memory, not a copy of the model or its file.
 */
final class ModelWriter {

    private static final int CHUNK_FLOATS = 1 << 14;

    private final OutputStream out;
    /** The first pass: only the byte count matters. */
    private final boolean counting;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer scratch = ByteBuffer.allocate(CHUNK_FLOATS * 4).order(ByteOrder.LITTLE_ENDIAN);
    private long written;

    private ModelWriter(OutputStream out, boolean counting) {
        this.out = out;
        this.counting = counting;
    }

    /** The file's bytes for this model. */
    public static byte[] encode(Sequential model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writeTo(model, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes the model's file bytes to {@code out}, streaming; out is not closed. */
    public static void writeTo(Sequential model, OutputStream out) throws IOException {
        ModelWriter counter = new ModelWriter(OutputStream.nullOutputStream(), true);
        counter.body(model, 0);
        long length = counter.written + ModelFormat.CHECKSUM_BYTES;
        if (length > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("model '" + model.name() + "' needs " + length
                    + " bytes, more than a model file may hold (4 GiB)");
        }
        ModelWriter writer = new ModelWriter(out, false);
        writer.body(model, length);
        writer.scratch.clear();
        writer.scratch.putInt((int) writer.crc.getValue());
        out.write(writer.scratch.array(), 0, ModelFormat.CHECKSUM_BYTES);
        out.flush();
    }

    /**
     * Writes the model to {@code path} atomically ({@link AtomicFile}): the old file, if any, stays until the
     * new one is whole on disk.
     */
    public static void write(Sequential model, Path path) throws IOException {
        AtomicFile.write(path, out -> writeTo(model, out));
    }

    private void body(Sequential model, long length) throws IOException {
        bytes(ModelFormat.MAGIC);
        u16(ModelFormat.VERSION);
        u16(0);
        u32((int) length);
        string(model.name());
        u32(model.inputWidth());
        u32(model.layers().size());
        for (Layer layer : model.layers()) {
            layer(layer);
        }
        Map<String, String> metadata = model.metadata();
        u32(metadata.size());
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            string(entry.getKey());
            string(entry.getValue());
        }
    }

    /** Type, name, config, then the weights straight from the current snapshot (read, never copied). */
    private void layer(Layer layer) throws IOException {
        string(layer.type());
        string(layer.name());
        Map<String, String> config = layer.config().entries();
        u32(config.size());
        for (Map.Entry<String, String> entry : config.entrySet()) {
            string(entry.getKey());
            string(entry.getValue());
        }
        Parameters params = layer.current();
        u32(params.weightCount());
        for (int i = 0; i < params.weightCount(); i++) {
            u32(params.rows(i));
            u32(params.cols(i));
            floats(params.array(i));
        }
    }

    private void bytes(byte[] values) throws IOException {
        out.write(values);
        crc.update(values);
        written += values.length;
    }

    private void flushScratch() throws IOException {
        out.write(scratch.array(), 0, scratch.position());
        crc.update(scratch.array(), 0, scratch.position());
        written += scratch.position();
    }

    private void u16(int value) throws IOException {
        scratch.clear();
        scratch.putShort((short) value);
        flushScratch();
    }

    private void u32(int value) throws IOException {
        scratch.clear();
        scratch.putInt(value);
        flushScratch();
    }

    private void f32(float value) throws IOException {
        u32(Float.floatToRawIntBits(value));
    }

    /** The floats in chunks through the scratch buffer: no copy of the whole array. */
    private void floats(float[] values) throws IOException {
        if (counting) {
            written += (long) Float.BYTES * values.length;
            return;
        }
        for (int from = 0; from < values.length; from += CHUNK_FLOATS) {
            int count = Math.min(CHUNK_FLOATS, values.length - from);
            scratch.clear();
            scratch.asFloatBuffer().put(values, from, count);
            scratch.position(count * 4);
            flushScratch();
        }
    }

    private void string(String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        u16(utf8.length);
        bytes(utf8);
    }
}
