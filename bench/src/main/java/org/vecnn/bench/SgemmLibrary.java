package org.vecnn.bench;

import java.util.List;
import org.vecnn.matrix.Matrix;

/**
 * One library's single-precision matrix multiply, set up for one shape on the same random operands.
 * {@link #multiply()} is what the benchmarks time: C = op(A)·op(B), overwriting C.
 */
public interface SgemmLibrary {

    /** The libraries the benchmarks know, by name. */
    List<String> NAMES = List.of("vecnn", "vecnn-scalar", "naive", "ejml", "ojalgo", "openblas");

    /** Runs one multiplication. */
    void multiply();

    /** The result, row-major M×N, for cross-checking libraries against each other. */
    float[] result();

    /** Creates a library by name for a shape, on operands made from a fixed seed. */
    static SgemmLibrary create(String name, GemmShape shape, int threads) {
        float[] a = Matrix.random(shape.aRows(), shape.aCols(), 1).data();
        float[] b = Matrix.random(shape.bRows(), shape.bCols(), 2).data();
        return switch (name) {
            case "vecnn" -> new VecnnSgemm(shape, a, b, false);
            case "vecnn-scalar" -> new VecnnSgemm(shape, a, b, true);
            case "naive" -> new NaiveSgemm(shape, a, b);
            case "ejml" -> new EjmlSgemm(shape, a, b);
            case "ojalgo" -> new OjAlgoSgemm(shape, a, b);
            case "openblas" -> new OpenBlasSgemm(shape, a, b, threads);
            default -> throw new IllegalArgumentException("unknown library '" + name + "'; known: " + NAMES);
        };
    }
}
