package org.vecnn.nn;

/**
 * A view of some rows of a row-major batch: {@link #rows()} rows of {@link #width()} values each, the
 * first at {@link #offset()} in {@link #data()}. {@link #firstRow()} is where the view starts within the
 * whole batch, for a layer that keeps per-row values of its own (its cache) for the same rows.
 *
 * <p>Views are reused by the model and the trainer, like Lucene's {@code BytesRef}: a layer reads one during
 * the call it is given to, and never keeps it.
 */
public final class Batch {

    private float[] data;
    /** Where the view's first row starts: the batch's start plus firstRow rows, computed when set. */
    private int offset;
    private int width;
    private int firstRow;
    private int rows;

    Batch() {
    }

    /** Points this view at rows [first, first + count) of a batch stored from {@code baseOffset} in values. */
    Batch set(float[] values, int baseOffset, int rowWidth, int first, int count) {
        data = values;
        offset = baseOffset + first * rowWidth;
        width = rowWidth;
        firstRow = first;
        rows = count;
        return this;
    }

    /** The array holding the batch. */
    public float[] data() {
        return data;
    }

    /** Where the view's first row starts in {@link #data()}. */
    public int offset() {
        return offset;
    }

    /** Where row {@code r} of the view (0 is its first) starts in {@link #data()}. */
    public int offset(int r) {
        return offset + r * width;
    }

    /** Values per row. */
    public int width() {
        return width;
    }

    /** The number of rows in view. */
    public int rows() {
        return rows;
    }

    /** The index of the view's first row within the whole batch. */
    public int firstRow() {
        return firstRow;
    }

    /** The number of values in view, rows times width. */
    public int size() {
        return rows * width;
    }
}
