package org.vecnn.nn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.vecnn.matrix.Matrix;

/**
 * Reads the {@link ModelFormat}, trusting nothing: every failure is a {@link ModelFileException} naming the
 * field and offset, and no allocation is larger than the bytes left in the file justify.
 */
final class ModelReader {

    private final Path file;
    private final ByteBuffer buffer;
    private final int end;
    private String field = "header";
    private int version;
    private int fieldOffset;

    private ModelReader(Path file, byte[] bytes, int end) {
        this.file = file;
        this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.end = end;
    }

    /**
     * Reads the model file at path. The header (magic, version, flags, length) is checked from the first
     * bytes before the rest is read, so a file that is not a model is rejected without reading it whole.
     */
    public static Sequential read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, ModelFormat.HEADER_BYTES));
            while (head.hasRemaining() && channel.read(head) >= 0) {
                // reads the header
            }
            new ModelReader(path, head.array(), head.position()).checkHeader(size);
            byte[] bytes = new byte[(int) size];
            ByteBuffer all = ByteBuffer.wrap(bytes);
            channel.position(0);
            while (all.hasRemaining() && channel.read(all) >= 0) {
                // reads the file
            }
            if (all.hasRemaining()) {
                throw new ModelFileException(path, "length", all.position(), "the file shrank while it was read");
            }
            return decode(path, bytes);
        }
    }

    /** Decodes a model file's bytes; {@code file} names it in errors. */
    public static Sequential decode(Path file, byte[] bytes) throws ModelFileException {
        ModelReader reader = new ModelReader(file, bytes, bytes.length);
        int version = reader.checkEnvelope();
        return new ModelReader(file, bytes, bytes.length - ModelFormat.CHECKSUM_BYTES).model(version);
    }

    /** Magic, version, flags, length and checksum, in that order: no parsing before they all hold. */
    private int checkEnvelope() throws ModelFileException {
        int version = checkHeader(end);
        int checksumAt = end - ModelFormat.CHECKSUM_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, checksumAt);
        int stored = buffer.getInt(checksumAt);
        if (stored != (int) crc.getValue()) {
            throw new ModelFileException(file, "checksum", checksumAt, "stored CRC-32C 0x" + Integer.toHexString(stored)
                    + " but the bytes give 0x" + Long.toHexString(crc.getValue()) + ": the file is corrupted");
        }
        return version;
    }

    /** Magic, version, flags, and the length against the file's {@code size}; returns the version. */
    private int checkHeader(long size) throws ModelFileException {
        at("magic");
        byte[] magic = new byte[Math.min(ModelFormat.MAGIC.length, end)];
        buffer.get(magic);
        if (!Arrays.equals(magic, 0, magic.length, ModelFormat.MAGIC, 0, magic.length)) {
            throw fail("not a vecnn model file (its first bytes are not the vecnn magic)");
        }
        if (magic.length < ModelFormat.MAGIC.length) {
            throw truncated();
        }
        at("version");
        int version = u16();
        if (version < ModelFormat.MIN_VERSION || version > ModelFormat.VERSION) {
            throw fail("unsupported format version " + version + "; this reader supports versions "
                    + ModelFormat.MIN_VERSION + " to " + ModelFormat.VERSION);
        }
        at("flags");
        int flags = u16();
        if (flags != 0) {
            throw fail("unknown flags 0x" + Integer.toHexString(flags) + "; version " + version + " defines none");
        }
        at("length");
        long length = Integer.toUnsignedLong(u32());
        if (length < ModelFormat.HEADER_BYTES + ModelFormat.CHECKSUM_BYTES) {
            throw fail("a length of " + length + " bytes is too short for any model");
        }
        if (length > size) {
            throw new ModelFileException(file, "length", size, "the file is truncated: the header says " + length
                    + " bytes, the file has " + size);
        }
        if (length < size) {
            throw new ModelFileException(file, "trailing bytes", length, (size - length)
                    + " bytes follow the checksum; the header says the file has " + length);
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new ModelFileException(file, "length", 0, "the file has " + size
                    + " bytes, more than a model may have");
        }
        return version;
    }

    /** The body after the envelope; only crafted files with a valid checksum can fail here. */
    private Sequential model(int formatVersion) throws ModelFileException {
        version = formatVersion;
        buffer.position(ModelFormat.HEADER_BYTES);
        at("model name");
        String name = string();
        at("input width");
        int inputWidth = positive(u32());
        at("layer count");
        int count = positive(u32());
        List<Layer> layers = new ArrayList<>();
        List<List<Matrix>> weights = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        int width = inputWidth;
        for (int index = 0; index < count; index++) {
            offsets.add(buffer.position());
            Layer layer = layer(index, width, weights);
            layers.add(layer);
            width = version < 3 ? LegacyLayerReader.widthAfter(layer, width) : width;
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        if (version >= 2) {
            at("metadata count");
            int entries = count(4);
            for (int i = 0; i < entries; i++) {
                at("metadata " + i + " key");
                String key = string();
                at("metadata " + i + " value");
                String value = string();
                if (metadata.put(key, value) != null) {
                    throw fail("the key '" + key + "' appears twice");
                }
            }
        }
        if (buffer.position() != end) {
            throw new ModelFileException(file, "trailing bytes", buffer.position(), (end - buffer.position())
                    + " bytes follow the last layer, before the checksum");
        }
        Sequential model = assemble(name, inputWidth, layers, weights, offsets);
        at("metadata");
        configure(() -> {
            model.setMetadata(metadata);
            return model;
        });
        return model;
    }

    private Layer layer(int index, int width, List<List<Matrix>> weights) throws ModelFileException {
        String prefix = "layer " + index;
        at(prefix + " type");
        int typeOffset = fieldOffset;
        String type = string();
        at(prefix + " name");
        String layerName = string();
        prefix += " (" + layerName + ")";
        if (version < 3) {
            return LegacyLayerReader.layer(this, prefix, type, typeOffset, layerName, width, weights);
        }
        return ConfiguredLayerReader.layer(this, prefix, type, typeOffset, layerName, weights);
    }

    /** A u32 count of entries of at least {@code minBytes} each, checked against the bytes left. */
    int count(int minBytes) throws ModelFileException {
        int entries = u32();
        if (entries < 0 || (long) entries * minBytes > end - buffer.position()) {
            throw fail(Integer.toUnsignedString(entries) + " entries cannot fit in the bytes left");
        }
        return entries;
    }

    /** Builds the model and sets the weights read; errors point at the layer they concern. */
    private Sequential assemble(String name, int inputWidth, List<Layer> layers, List<List<Matrix>> weights,
                                List<Integer> offsets) throws ModelFileException {
        at("layers");
        fieldOffset = ModelFormat.HEADER_BYTES;
        Sequential model = configure(() -> new Sequential(name, layers).build(inputWidth, 0L));
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            List<Matrix> layerWeights = weights.get(i);
            if (!layerWeights.isEmpty()) {
                field = "layer " + i + " (" + layer.name() + ") weights";
                fieldOffset = offsets.get(i);
                configure(() -> {
                    layer.setWeights(layerWeights);
                    return layer;
                });
            }
        }
        return model;
    }

    /** A step that validates through the public API; its IllegalArgumentException becomes this field's error. */
    <T> T configure(Step<T> step) throws ModelFileException {
        try {
            return step.run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw fail(e.getMessage());
        }
    }

    @FunctionalInterface
    interface Step<T> {
        T run();
    }

    void at(String name) {
        field = name;
        fieldOffset = buffer.position();
    }

    /** Names the field errors are reported at, and where it starts. */
    void at(String name, int offset) {
        field = name;
        fieldOffset = offset;
    }

    /** Where the current field starts. */
    int fieldOffset() {
        return fieldOffset;
    }

    /** The file's format version. */
    int version() {
        return version;
    }

    /** Eight bytes, little-endian. */
    long u64() throws ModelFileException {
        ensure(8);
        return buffer.getLong();
    }

    ModelFileException fail(String problem) {
        return new ModelFileException(file, field, fieldOffset, problem);
    }

    private ModelFileException truncated() {
        return new ModelFileException(file, field, fieldOffset, "the file ends at byte " + end + ", inside this field");
    }

    void ensure(long bytes) throws ModelFileException {
        if (bytes > end - buffer.position()) {
            throw truncated();
        }
    }

    int u8() throws ModelFileException {
        ensure(1);
        return Byte.toUnsignedInt(buffer.get());
    }

    private int u16() throws ModelFileException {
        ensure(2);
        return Short.toUnsignedInt(buffer.getShort());
    }

    int u32() throws ModelFileException {
        ensure(4);
        return buffer.getInt();
    }

    int positive(int value) throws ModelFileException {
        if (value <= 0) {
            throw fail("must be between 1 and " + Integer.MAX_VALUE + ", got " + Integer.toUnsignedString(value));
        }
        return value;
    }

    float f32() throws ModelFileException {
        ensure(4);
        return buffer.getFloat();
    }

    /** count floats, each finite; the size is checked against the bytes left before anything is allocated. */
    float[] floats(long count) throws ModelFileException {
        if (count < 0 || count > (end - buffer.position()) / 4) {
            throw fail(count + " floats (" + count * 4 + " bytes) do not fit in the " + (end - buffer.position())
                    + " bytes left: an impossible shape, or a truncated file");
        }
        float[] values = new float[(int) count];
        buffer.asFloatBuffer().get(values);
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new ModelFileException(file, field + "[" + i + "]", buffer.position() + 4L * i,
                        "weights must be finite, got " + values[i]);
            }
        }
        buffer.position(buffer.position() + values.length * 4);
        return values;
    }

    String string() throws ModelFileException {
        int length = u16();
        ensure(length);
        ByteBuffer utf8 = buffer.slice(buffer.position(), length);
        buffer.position(buffer.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(utf8).toString();
        } catch (CharacterCodingException e) {
            throw fail("not valid UTF-8");
        }
    }
}
