package org.vecnn.interop;

import java.util.Arrays;

/** A growable long array that a repeated protobuf field's values are read into, packed or one at a time. */
final class LongList {

    private long[] values = new long[16];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    /** Appends the current field's varints: one value, or a packed run named {@code name}. */
    void readVarints(ProtoReader in, String name) throws ImportException {
        if (in.wireType() != ProtoReader.LENGTH) {
            add(in.varint());
            return;
        }
        ProtoReader packed = in.message(name);
        while (packed.hasMore()) {
            add(packed.varint());
        }
    }

    long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
