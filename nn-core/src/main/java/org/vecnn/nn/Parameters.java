package org.vecnn.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.vecnn.matrix.Matrix;

/**
 * A layer's named arrays, each a matrix of {@code rows x cols} float32 values stored row-major: the trainable
 * weights first, then the non-trainable ones (statistics a layer keeps, such as a moving mean), then
 * derived arrays the layer computes from those (never saved, never shown as weights). A model holds one
 * Parameters per layer in each published snapshot of its weights; a layer only reads the arrays of a
 * snapshot, and a trainer updates its own copy.
 */
public final class Parameters {

    /** What an array is to training and to model files. */
    public enum Kind {
        /** Updated by the optimiser from its gradient; saved. */
        TRAINABLE,
        /** Part of the model, saved, but not trained by gradients (a layer may update it while training). */
        NON_TRAINABLE,
        /** Recomputed by the layer from the others; not saved. */
        DERIVED
    }

    private final String[] names;
    private final int[] rows;
    private final int[] cols;
    private final Kind[] kinds;
    private final float[][] arrays;

    private Parameters(String[] names, int[] rows, int[] cols, Kind[] kinds, float[][] arrays) {
        this.names = names;
        this.rows = rows;
        this.cols = cols;
        this.kinds = kinds;
        this.arrays = arrays;
    }

    /** A builder: add arrays in the order trainable, non-trainable, derived. */
    public static Builder builder() {
        return new Builder();
    }

    /** No arrays: a layer without weights. */
    public static Parameters none() {
        return builder().build();
    }

    /** How many arrays there are. */
    public int size() {
        return arrays.length;
    }

    /** Array {@code i}'s name, such as {@code "kernel"}. */
    public String name(int i) {
        return names[i];
    }

    /** Array {@code i}'s rows. */
    public int rows(int i) {
        return rows[i];
    }

    /** Array {@code i}'s columns. */
    public int cols(int i) {
        return cols[i];
    }

    /** What array {@code i} is. */
    public Kind kind(int i) {
        return kinds[i];
    }

    /** Array {@code i} itself, row-major: read it in a snapshot, never write it. */
    public float[] array(int i) {
        return arrays[i];
    }

