package org.vecnn.interop;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An ONNX {@code TensorProto} (an initializer, or a Constant's value): its dims and its values, as floats for
 * the float types and as longs for the integer ones (shapes, axes), from {@code raw_data} or the typed
 * fields. External data is refused; the dims must account for exactly the values present.
 *
 * @param name the tensor's name
 * @param dims its dimensions
 * @param floats its values for FLOAT and DOUBLE, else null
 * @param longs its values for INT32 and INT64, else null
 */
record OnnxTensor(String name, long[] dims, float[] floats, long[] longs) {

    private static final int FLOAT = 1;
    private static final int INT32 = 6;
    private static final int INT64 = 7;
    private static final int DOUBLE = 11;

    /** Decodes a TensorProto. */
    static OnnxTensor read(ProtoReader in) throws ImportException {
        String name = "";
        LongList dimList = new LongList();
        int type = 0;
        byte[] raw = null;
        FloatList floats = new FloatList();
        LongList longs = new LongList();
        boolean external = false;
        while (in.next()) {
            switch (in.field()) {
                case 1 -> dimList.readVarints(in, "dims");
                case 2 -> type = (int) in.varint();
                case 4 -> floats.readFloats(in, "float_data");
                case 5, 7 -> longs.readVarints(in, "int_data");
                case 8 -> name = in.string();
                case 9 -> raw = in.bytes();
                case 10 -> floats.readDoubles(in, "double_data");
                case 13 -> {
                    external = true;
                    in.skip();
                }
                case 14 -> external |= in.varint() == 1;
                default -> in.skip();
            }
        }
        long[] dims = dimList.toArray();
        if (external) {
            throw in.fail("tensor '" + name + "' keeps its data in an external file, which does not import");
        }
        long size = 1;
        for (long dim : dims) {
            if (dim < 0 || dim > Integer.MAX_VALUE) {
                throw in.fail("tensor '" + name + "' has a dimension of " + dim);
            }
            size = Math.multiplyHigh(size, dim) != 0 ? Long.MAX_VALUE : size * dim;
        }
        OnnxTensor tensor = switch (type) {
            case FLOAT, DOUBLE -> new OnnxTensor(name, dims, raw == null ? floats.toArray() : rawFloats(raw, type, in,
                    name), null);
            case INT32, INT64 -> new OnnxTensor(name, dims, null, raw == null ? longs.toArray() : rawLongs(raw, type,
                    in, name));
            default -> throw in.fail("tensor '" + name + "' has data type " + type + "; float, double, int32 and"
                    + " int64 tensors import");
        };
        long present = tensor.floats != null ? tensor.floats.length : tensor.longs.length;
        if (present != size) {
            throw in.fail("tensor '" + name + "' of dims " + Arrays.toString(dims) + " holds " + present + " values");
        }
        return tensor;
    }

    private static float[] rawFloats(byte[] raw, int type, ProtoReader in, String name) throws ImportException {
        int width = type == FLOAT ? 4 : 8;
        if (raw.length % width != 0) {
            throw in.fail("tensor '" + name + "' has " + raw.length + " raw bytes, not a whole number of values");
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[raw.length / width];
        for (int i = 0; i < values.length; i++) {
            values[i] = type == FLOAT ? buffer.getFloat() : (float) buffer.getDouble();
        }
        return values;
    }

    private static long[] rawLongs(byte[] raw, int type, ProtoReader in, String name) throws ImportException {
        int width = type == INT64 ? 8 : 4;
        if (raw.length % width != 0) {
            throw in.fail("tensor '" + name + "' has " + raw.length + " raw bytes, not a whole number of values");
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        long[] values = new long[raw.length / width];
        for (int i = 0; i < values.length; i++) {
            values[i] = type == INT64 ? buffer.getLong() : buffer.getInt();
        }
        return values;
    }

    /** The number of values. */
    int size() {
        return floats != null ? floats.length : longs.length;
    }
}
