package org.vecnn.interop;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An HDF5 file read from memory with jHDF, seen as Keras uses it: string attributes, groups of named
 * children, and numeric datasets as float arrays. Every failure, jHDF's own included, is an
 * {@link ImportException} naming the file and the path; a dataset's declared size is checked against the
 * file's bytes before it is read.
 */
final class Hdf5Source {

    /** The most a compressed dataset may inflate to, as a multiple of the file's size. */
    private static final long MAX_INFLATION = 64;

    private final HdfFile file;
    private final String name;
    private final long bytes;

    private Hdf5Source(HdfFile file, String name, long bytes) {
        this.file = file;
        this.name = name;
        this.bytes = bytes;
    }

    /** Opens HDF5 bytes; {@code name} names them in errors. */
    static Hdf5Source open(byte[] content, String name) throws ImportException {
        try {
            return new Hdf5Source(HdfFile.fromBytes(content), name, content.length);
        } catch (RuntimeException e) {
            throw new ImportException(name, "HDF5", "not a readable HDF5 file (" + e.getMessage() + ")", e);
        }
    }

    /** The file's name, for errors. */
    String name() {
        return name;
    }

    /** The node at path, or null if there is none. */
    Node node(String path) throws ImportException {
        try {
            Node node = file;
            for (String part : path.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                if (!(node instanceof Group group)) {
                    return null;
                }
                node = group.getChildren().get(part);
                if (node == null) {
                    return null;
                }
            }
            return node;
        } catch (RuntimeException e) {
            throw new ImportException(name, path, "unreadable (" + e.getMessage() + ")", e);
        }
    }

    /** The names of the children of the group at path, in the file's order; empty if it is not a group. */
    List<String> children(String path) throws ImportException {
        try {
            return node(path) instanceof Group group ? new ArrayList<>(group.getChildren().keySet()) : List.of();
        } catch (RuntimeException e) {
            throw new ImportException(name, path, "unreadable group (" + e.getMessage() + ")", e);
        }
    }

    /** A string attribute, such as {@code model_config}. */
    String stringAttribute(String path, String attribute) throws ImportException {
        Object data = attribute(path, attribute);
        if (data instanceof String text) {
            return text;
        }
        if (data instanceof String[] texts && texts.length == 1) {
            return texts[0];
        }
        throw new ImportException(name, path + " @" + attribute, "not a string attribute");
    }

    /** A list-of-strings attribute, such as {@code weight_names}: empty when the attribute is empty or absent. */
    List<String> stringsAttribute(String path, String attribute) throws ImportException {
        Node node = node(path);
        if (node == null || !hasAttribute(node, attribute)) {
            return List.of();
        }
        Object data = attribute(path, attribute);
        if (data == null) {
            return List.of();
        }
        if (data instanceof String text) {
            return List.of(text);
        }
        if (data instanceof String[] texts) {
            return List.of(texts);
        }
        if (data.getClass().isArray() && Array.getLength(data) == 0) {
            return List.of();
        }
        throw new ImportException(name, path + " @" + attribute, "not a list of strings");
    }

    private boolean hasAttribute(Node node, String attribute) throws ImportException {
        try {
            return node.getAttributes().containsKey(attribute);
        } catch (RuntimeException e) {
            throw new ImportException(name, node.getPath() + " @" + attribute, "unreadable attributes", e);
        }
    }

    private Object attribute(String path, String attribute) throws ImportException {
        Node node = node(path);
        if (node == null) {
            throw new ImportException(name, path, "missing");
        }
        try {
            Attribute value = node.getAttribute(attribute);
            if (value == null) {
                throw new ImportException(name, path + " @" + attribute, "missing");
            }
            return value.getData();
        } catch (RuntimeException e) {
            throw new ImportException(name, path + " @" + attribute, "unreadable (" + e.getMessage() + ")", e);
        }
    }

    /** The numeric dataset at path, as floats: each value finite. */
    Tensor tensor(String path) throws ImportException {
        if (!(node(path) instanceof Dataset dataset)) {
            throw new ImportException(name, path, "missing, or not a dataset");
        }
        try {
            int[] shape = dataset.getDimensions();
            long declared = dataset.getSizeInBytes();
            long limit = dataset.getFilters().isEmpty() ? bytes
                    : Math.min(bytes * MAX_INFLATION, ModelImport.MAX_BYTES);
            if (declared < 0 || declared > limit) {
                throw new ImportException(name, path, "declares " + declared + " bytes of data, more than the file can"
                        + " hold (" + Arrays.toString(shape) + ")");
            }
            float[] values = floats(dataset.getDataFlat(), path);
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new ImportException(name, path + "[" + i + "]", "weights must be finite, got " + values[i]);
                }
            }
            return new Tensor(values, shape);
        } catch (ImportException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ImportException(name, path, "unreadable dataset (" + e.getMessage() + ")", e);
        }
    }

    private float[] floats(Object data, String path) throws ImportException {
        if (data instanceof float[] values) {
            return values;
        }
        if (data instanceof double[] values) {
            float[] narrowed = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                narrowed[i] = (float) values[i];
            }
            return narrowed;
        }
        if (data instanceof long[] values) {
            float[] widened = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                widened[i] = values[i];
            }
            return widened;
        }
        if (data instanceof Float value) {
            return new float[] {value};
        }
        if (data instanceof Double value) {
            return new float[] {value.floatValue()};
        }
        if (data instanceof Long value) {
            return new float[] {value};
        }
        throw new ImportException(name, path, "not a float dataset (" + (data == null ? "empty" : data.getClass()
                .getSimpleName()) + ")");
    }
}
