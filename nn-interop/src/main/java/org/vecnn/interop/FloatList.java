package org.vecnn.interop;

import java.util.Arrays;

/** A growable float array that a repeated protobuf field's values are read into, packed or one at a time. */
final class FloatList {

    private float[] values = new float[16];
    private int size;

    void add(float value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    /** Appends the current field's floats (fixed32): one value, or a packed run named {@code name}. */
    void readFloats(ProtoReader in, String name) throws ImportException {
        if (in.wireType() != ProtoReader.LENGTH) {
            add(Float.intBitsToFloat(in.fixed32()));
            return;
        }
        ProtoReader packed = in.message(name);
        while (packed.hasMore()) {
            add(Float.intBitsToFloat(packed.fixed32()));
        }
    }

    /** Appends the current field's doubles (fixed64), rounded to float: one value, or a packed run. */
    void readDoubles(ProtoReader in, String name) throws ImportException {
        if (in.wireType() != ProtoReader.LENGTH) {
            add((float) Double.longBitsToDouble(in.fixed64()));
            return;
        }
        ProtoReader packed = in.message(name);
        while (packed.hasMore()) {
            add((float) Double.longBitsToDouble(packed.fixed64()));
        }
    }

    float[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
