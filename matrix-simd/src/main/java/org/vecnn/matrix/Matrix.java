package org.vecnn.matrix;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.vecnn.matrix.kernel.KernelProvider;

/**
 * A dense row-major float32 matrix: element (i, j) is {@code data()[i * cols() + j]}. The shape is fixed;
 * the elements are mutable. Operations that produce a matrix return a new one and leave their operands
 * unchanged.
 */
public final class Matrix {

    private final int rows;
    private final int cols;
    private final float[] data;

    private Matrix(int rows, int cols, float[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** A {@code rows x cols} matrix of zeros. */
    public static Matrix zeros(int rows, int cols) {
        return new Matrix(rows, cols, new float[checkedSize(rows, cols)]);
    }

    /** A copy of a rectangular array of rows; a ragged array is rejected. */
    public static Matrix of(float[][] values) {
        Objects.requireNonNull(values, "values");
        int rows = values.length;
        int cols = rows == 0 ? 0 : Objects.requireNonNull(values[0], "row 0").length;
        float[] data = new float[checkedSize(rows, cols)];
        for (int i = 0; i < rows; i++) {
            int index = i;
            float[] row = Objects.requireNonNull(values[i], () -> "row " + index);
            if (row.length != cols) {
                throw new ShapeException("ragged rows: row 0 has " + cols + " values, row " + i + " has " + row.length);
            }
            System.arraycopy(row, 0, data, i * cols, cols);
        }
        return new Matrix(rows, cols, data);
    }

    /** A {@code rows x cols} view of {@code data} (not copied), which must hold exactly rows·cols values. */
    public static Matrix wrap(int rows, int cols, float[] data) {
        Objects.requireNonNull(data, "data");
        int size = checkedSize(rows, cols);
        if (data.length != size) {
            throw new ShapeException("cannot wrap " + data.length + " values as a " + ShapeException.shape(rows, cols)
                    + " matrix, which needs " + size);
        }
        return new Matrix(rows, cols, data);
    }

    /** A matrix of values uniform in [-1, 1), the same for the same seed. */
    public static Matrix random(int rows, int cols, long seed) {
        Matrix result = zeros(rows, cols);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < result.data.length; i++) {
            result.data[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return result;
    }

    private static int checkedSize(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new ShapeException("negative shape " + ShapeException.shape(rows, cols));
        }
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE - 8) {
            throw new ShapeException("shape " + ShapeException.shape(rows, cols)
                    + " has too many elements for one array");
        }
        return (int) size;
    }

    /** The number of rows. */
    public int rows() {
        return rows;
    }

    /** The number of columns. */
    public int cols() {
        return cols;
    }

    /** The backing row-major array, shared with this matrix (not a copy). */
    public float[] data() {
        return data;
    }

    /** The shape as {@code rows x cols}. */
    public String shape() {
        return ShapeException.shape(rows, cols);
    }

    /** Element (i, j). */
    public float get(int i, int j) {
        return data[index(i, j)];
    }

    /** The column of row i's largest element (the first, on ties): a classifier's predicted class. */
    public int argmaxOfRow(int i) {
        int best = 0;
        for (int j = 1; j < cols; j++) {
            best = get(i, j) > get(i, best) ? j : best;
        }
        return best;
    }

    /** Sets element (i, j). */
    public void set(int i, int j, float value) {
        data[index(i, j)] = value;
    }

    private int index(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("element (" + i + ", " + j + ") is outside a " + shape() + " matrix");
        }
        return i * cols + j;
    }

    /** A new matrix holding the transpose. */
    public Matrix transpose() {
        Matrix result = zeros(cols, rows);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                result.data[j * rows + i] = data[i * cols + j];
            }
        }
        return result;
    }

    /** The product {@code this · other}. */
    public Matrix matmul(Matrix other) {
        if (cols != other.rows) {
            throw new ShapeException("cannot multiply " + shape() + " by " + other.shape()
                    + ": inner dimensions " + cols + " and " + other.rows + " differ");
        }
        Matrix result = zeros(rows, other.cols);
        Gemm.sgemm(false, false, rows, other.cols, cols, 1f, data, 0, Math.max(1, cols),
                other.data, 0, Math.max(1, other.cols), 0f, result.data, 0, Math.max(1, other.cols));
        return result;
    }

    /** The element-wise sum {@code this + other}. */
    public Matrix add(Matrix other) {
        if (rows != other.rows || cols != other.cols) {
            throw new ShapeException("cannot add " + shape() + " and " + other.shape() + ": shapes differ");
        }
        Matrix result = new Matrix(rows, cols, data.clone());
        KernelProvider.kernels().axpy(data.length, 1f, other.data, 0, result.data, 0);
        return result;
    }

    /** A copy as an array of rows. */
    public float[][] toArray() {
        float[][] result = new float[rows][];
        for (int i = 0; i < rows; i++) {
            result[i] = Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
        }
        return result;
    }

    /** Equal when the shapes match and every element is bitwise equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Matrix that && rows == that.rows && cols == that.cols && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    /** The shape and, for small matrices, the elements row by row. */
    @Override
    public String toString() {
        if ((long) rows * cols > 100) {
            return "Matrix[" + shape() + "]";
        }
        StringBuilder text = new StringBuilder("Matrix[").append(shape()).append("] [");
        for (int i = 0; i < rows; i++) {
            text.append(i == 0 ? "" : ", ").append(Arrays.toString(Arrays.copyOfRange(data, i * cols, (i + 1) * cols)));
        }
        return text.append(']').toString();
    }
}
