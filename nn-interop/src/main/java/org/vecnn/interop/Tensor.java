package org.vecnn.interop;

import java.util.Arrays;

/**
 * A weight array read from a file: its values, row-major, and its shape.
 *
 * @param values the values, {@code product(shape)} of them
 * @param shape the dimensions, outermost first; empty for a scalar
 */
record Tensor(float[] values, int[] shape) {

    /** The number of values the shape holds. */
    long size() {
        long size = 1;
        for (int dimension : shape) {
            size *= dimension;
        }
        return size;
    }

    @Override
    public String toString() {
        return Arrays.toString(shape);
    }
}
