package org.vecnn.bench;

import java.util.Locale;

/**
 * A GEMM problem in M×K×N notation, {@code C (M×N) = op(A) (M×K) · op(B) (K×N)}, written
 * {@code 128x784x256}, with {@code :TN} (A transposed) or {@code :NT} (B transposed) appended for the
 * backpropagation products.
 */
public record GemmShape(int m, int k, int n, boolean transA, boolean transB) {

    /** Parses {@code MxKxN} with an optional {@code :NN}, {@code :TN}, {@code :NT} or {@code :TT}. */
    public static GemmShape parse(String text) {
        String[] parts = text.strip().toUpperCase(Locale.ROOT).split(":");
        String[] dims = parts[0].split("X");
        if (dims.length != 3 || parts.length > 2 || (parts.length == 2 && !parts[1].matches("[NT]{2}"))) {
            throw new IllegalArgumentException("shape '" + text + "' is not MxKxN[:NN|TN|NT|TT]");
        }
        String trans = parts.length == 2 ? parts[1] : "NN";
        return new GemmShape(Integer.parseInt(dims[0]), Integer.parseInt(dims[1]), Integer.parseInt(dims[2]),
                trans.charAt(0) == 'T', trans.charAt(1) == 'T');
    }

    /** Floating-point operations per multiplication, 2·M·K·N. */
    public double flops() {
        return 2.0 * m * k * n;
    }

    /** Rows of A as stored. */
    public int aRows() {
        return transA ? k : m;
    }

    /** Columns of A as stored (its leading dimension). */
    public int aCols() {
        return transA ? m : k;
    }

    /** Rows of B as stored. */
    public int bRows() {
        return transB ? n : k;
    }

    /** Columns of B as stored (its leading dimension). */
    public int bCols() {
        return transB ? k : n;
    }

    @Override
    public String toString() {
        return m + "x" + k + "x" + n + (transA || transB ? ":" + (transA ? "T" : "N") + (transB ? "T" : "N") : "");
    }
}
