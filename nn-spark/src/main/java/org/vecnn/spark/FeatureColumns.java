package org.vecnn.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * Where a row's features come from: one column holding a Spark ML {@code Vector} or an {@code array} of
 * numbers, or a list of numeric columns, one feature each. Reads a row's features into floats, or says what
 * is wrong with them.
 */
final class FeatureColumns implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The columns' positions in the schema. */
    private final int[] positions;
    /** Whether the one column is a vector or an array (false: each column is a number). */
    private final boolean packed;
    private final String description;

    private FeatureColumns(int[] positions, boolean packed, String description) {
        this.positions = positions;
        this.packed = packed;
        this.description = description;
    }

    /** The features of one vector or array column. */
    static FeatureColumns packed(StructType schema, String column) {
        DataType type = schema.apply(schema.fieldIndex(column)).dataType();
        boolean vector = type instanceof VectorUDT;
        boolean numbers = type instanceof ArrayType array && array.elementType() instanceof NumericType;
        if (!vector && !numbers) {
            throw new IllegalArgumentException("features column '" + column + "' is " + type.simpleString()
                    + "; it must be a vector or an array of numbers");
        }
        return new FeatureColumns(new int[] {schema.fieldIndex(column)}, true, "'" + column + "'");
    }

    /** One feature per numeric column, in this order. */
    static FeatureColumns separate(StructType schema, String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("no feature columns given");
        }
        int[] positions = new int[columns.length];
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            positions[i] = schema.fieldIndex(columns[i]);
            if (!(schema.apply(positions[i]).dataType() instanceof NumericType)) {
                wrong.add(columns[i] + " (" + schema.apply(positions[i]).dataType().simpleString() + ")");
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException("feature columns must be numeric: " + String.join(", ", wrong));
        }
        return new FeatureColumns(positions, false, Arrays.toString(columns));
    }

    /** The number of features in a row: its vector's or array's length, or the number of columns; 0 for null. */
    int width(Row row) {
        if (!packed) {
            return positions.length;
        }
        if (row.isNullAt(positions[0])) {
            return 0;
        }
        return row.get(positions[0]) instanceof Vector vector ? vector.size() : row.getList(positions[0]).size();
    }

    /** How the features were named, for messages. */
    String description() {
        return description;
    }

    /**
     * Reads a row's {@code width} features into {@code into} from {@code offset}; returns null, or what is wrong
     * (null, the wrong number of values, a NaN or infinite value).
     */
    String read(Row row, int width, float[] into, int offset) {
        if (!packed) {
            for (int i = 0; i < positions.length; i++) {
                if (row.isNullAt(positions[i])) {
                    return "feature " + i + " is null";
                }
                into[offset + i] = ((Number) row.get(positions[i])).floatValue();
            }
            return positions.length == width ? nonFinite(into, offset, width) : "has " + positions.length
                    + " features; the model takes " + width;
        }
        if (row.isNullAt(positions[0])) {
            return "its features are null";
        }
        return read(row.get(positions[0]), width, into, offset);
    }

    /**
     * The features of one value, a vector or a sequence of numbers (a packed column's cell, or a SQL
     * function's argument), into {@code into} from {@code offset}; returns null or what is wrong.
     */
    static String read(Object value, int width, float[] into, int offset) {
        if (value instanceof Vector vector) {
            if (vector.size() != width) {
                return "has " + vector.size() + " features; the model takes " + width;
            }
            for (int i = 0; i < width; i++) {
                into[offset + i] = (float) vector.apply(i);
            }
            return nonFinite(into, offset, width);
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            if (seq.length() != width) {
                return "has " + seq.length() + " features; the model takes " + width;
            }
            for (int i = 0; i < width; i++) {
                if (!(seq.apply(i) instanceof Number number)) {
                    return "feature " + i + " is " + (seq.apply(i) == null ? "null" : "not a number");
                }
                into[offset + i] = number.floatValue();
            }
            return nonFinite(into, offset, width);
        }
        return "is " + value.getClass().getSimpleName() + ", not a vector or an array of numbers";
    }

    private static String nonFinite(float[] values, int offset, int width) {
        for (int i = 0; i < width; i++) {
            if (!Float.isFinite(values[offset + i])) {
                return "feature " + i + " is " + values[offset + i];
            }
        }
        return null;
    }
}
