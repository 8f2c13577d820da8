package org.vecnn.interop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX {@code ModelProto} an import needs: the default domain's opset, and the main graph's
 * nodes, initializers, inputs (name and dims, −1 for a symbolic or unknown one) and outputs.
 *
 * @param opset the default domain's opset version
 * @param nodes the nodes, as the file lists them
 * @param initializers the initializers by name
 * @param inputs the graph inputs that are not initializers
 * @param outputs the graph outputs
 */
record OnnxGraph(long opset, List<Node> nodes, Map<String, OnnxTensor> initializers, List<Value> inputs,
                 List<Value> outputs) {

    /** A node: its operator, inputs, outputs, name and attributes. */
    record Node(String op, String domain, List<String> inputs, List<String> outputs, String name,
                Map<String, Attribute> attributes) {
        /** "node 'name' (Op)", as errors name it. */
        String describe() {
            return "node '" + name + "' (" + op + ")";
        }

        /** A float attribute, or {@code fallback} when absent. */
        float floatAttribute(String key, float fallback) {
            Attribute attribute = attributes.get(key);
            return attribute == null ? fallback : attribute.f();
        }

        /** An integer attribute, or {@code fallback} when absent. */
        long intAttribute(String key, long fallback) {
            Attribute attribute = attributes.get(key);
            return attribute == null ? fallback : attribute.i();
        }

        /** An integer-list attribute, or none when absent. */
        long[] longsAttribute(String key) {
            Attribute attribute = attributes.get(key);
            return attribute == null ? new long[0] : attribute.ints();
        }

        /** A Constant node's value, from whichever of its value attributes it has. */
        OnnxTensor constantValue(String file) throws ImportException {
            String output = outputs.getFirst();
            Attribute value = attributes.get("value");
            if (value != null && value.t() != null) {
                return value.t();
            }
            Attribute floats = attributes.get("value_floats");
            if (floats != null) {
                return new OnnxTensor(output, new long[] {floats.floats().length}, floats.floats(), null);
            }
            Attribute ints = attributes.get("value_ints");
            if (ints != null) {
                return new OnnxTensor(output, new long[] {ints.ints().length}, null, ints.ints());
            }
            Attribute scalar = attributes.get("value_float");
            if (scalar != null) {
                return new OnnxTensor(output, new long[0], new float[] {scalar.f()}, null);
            }
            Attribute integer = attributes.get("value_int");
            if (integer != null) {
                return new OnnxTensor(output, new long[0], null, new long[] {integer.i()});
            }
            throw new ImportException(file, describe(), "a Constant without a value this import reads");
        }
    }

    /** An attribute's value, of whichever kind it holds. */
    record Attribute(String name, float f, long i, String s, OnnxTensor t, float[] floats, long[] ints) {
    }

    /** A graph input or output: its name and dims (−1 where unknown or symbolic). */
    record Value(String name, long[] dims) {
    }

    /** Decodes a ModelProto. */
    static OnnxGraph read(byte[] bytes, String file) throws ImportException {
        ProtoReader model = ProtoReader.of(bytes, file, "ModelProto");
        long opset = -1;
        ProtoReader graph = null;
        while (model.next()) {
            switch (model.field()) {
                case 7 -> graph = model.message("GraphProto");
                case 8 -> {
                    ProtoReader set = model.message("OperatorSetIdProto");
                    String domain = "";
                    long version = -1;
                    while (set.next()) {
                        switch (set.field()) {
                            case 1 -> domain = set.string();
                            case 2 -> version = set.varint();
                            default -> set.skip();
                        }
                    }
                    if (domain.isEmpty() || domain.equals("ai.onnx")) {
                        opset = version;
                    }
                }
                default -> model.skip();
            }
        }
        if (graph == null) {
            throw new ImportException(file, "ModelProto", "no graph: not an ONNX model");
        }
        return graph(graph, opset, file);
    }

    private static OnnxGraph graph(ProtoReader in, long opset, String file) throws ImportException {
        List<Node> nodes = new ArrayList<>();
        Map<String, OnnxTensor> initializers = new LinkedHashMap<>();
        List<Value> inputs = new ArrayList<>();
        List<Value> outputs = new ArrayList<>();
        while (in.next()) {
            switch (in.field()) {
                case 1 -> nodes.add(node(in.message("NodeProto")));
                case 5 -> {
                    OnnxTensor tensor = OnnxTensor.read(in.message("TensorProto"));
                    initializers.put(tensor.name(), tensor);
                }
                case 11 -> inputs.add(value(in.message("ValueInfoProto")));
                case 12 -> outputs.add(value(in.message("ValueInfoProto")));
                case 15 -> throw in.fail("sparse initializers do not import");
                default -> in.skip();
            }
        }
        inputs.removeIf(value -> initializers.containsKey(value.name()));
        return new OnnxGraph(opset, nodes, initializers, inputs, outputs);
    }

    private static Node node(ProtoReader in) throws ImportException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String op = "";
        String domain = "";
        Map<String, Attribute> attributes = new HashMap<>();
        while (in.next()) {
            switch (in.field()) {
                case 1 -> inputs.add(in.string());
                case 2 -> outputs.add(in.string());
                case 3 -> name = in.string();
                case 4 -> op = in.string();
                case 5 -> {
                    Attribute attribute = attribute(in.message("AttributeProto"));
                    attributes.put(attribute.name(), attribute);
                }
                case 7 -> domain = in.string();
                default -> in.skip();
            }
        }
        return new Node(op, domain, inputs, outputs, name.isEmpty() ? (outputs.isEmpty() ? op : outputs.getFirst())
                : name, attributes);
    }

    private static Attribute attribute(ProtoReader in) throws ImportException {
        String name = "";
        float f = 0;
        long i = 0;
        String s = null;
        OnnxTensor t = null;
        FloatList floats = new FloatList();
        LongList ints = new LongList();
        while (in.next()) {
            switch (in.field()) {
                case 1 -> name = in.string();
                case 2 -> f = Float.intBitsToFloat(in.fixed32());
                case 3 -> i = in.varint();
                case 4 -> s = in.string();
                case 5 -> t = OnnxTensor.read(in.message("TensorProto"));
                case 7 -> floats.readFloats(in, "floats");
                case 8 -> ints.readVarints(in, "ints");
                default -> in.skip();
            }
        }
        return new Attribute(name, f, i, s, t, floats.toArray(), ints.toArray());
    }

    private static Value value(ProtoReader in) throws ImportException {
        String name = "";
        long[] dims = null;
        while (in.next()) {
            switch (in.field()) {
                case 1 -> name = in.string();
                case 2 -> dims = tensorDims(in.message("TypeProto"));
                default -> in.skip();
            }
        }
        return new Value(name, dims == null ? new long[0] : dims);
    }

    /** TypeProto.tensor_type.shape's dims, −1 for a dim_param or an unset dim; null without a shape. */
    private static long[] tensorDims(ProtoReader type) throws ImportException {
        long[] dims = null;
        while (type.next()) {
            if (type.field() == 1) {
                long[] shape = shapeOf(type.message("TypeProto.Tensor"));
                dims = shape != null ? shape : dims;
            } else {
                type.skip();
            }
        }
        return dims;
    }

    /** A TypeProto.Tensor's shape (field 2), null without one. */
    private static long[] shapeOf(ProtoReader tensor) throws ImportException {
        long[] dims = null;
        while (tensor.next()) {
            if (tensor.field() == 2) {
                dims = dims(tensor.message("TensorShapeProto"));
            } else {
                tensor.skip();
            }
        }
        return dims;
    }

    /** A TensorShapeProto's dims (field 1, each a Dimension). */
    private static long[] dims(ProtoReader shape) throws ImportException {
        LongList dims = new LongList();
        while (shape.next()) {
            if (shape.field() == 1) {
                dims.add(dimValue(shape.message("Dimension")));
            } else {
                shape.skip();
            }
        }
        return dims.toArray();
    }

    /** A Dimension's dim_value, −1 for a dim_param or an unset or non-positive value. */
    private static long dimValue(ProtoReader dim) throws ImportException {
        long value = -1;
        while (dim.next()) {
            if (dim.field() == 1) {
                long v = dim.varint();
                value = v > 0 ? v : -1;
            } else {
                dim.skip();
            }
        }
        return value;
    }
}
