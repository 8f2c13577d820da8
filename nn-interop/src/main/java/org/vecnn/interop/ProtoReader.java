package org.vecnn.interop;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reader of protocol buffers' wire format over bytes in memory, for the few ONNX messages an import needs:
 * fields one at a time (varint, 32- and 64-bit, length-delimited), each length checked against the bytes
 * left, nesting bounded. Every malformed input is an {@link ImportException} naming the message and offset.
 */
final class ProtoReader {

    /** Wire types. */
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH = 2;
    static final int FIXED32 = 5;

    /** How deep messages may nest (a graph inside an attribute inside a node inside a graph, …). */
    private static final int MAX_DEPTH = 64;

    private final byte[] bytes;
    private final int end;
    private final String file;
    private final String message;
    private final int depth;
    private int position;
    private int field;
    private int wireType;

    private ProtoReader(byte[] bytes, int start, int end, String file, String message, int depth) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
        this.file = file;
        this.message = message;
        this.depth = depth;
    }

    /** A reader of a whole message. */
    static ProtoReader of(byte[] bytes, String file, String message) {
        return new ProtoReader(bytes, 0, bytes.length, file, message, 0);
    }

    /** Moves to the next field; false at the message's end. */
    boolean next() throws ImportException {
        if (position >= end) {
            return false;
        }
        long tag = varint();
        field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        if (field <= 0 || tag >>> 3 > Integer.MAX_VALUE) {
            throw fail("a field number of " + (tag >>> 3));
        }
        return true;
    }

    /** Whether bytes are left (for packed repeated fields). */
    boolean hasMore() {
        return position < end;
    }

    /** The current field's number. */
    int field() {
        return field;
    }

    /** The current field's wire type. */
    int wireType() {
        return wireType;
    }

    /** A varint (int32, int64, enum, bool). */
    long varint() throws ImportException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw fail("a varint runs past the end");
            }
            byte b = bytes[position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw fail("a varint longer than ten bytes");
    }

    /** A 32-bit little-endian value (float, fixed32). */
    int fixed32() throws ImportException {
        require(4);
        int value = (bytes[position] & 0xFF) | (bytes[position + 1] & 0xFF) << 8 | (bytes[position + 2] & 0xFF) << 16
                | (bytes[position + 3] & 0xFF) << 24;
        position += 4;
        return value;
    }

    /** A 64-bit little-endian value (double, fixed64). */
    long fixed64() throws ImportException {
        long low = fixed32() & 0xFFFFFFFFL;
        long high = fixed32() & 0xFFFFFFFFL;
        return low | high << 32;
    }

    /** A length-delimited field as a reader of its bytes, for an embedded message named {@code name}. */
    ProtoReader message(String name) throws ImportException {
        int length = length();
        if (depth + 1 > MAX_DEPTH) {
            throw fail("messages nested more than " + MAX_DEPTH + " deep");
        }
        ProtoReader inner = new ProtoReader(bytes, position, position + length, file, name, depth + 1);
        position += length;
        return inner;
    }

    /** A length-delimited field's bytes. */
    byte[] bytes() throws ImportException {
        int length = length();
        byte[] copy = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return copy;
    }

    /** A length-delimited field as UTF-8 text. */
    String string() throws ImportException {
        int length = length();
        String text = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return text;
    }

    /** Skips the current field. */
    void skip() throws ImportException {
        switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> fixed64();
            case FIXED32 -> fixed32();
            case LENGTH -> {
                int length = length();
                position += length;
            }
            default -> throw fail("wire type " + wireType + " (groups are not used by ONNX)");
        }
    }

    /** An error at the current position. */
    ImportException fail(String problem) {
        return new ImportException(file, message + " at byte " + position, problem);
    }

    private int length() throws ImportException {
        if (wireType != LENGTH) {
            throw fail("field " + field + " has wire type " + wireType + ", not a length-delimited one");
        }
        long length = varint();
        if (length < 0 || length > end - position) {
            throw fail("field " + field + " claims " + length + " bytes, more than the " + (end - position) + " left");
        }
        return (int) length;
    }

    private void require(int count) throws ImportException {
        if (end - position < count) {
            throw fail("a " + count + "-byte value runs past the end");
        }
    }
}
