package org.vecnn.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A cursor over a model file's bytes, little-endian, that names the field and byte offset of every
 * failure ({@link ModelFileException}) and checks every size against the bytes left before it allocates.
 */
final class FieldReader {

    private final Path file;
    private final ByteBuffer buffer;
    private final int end;
    private String field = "header";
    private int fieldOffset;

    /** Reads {@code bytes[0, end)}; {@code file} names the file in errors. */
    FieldReader(Path file, byte[] bytes, int end) {
        this.file = file;
        this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.end = end;
    }

    /** The file errors name. */
    Path file() {
        return file;
    }

    /** Where the cursor is. */
    int position() {
        return buffer.position();
    }

    /** Moves the cursor. */
    void position(int offset) {
        buffer.position(offset);
    }

    /** Where the bytes read end. */
    int end() {
        return end;
    }

    /** The bytes, from the start of the file. */
    byte[] bytes() {
        return buffer.array();
    }

    /** Fills {@code into} from the cursor on; the caller has checked that the bytes are there. */
    void read(byte[] into) {
        buffer.get(into);
    }

    /** The four bytes at an offset, little-endian, without moving the cursor. */
    int u32At(int offset) {
        return buffer.getInt(offset);
    }

    /** A u32 count of entries of at least {@code minBytes} each, checked against the bytes left. */
    int count(int minBytes) throws ModelFileException {
        int entries = u32();
        if (entries < 0 || (long) entries * minBytes > end - buffer.position()) {
            throw fail(Integer.toUnsignedString(entries) + " entries cannot fit in the bytes left");
        }
        return entries;
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

    /** Names the field errors are reported at, starting here. */
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

    /** Eight bytes, little-endian. */
    long u64() throws ModelFileException {
        ensure(8);
        return buffer.getLong();
    }

    ModelFileException fail(String problem) {
        return new ModelFileException(file, field, fieldOffset, problem);
    }

    ModelFileException truncated() {
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

    int u16() throws ModelFileException {
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
