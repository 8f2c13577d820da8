package org.vecnn.matrix;

/** Thrown when matrix shapes do not fit an operation; the message names every shape involved. */
public class ShapeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message that names the shapes. */
    public ShapeException(String message) {
        super(message);
    }

    /** Formats a shape as {@code rows x cols}. */
    public static String shape(int rows, int cols) {
        return rows + "x" + cols;
    }
}