    /**
     * The index of the array of this name.
     *
     * @throws IllegalArgumentException if there is none
     */
    public int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no parameter '" + name + "'; there are " + List.of(names));
    }

    /** The number of trainable arrays: they are the first ones. */
    public int trainableCount() {
        return count(Kind.TRAINABLE);
    }

    /** The number of saved arrays, trainable and not: the first ones, in {@link Layer#weights()} order. */
    public int weightCount() {
        return arrays.length - count(Kind.DERIVED);
    }

    private int count(Kind kind) {
        int n = 0;
        for (Kind k : kinds) {
            n += k == kind ? 1 : 0;
        }
        return n;
    }

    /** The values in arrays of this kind. */
    public long values(Kind kind) {
        long n = 0;
        for (int i = 0; i < arrays.length; i++) {
            n += kinds[i] == kind ? arrays[i].length : 0;
        }
        return n;
    }

    /** Copies of the weights (every array but the derived ones) as matrices, in order. */
    List<Matrix> weightCopies() {
        List<Matrix> copies = new ArrayList<>();
        for (int i = 0; i < weightCount(); i++) {
            copies.add(Matrix.wrap(rows[i], cols[i], arrays[i].clone()));
        }
        return copies;
    }

    /**
     * A copy with these weights in place of the current ones, each checked for its shape and finite values;
     * the errors name the layer and its type.
     *
     * @throws IllegalArgumentException for a wrong count, a wrong shape or a non-finite value, named
     */
    Parameters withWeights(String layerName, String type, List<Matrix> weights) {
        Parameters params = copy();
        String owner = "layer '" + layerName + "'";
        if (weights.size() != weightCount()) {
            throw new IllegalArgumentException(owner + " (" + type + ") has " + weightCount() + " weights, got "
                    + weights.size());
        }
        for (int i = 0; i < weights.size(); i++) {
            Matrix weight = weights.get(i);
            if (weight.rows() != rows[i] || weight.cols() != cols[i]) {
                throw new IllegalArgumentException(owner + ": " + names[i] + " must be " + rows[i] + "x" + cols[i]
                        + ", got " + weight.shape());
            }
            float[] data = weight.data();
            for (int v = 0; v < data.length; v++) {
                if (!Float.isFinite(data[v])) {
                    throw new IllegalArgumentException(owner + ": " + names[i] + "[" + v / cols[i] + "]["
                            + v % cols[i] + "] is " + data[v]);
                }
            }
            System.arraycopy(data, 0, params.arrays[i], 0, data.length);
        }
        return params;
    }

    /** A deep copy. */
    public Parameters copy() {
        float[][] copies = new float[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            copies[i] = arrays[i].clone();
        }
        return new Parameters(names, rows, cols, kinds, copies);
    }

    /** Zero arrays shaped as the trainable ones, for their gradients. */
    Parameters trainableZeros() {
        int n = trainableCount();
        float[][] zeros = new float[n][];
        for (int i = 0; i < n; i++) {
            zeros[i] = new float[arrays[i].length];
        }
        return new Parameters(Arrays.copyOf(names, n), Arrays.copyOf(rows, n),
                Arrays.copyOf(cols, n), Arrays.copyOf(kinds, n), zeros);
    }

    /** Whether the other has the same names, shapes and kinds. */
    boolean sameLayout(Parameters other) {
        return Arrays.equals(names, other.names) && Arrays.equals(rows, other.rows)
                && Arrays.equals(cols, other.cols) && Arrays.equals(kinds, other.kinds);
    }

    /** Builds a {@link Parameters}. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<int[]> shapes = new ArrayList<>();
        private final List<Kind> kinds = new ArrayList<>();
        private final List<float[]> arrays = new ArrayList<>();

        private Builder() {
        }

        /** Adds a zero array; returns this builder. */
        public Builder add(String name, int rows, int cols, Kind kind) {
            if (rows <= 0 || cols <= 0) {
                throw new IllegalArgumentException("parameter '" + name + "' must have a positive shape, got " + rows
                        + "x" + cols);
            }
            return add(name, rows, cols, kind, new float[Math.multiplyExact(rows, cols)]);
        }

        /**
         * Adds an array holding these values (rows x cols of them, taken as they are); returns this builder.
         *
         * @throws IllegalArgumentException for a repeated name, a wrong length, or kinds out of order
         */
        public Builder add(String name, int rows, int cols, Kind kind, float[] values) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            if (names.contains(name)) {
                throw new IllegalArgumentException("parameter '" + name + "' is added twice");
            }
            if (rows <= 0 || cols <= 0 || (long) rows * cols != values.length) {
                throw new IllegalArgumentException("parameter '" + name + "' is " + rows + "x" + cols + " but has "
                        + values.length + " values");
            }
            if (!kinds.isEmpty() && kinds.getLast().compareTo(kind) > 0) {
                throw new IllegalArgumentException("parameter '" + name + "' (" + kind + ") comes after a "
                        + kinds.getLast() + " one: add trainable, then non-trainable, then derived arrays");
            }
            names.add(name);
            shapes.add(new int[] {rows, cols});
            kinds.add(kind);
            arrays.add(values);
            return this;
        }

        /** The parameters added. */
        public Parameters build() {
            int n = names.size();
            int[] rows = new int[n];
            int[] cols = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = shapes.get(i)[0];
                cols[i] = shapes.get(i)[1];
            }
            return new Parameters(names.toArray(String[]::new), rows, cols, kinds.toArray(Kind[]::new),
                    arrays.toArray(float[][]::new));
        }
    }
}
