package org.vecnn.nn;

/**
 * A prediction whose inputs were finite but whose output is not: the inputs are so large that a layer's
 * float32 arithmetic overflowed (an infinite pre-activation, then infinity minus infinity). Thrown by
 * {@link Sequential#predict} instead of returning NaN or infinity; {@link #row()} names the sample.
 */
public final class NonFiniteOutputException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final int row;
    private final String problem;

    NonFiniteOutputException(int row, int output, float value, float largestInput) {
        this(row, "a non-finite output (" + value + " at output " + output + ") from finite inputs (the largest |x|"
                + " is " + largestInput + "): they overflow the model's float32 arithmetic; scale the inputs down");
    }

    private NonFiniteOutputException(int row, String problem) {
        super("row " + row + " gives " + problem);
        this.row = row;
        this.problem = problem;
    }

    /** What went wrong, without the row: "a non-finite output (NaN at output 0) from finite inputs ...". */
    public String problem() {
        return problem;
    }

    /** The row of the batch (0 for a single sample) whose output is not finite. */
    public int row() {
        return row;
    }
}
