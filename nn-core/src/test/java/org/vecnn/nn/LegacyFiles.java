package org.vecnn.nn;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Model files in the layouts of format versions 1 and 2 (see {@link ModelFormat}), written here field by
 * field from a model of Dense, Normalization and Dropout layers, to check that old files still load.
 */
final class LegacyFiles {

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final int version;

    private LegacyFiles(int version) {
        this.version = version;
    }

    /** The model's file in format version 1 or 2. */
    static byte[] encode(Sequential model, int version) {
        LegacyFiles file = new LegacyFiles(version);
        file.string(model.name());
        file.u32(model.inputWidth());
        file.u32(model.layers().size());
        for (Layer layer : model.layers()) {
            file.layer(layer);
        }
        if (version >= 2) {
            file.u32(model.metadata().size());
            for (Map.Entry<String, String> entry : model.metadata().entrySet()) {
                file.string(entry.getKey());
                file.string(entry.getValue());
            }
        }
        return file.sealed();
    }

    private void layer(Layer layer) {
        string(layer.type());
        string(layer.name());
        switch (layer) {
            case Dense dense -> {
                u32(dense.units());
                string(dense.activation().name());
                f32(dense.activation().alpha());
                body.write(dense.usesBias() ? 1 : 0);
                string(dense.kernelInitializer().kerasName());
                string(dense.biasInitializer().kerasName());
                if (version >= 2) {
                    f32((float) dense.kernelRegularizer().l1());
                    f32((float) dense.kernelRegularizer().l2());
                }
                floats(dense.kernel().data());
                if (dense.usesBias()) {
                    floats(dense.bias());
                }
            }
            case Normalization normalization -> {
                write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(normalization.count()).array());
                floats(normalization.mean());
                floats(normalization.variance());
            }
            case Dropout dropout -> f32(dropout.rate());
            default -> throw new IllegalArgumentException(layer.type() + " has no version " + version + " layout");
        }
    }

    private byte[] sealed() {
        byte[] content = body.toByteArray();
        ByteBuffer file = ByteBuffer.allocate(ModelFormat.HEADER_BYTES + content.length + 4)
                .order(ByteOrder.LITTLE_ENDIAN);
        file.put(ModelFormat.MAGIC).putShort((short) version).putShort((short) 0).putInt(file.capacity())
                .put(content);
        CRC32C crc = new CRC32C();
        crc.update(file.array(), 0, file.capacity() - 4);
        file.putInt((int) crc.getValue());
        return file.array();
    }

    private void write(byte[] bytes) {
        body.write(bytes, 0, bytes.length);
    }

    private void u32(int value) {
        write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    private void f32(float value) {
        u32(Float.floatToRawIntBits(value));
    }

    private void floats(float[] values) {
        for (float value : values) {
            f32(value);
        }
    }

    private void string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        write(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) utf8.length).array());
        write(utf8);
    }
}
