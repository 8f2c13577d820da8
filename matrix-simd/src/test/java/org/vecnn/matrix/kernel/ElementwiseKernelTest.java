package org.vecnn.matrix.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.vecnn.matrix.kernel.KernelData.EXAMPLES;
import static org.vecnn.matrix.kernel.KernelData.SEED;
import static org.vecnn.matrix.kernel.KernelData.data;
import static org.vecnn.matrix.kernel.KernelData.shapes;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecnn.matrix.kernel.KernelData.Shape;

/**
 * The element-wise and reduction kernels of each side, bitwise equal to the scalar loops (they perform the
 * same operations in the same order; max is exact in any order). Lengths include the edge sizes; arrays
 * carry offsets and sentinels. The activations' kernels are tested in ActivationKernelTest.
 */
@Tag("kernels")
@Tag("portable")
class ElementwiseKernelTest {

    private static final ScalarKernels SCALAR = ScalarKernels.INSTANCE;

    @FunctionalInterface
    private interface Op {
        void apply(Kernels kernels, Shape s, float[] x, float[] y, float[] out);
    }

    /** Runs an op on this side and on the scalar side over fresh copies and requires identical arrays. */
    private static void bitwiseLikeScalar(Kernels kernels, float lo, float hi, Op op) {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(shapes(kernels)).checkAssert(s -> {
            float[] x = data(s, 1, lo, hi, false);
            float[] y = data(s, 2, lo, hi, false);
            float[] out = data(s, 3, lo, hi, false);
            float[] x2 = x.clone();
            float[] y2 = y.clone();
            float[] out2 = out.clone();
            op.apply(kernels, s, x, y, out);
            op.apply(SCALAR, s, x2, y2, out2);
            assertArrayEquals(x2, x, () -> "x differs for " + s);
            assertArrayEquals(y2, y, () -> "y differs for " + s);
            assertArrayEquals(out2, out, () -> "out differs for " + s);
        });
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void exactKernelsEqualTheScalarLoopsBitwise(Kernels kernels) {
        bitwiseLikeScalar(kernels, -3, 3, (k, s, x, y, out) -> k.addRowToRows(s.rows(), s.cols(), y, s.offset(), x,
                s.offset()));
        bitwiseLikeScalar(kernels, -3, 3, (k, s, x, y, out) -> k.multiply(s.size(), x, s.offset(), y, s.offset(), out,
                s.offset()));
        bitwiseLikeScalar(kernels, -3, 3, (k, s, x, y, out) -> k.scale(s.size(), -0.37f, x, s.offset()));
        bitwiseLikeScalar(kernels, -3, 3, (k, s, x, y, out) -> k.axpy(s.size(), 1.7f, x, s.offset(), y, s.offset()));
        bitwiseLikeScalar(kernels, -3, 3, (k, s, x, y, out) -> k.columnSums(s.rows(), s.cols(), x, s.offset(), out,
                s.offset()));
        bitwiseLikeScalar(kernels, -1000, 1000, (k, s, x, y, out) -> {
            if (s.size() > 0) {
                out[s.offset()] = k.sum(s.size(), x, s.offset());
                out[s.offset() + 1] = k.max(s.size(), x, s.offset());
            }
        });
        bitwiseLikeScalar(kernels, -3, 3, (k, s, x, y, out) -> k.scaleShiftRows(s.rows(), s.cols(), y, s.offset(), out,
                s.offset(), x, s.offset(), x, s.offset()));
        bitwiseLikeScalar(kernels, -3, 3, (k, s, x, y, out) -> {
            int bad = s.size() == 0 ? 0 : (int) Math.floorMod(s.seed(), (long) s.size() + 1);
            if (bad < s.size()) {
                x[s.offset() + bad] = s.seed() % 2 == 0 ? Float.NaN : Float.NEGATIVE_INFINITY;
            }
            out[s.offset()] = k.firstNonFinite(s.size(), x, s.offset());
        });
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void firstNonFiniteFindsTheFirstBadValue(Kernels kernels) {
        float[] x = new float[40];
        assertArrayEquals(new int[] {-1}, new int[] {kernels.firstNonFinite(x.length, x, 0)});
        x[37] = Float.POSITIVE_INFINITY;
        x[23] = Float.NaN;
        assertArrayEquals(new int[] {22, -1, 14}, new int[] {kernels.firstNonFinite(39, x, 1),
                kernels.firstNonFinite(20, x, 0), kernels.firstNonFinite(30, x, 23 - 14)});
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void exactKernelsMatchTheirFormulas(Kernels kernels) {
        float[] matrix = {1, 2, 3, 4, 5, 6};
        float[] sums = new float[3];
        kernels.columnSums(2, 3, matrix, 0, sums, 0);
        assertArrayEquals(new float[] {5, 7, 9}, sums);
        kernels.addRowToRows(2, 3, new float[] {10, 20, 30}, 0, matrix, 0);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, matrix);
    }
}
