package org.vecnn.nn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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

    private final FieldReader in;
    private int version;

    private ModelReader(Path file, byte[] bytes, int end) {
        this.in = new FieldReader(file, bytes, end);
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
        int version = checkHeader(in.end());
        int checksumAt = in.end() - ModelFormat.CHECKSUM_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(in.bytes(), 0, checksumAt);
        int stored = in.u32At(checksumAt);
        if (stored != (int) crc.getValue()) {
            throw new ModelFileException(in.file(), "checksum", checksumAt, "stored CRC-32C 0x"
                    + Integer.toHexString(stored) + " but the bytes give 0x" + Long.toHexString(crc.getValue())
                    + ": the file is corrupted");
        }
        return version;
    }

    /** Magic, version, flags, and the length against the file's {@code size}; returns the version. */
    private int checkHeader(long size) throws ModelFileException {
        in.at("magic");
        byte[] magic = new byte[Math.min(ModelFormat.MAGIC.length, in.end())];
        in.read(magic);
        if (!Arrays.equals(magic, 0, magic.length, ModelFormat.MAGIC, 0, magic.length)) {
            throw in.fail("not a vecnn model file (its first bytes are not the vecnn magic)");
        }
        if (magic.length < ModelFormat.MAGIC.length) {
            throw in.truncated();
        }
        in.at("version");
        int version = in.u16();
        if (version < ModelFormat.MIN_VERSION || version > ModelFormat.VERSION) {
            throw in.fail("unsupported format version " + version + "; this reader supports versions "
                    + ModelFormat.MIN_VERSION + " to " + ModelFormat.VERSION);
        }
        in.at("flags");
        int flags = in.u16();
        if (flags != 0) {
            throw in.fail("unknown flags 0x" + Integer.toHexString(flags) + "; version " + version + " defines none");
        }
        in.at("length");
        long length = Integer.toUnsignedLong(in.u32());
        if (length < ModelFormat.HEADER_BYTES + ModelFormat.CHECKSUM_BYTES) {
            throw in.fail("a length of " + length + " bytes is too short for any model");
        }
        if (length > size) {
            throw new ModelFileException(in.file(), "length", size, "the file is truncated: the header says "
                    + length + " bytes, the file has " + size);
        }
        if (length < size) {
            throw new ModelFileException(in.file(), "trailing bytes", length, (size - length)
                    + " bytes follow the checksum; the header says the file has " + length);
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new ModelFileException(in.file(), "length", 0, "the file has " + size
                    + " bytes, more than a model may have");
        }
        return version;
    }

    /** The body after the envelope; only crafted files with a valid checksum can fail here. */
    private Sequential model(int formatVersion) throws ModelFileException {
        version = formatVersion;
        in.position(ModelFormat.HEADER_BYTES);
        in.at("model name");
        String name = in.string();
        in.at("input width");
        int inputWidth = in.positive(in.u32());
        in.at("layer count");
        int count = in.positive(in.u32());
        List<Layer> layers = new ArrayList<>();
        List<List<Matrix>> weights = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        int width = inputWidth;
        for (int index = 0; index < count; index++) {
            offsets.add(in.position());
            Layer layer = layer(index, width, weights);
            layers.add(layer);
            width = version < 3 ? LegacyLayerReader.widthAfter(layer, width) : width;
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        if (version >= 2) {
            in.at("metadata count");
            int entries = in.count(4);
            for (int i = 0; i < entries; i++) {
                in.at("metadata " + i + " key");
                String key = in.string();
                in.at("metadata " + i + " value");
                String value = in.string();
                if (metadata.put(key, value) != null) {
                    throw in.fail("the key '" + key + "' appears twice");
                }
            }
        }
        if (in.position() != in.end()) {
            throw new ModelFileException(in.file(), "trailing bytes", in.position(), (in.end() - in.position())
                    + " bytes follow the last layer, before the checksum");
        }
        Sequential model = assemble(name, inputWidth, layers, weights, offsets);
        in.at("metadata");
        in.configure(() -> {
            model.setMetadata(metadata);
            return model;
        });
        return model;
    }

    private Layer layer(int index, int width, List<List<Matrix>> weights) throws ModelFileException {
        String prefix = "layer " + index;
        in.at(prefix + " type");
        int typeOffset = in.fieldOffset();
        String type = in.string();
        in.at(prefix + " name");
        String layerName = in.string();
        prefix += " (" + layerName + ")";
        if (version < 3) {
            return LegacyLayerReader.layer(in, version, prefix, type, typeOffset, layerName, width, weights);
        }
        return ConfiguredLayerReader.layer(in, prefix, type, typeOffset, layerName, weights);
    }

    /** Builds the model and sets the weights read; errors point at the layer they concern. */
    private Sequential assemble(String name, int inputWidth, List<Layer> layers, List<List<Matrix>> weights,
                                List<Integer> offsets) throws ModelFileException {
        in.at("layers", ModelFormat.HEADER_BYTES);
        Sequential model = in.configure(() -> new Sequential(name, layers).build(inputWidth, 0L));
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            List<Matrix> layerWeights = weights.get(i);
            if (!layerWeights.isEmpty()) {
                in.at("layer " + i + " (" + layer.name() + ") weights", offsets.get(i));
                in.configure(() -> {
                    layer.setWeights(layerWeights);
                    return layer;
                });
            }
        }
        return model;
    }
}
