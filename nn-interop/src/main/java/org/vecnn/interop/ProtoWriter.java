package org.vecnn.interop;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A writer of protocol buffers' wire format: the fields an ONNX export needs, in the order given. */
final class ProtoWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** An int64, int32, enum or bool field. */
    ProtoWriter varint(int field, long value) {
        tag(field, ProtoReader.VARINT);
        raw(value);
        return this;
    }

    /** A float field. */
    ProtoWriter float32(int field, float value) {
        tag(field, ProtoReader.FIXED32);
        fixed32(Float.floatToRawIntBits(value));
        return this;
    }

    /** A string field. */
    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A bytes field. */
    ProtoWriter bytes(int field, byte[] value) {
        tag(field, ProtoReader.LENGTH);
        raw(value.length);
        out.writeBytes(value);
        return this;
    }

    /** An embedded message field. */
    ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    /** A packed repeated int64 field. */
    ProtoWriter packed(int field, long[] values) {
        ProtoWriter packed = new ProtoWriter();
        for (long value : values) {
            packed.raw(value);
        }
        return bytes(field, packed.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        raw((long) field << 3 | wireType);
    }

    private void raw(long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) (rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write((int) rest);
    }

    private void fixed32(int value) {
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }
}
