package org.vecnn.matrix.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;
import org.vecnn.matrix.GemmCases;
import org.vecnn.matrix.testkit.ActivationFormulas;
import org.vecnn.matrix.testkit.KernelSides;
import org.vecnn.matrix.testkit.Rounding;

/**
 * The element-wise and reduction kernels of each side: bitwise equal to the scalar loops where the
 * operations are the same, within an ulp or γ bound of the double-precision formula where they are not
 * (transcendentals, reordered sums). Lengths include the edge sizes; arrays carry offsets and sentinels.
 */
@Tag("kernels")
@Tag("portable")
class ElementwiseKernelTest {

    private static final long SEED = Long.getLong("vecnn.test.seed", 0x5eed_2026L);
    private static final float SENTINEL = -98765.4f;
    private static final int EXAMPLES = 120;
    private static final ScalarKernels SCALAR = ScalarKernels.INSTANCE;

    /** Values that exercise the extremes of the activations. */
    private static final float[] SPECIAL = {0f, -0f, 1e-30f, -1e-30f, 1e-7f, 20f, -20f, 88.7f, -88.7f, 89f, -89f,
            104f, -104f, 1e30f, -1e30f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE};

    /** A test shape: rows x cols at an offset, with data from a seed. */
    record Shape(int rows, int cols, int offset, long seed) {
        int size() {
            return rows * cols;
        }

        /** Room for a whole matrix, one row, or one value per row. */
        int body() {
            return Math.max(size(), Math.max(rows, cols));
        }
    }

    private static Gen<Shape> shapes(Kernels kernels) {
        Gen<Integer> cols = GemmCases.dimension(
                KernelSides.edgeSizes(kernels.lanes()).stream().filter(size -> size <= 300).toList(), 300);
        return integers().between(0, 5).zip(cols, integers().between(0, 9), longs().all(), Shape::new);
    }

    /** Sentinel-padded data: offset sentinels, then body() values in [lo, hi) with some specials, then more. */
    private static float[] data(Shape shape, long salt, float lo, float hi, boolean specials) {
        SplittableRandom random = new SplittableRandom(shape.seed() + salt);
        float[] data = new float[shape.offset() + shape.body() + 5];
        Arrays.fill(data, SENTINEL);
        for (int i = 0; i < shape.body(); i++) {
            data[shape.offset() + i] = specials && random.nextInt(8) == 0
                    ? SPECIAL[random.nextInt(SPECIAL.length)]
                    : (float) (lo + (hi - lo) * random.nextDouble());
        }
        return data;
    }

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
        bitwiseLikeScalar(kernels, -3, 3, (k, s, x, y, out) -> {
            if (s.cols() > 0) {
                k.rowMax(s.rows(), s.cols(), x, s.offset(), out, s.offset());
            }
        });
        bitwiseLikeScalar(kernels, -3, 3, (k, s, x, y, out) -> k.relu(s.size(), x, s.offset(), out, s.offset()));
        bitwiseLikeScalar(kernels, -3, 3, (k, s, x, y, out) -> k.relu(s.size(), x, s.offset(), x, s.offset()));
        bitwiseLikeScalar(kernels, -3, 3, (k, s, x, y, out) -> k.reluBackward(s.size(), x, s.offset(), y, s.offset(),
                out, s.offset()));
        bitwiseLikeScalar(kernels, 0, 1, (k, s, x, y, out) -> k.sigmoidBackward(s.size(), x, s.offset(), y, s.offset(),
                out, s.offset()));
        bitwiseLikeScalar(kernels, -1, 1, (k, s, x, y, out) -> k.tanhBackward(s.size(), x, s.offset(), y, s.offset(),
                out, s.offset()));
        // The transcendental kernels too: both sides evaluate ScalarMath's functions operation for operation.
        bitwiseLikeScalar(kernels, -30, 30, (k, s, x, y, out) -> k.sigmoid(s.size(), x, s.offset(), out, s.offset()));
        bitwiseLikeScalar(kernels, -30, 30, (k, s, x, y, out) -> k.tanh(s.size(), x, s.offset(), out, s.offset()));
        bitwiseLikeScalar(kernels, -30, 30, (k, s, x, y, out) -> k.elu(s.size(), 0.7f, x, s.offset(), out, s.offset()));
        bitwiseLikeScalar(kernels, -30, 30, (k, s, x, y, out) -> k.gelu(s.size(), x, s.offset(), out, s.offset()));
        bitwiseLikeScalar(kernels, -30, 30, (k, s, x, y, out) -> k.swish(s.size(), x, s.offset(), out, s.offset()));
        bitwiseLikeScalar(kernels, -30, 30, (k, s, x, y, out) -> k.softplus(s.size(), x, s.offset(), out, s.offset()));
        bitwiseLikeScalar(kernels, -30, 30, (k, s, x, y, out) -> k.eluBackward(s.size(), 0.7f, x, s.offset(), y,
                s.offset(), out, s.offset()));
        bitwiseLikeScalar(kernels, -30, 30, (k, s, x, y, out) -> k.geluBackward(s.size(), x, s.offset(), y, s.offset(),
                out, s.offset()));
        bitwiseLikeScalar(kernels, -30, 30, (k, s, x, y, out) -> k.swishBackward(s.size(), x, s.offset(), y,
                s.offset(), out, s.offset()));
        bitwiseLikeScalar(kernels, -30, 30, (k, s, x, y, out) -> k.softplusBackward(s.size(), x, s.offset(), y,
                s.offset(), out, s.offset()));
        bitwiseLikeScalar(kernels, -3, 3, (k, s, x, y, out) -> k.leakyRelu(s.size(), 0.2f, x, s.offset(), out,
                s.offset()));
        bitwiseLikeScalar(kernels, -3, 3, (k, s, x, y, out) -> k.leakyReluBackward(s.size(), 0.3f, x, s.offset(), y,
                s.offset(), out, s.offset()));
        bitwiseLikeScalar(kernels, -3, 3, (k, s, x, y, out) -> k.leakyReluBackward(s.size(), 0.3f, x, s.offset(), y,
                s.offset(), y, s.offset()));
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

    /** A kernel of one input and one output, as the activations are. */
    @FunctionalInterface
    private interface Unary {
        void apply(Kernels kernels, int n, float[] x, int xOffset, float[] out, int outOffset);
    }

    /**
     * Each output within {@code (6 + cond(x))·u·scale(x) + (2 + |x|)·MIN_VALUE} of the double formula: a few
     * roundings of the result, the function's sensitivity to the roundings of its argument inside the kernel,
     * and a subnormal intermediate (half a MIN_VALUE off) multiplied by at most |x|.
     */
    private static void unaryWithin(Kernels kernels, String name, float lo, float hi, Unary op,
                                    DoubleUnaryOperator exact, DoubleUnaryOperator scale, DoubleUnaryOperator cond) {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(shapes(kernels)).checkAssert(s -> {
            float[] x = data(s, 1, lo, hi, true);
            float[] out = data(s, 3, lo, hi, false);
            float[] expectedSentinels = out.clone();
            op.apply(kernels, s.size(), x, s.offset(), out, s.offset());
            for (int i = s.offset(); i < s.offset() + s.size(); i++) {
                double bound = (6 + cond.applyAsDouble(x[i])) * Rounding.U * scale.applyAsDouble(x[i])
                        + (2 + Math.abs(x[i])) * Float.MIN_VALUE;
                assertWithin(exact.applyAsDouble(x[i]), out[i], bound, name + "(" + x[i] + ") on " + s);
                expectedSentinels[i] = out[i];
            }
            assertArrayEquals(expectedSentinels, out, () -> name + " wrote outside its range on " + s);
        });
    }

    private static void unaryWithin(Kernels kernels, String name, Unary op, DoubleUnaryOperator exact,
                                    DoubleUnaryOperator cond) {
        unaryWithin(kernels, name, -30, 30, op, exact, x -> Math.abs(exact.applyAsDouble(x)), cond);
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void smoothActivationsAreWithinAFewUlpsOfDouble(Kernels kernels) {
        unaryWithin(kernels, "elu", (k, n, x, xo, out, oo) -> k.elu(n, 1.5f, x, xo, out, oo),
                x -> ActivationFormulas.elu(x, 1.5), x -> 0);
        // erfc's fit (2u), t and the 9-term Horner sum (about 8u) come on top. The argument x·(1/√2) carries
        // two roundings (the constant's and the product's), each costing x²·u through erfc for negative x,
        // and the exponent −x²/2 + p one more of x²/2·u.
        unaryWithin(kernels, "gelu", (Unary) Kernels::gelu, ActivationFormulas::gelu, x -> 10 + 2.5 * x * x);
        unaryWithin(kernels, "swish", (Unary) Kernels::swish, ActivationFormulas::swish, x -> 0);
        unaryWithin(kernels, "softplus", (Unary) Kernels::softplus, ActivationFormulas::softplus, x -> 0);
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void activationDerivativesMatchTheirClosedForms(Kernels kernels) {
        // grad = 1 everywhere, so out is the derivative itself; scale is the sum of the terms' magnitudes.
        unaryWithin(kernels, "elu'", -30, 30, (k, n, x, xo, out, oo) -> k.eluBackward(n, 1.5f, x, xo, ones(x), 0, out,
                oo),
                x -> x > 0 ? 1 : 1.5 * Math.exp(x), x -> x > 0 ? 1 : 1.5 * Math.exp(x), x -> 0);
        unaryWithin(kernels, "gelu'", -30, 30, (k, n, x, xo, out, oo) -> k.geluBackward(n, x, xo, ones(x), 0, out, oo),
                ActivationFormulas::geluDerivative,
                x -> ActivationFormulas.normalCdf(x) + Math.abs(x) * Math.exp(-0.5 * x * x), x -> 10 + 2.5 * x * x);
        unaryWithin(kernels, "swish'", -30, 30, (k, n, x, xo, out, oo) -> k.swishBackward(n, x, xo, ones(x), 0, out,
                oo),
                x -> ActivationFormulas.sigmoid(x) * (1 + x * (1 - ActivationFormulas.sigmoid(x))),
                x -> ActivationFormulas.sigmoid(x) * (1 + Math.abs(x) * (1 - ActivationFormulas.sigmoid(x))), x -> 0);
        unaryWithin(kernels, "softplus'", -30, 30, (k, n, x, xo, out, oo) -> k.softplusBackward(n, x, xo, ones(x), 0,
                out, oo),
                ActivationFormulas::sigmoid, ActivationFormulas::sigmoid, x -> 0);
    }

    private static float[] ones(float[] like) {
        float[] ones = new float[like.length];
        Arrays.fill(ones, 1f);
        return ones;
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void exactKernelsMatchTheirFormulas(Kernels kernels) {
        float[] x = {-2f, -0f, 0f, 3f, Float.NaN, 5f, -7f, 1f, 2f};
        float[] out = new float[x.length];
        kernels.relu(x.length, x, 0, out, 0);
        assertArrayEquals(new float[] {0f, 0f, 0f, 3f, Float.NaN, 5f, 0f, 1f, 2f}, out);
        kernels.reluBackward(x.length, out, 0, x, 0, out, 0);
        assertArrayEquals(new float[] {0f, 0f, 0f, 3f, 0f, 5f, 0f, 1f, 2f}, out);
        float[] matrix = {1, 2, 3, 4, 5, 6};
        float[] sums = new float[3];
        kernels.columnSums(2, 3, matrix, 0, sums, 0);
        assertArrayEquals(new float[] {5, 7, 9}, sums);
        float[] maxes = new float[2];
        kernels.rowMax(2, 3, new float[] {1, Float.NaN, 3, -4, -5, -6}, 0, maxes, 0);
        assertArrayEquals(new float[] {Float.NaN, -4}, maxes);
        kernels.addRowToRows(2, 3, new float[] {10, 20, 30}, 0, matrix, 0);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, matrix);
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void rowSumsAreWithinTheGammaBound(Kernels kernels) {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(shapes(kernels)).checkAssert(s -> {
            float[] x = data(s, 1, -1000, 1000, false);
            float[] out = new float[s.rows() + 2];
            kernels.rowSums(s.rows(), s.cols(), x, s.offset(), out, 1);
            for (int r = 0; r < s.rows(); r++) {
                double sum = 0;
                double magnitude = 0;
                for (int j = 0; j < s.cols(); j++) {
                    double v = x[s.offset() + r * s.cols() + j];
                    sum += v;
                    magnitude += Math.abs(v);
                }
                double bound = Rounding.gamma(Math.max(0, s.cols() - 1)) * magnitude;
                assertWithin(sum, out[1 + r], bound, "row sum " + r + " of " + s);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void sigmoidAndTanhAreWithinFourUlpsOfDouble(Kernels kernels) {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(shapes(kernels)).checkAssert(s -> {
            float[] x = data(s, 1, -30, 30, true);
            float[] out = new float[x.length];
            kernels.sigmoid(s.size(), x, s.offset(), out, s.offset());
            for (int i = s.offset(); i < s.offset() + s.size(); i++) {
                double exact = 1 / (1 + Math.exp(-(double) x[i]));
                assertWithin(exact, out[i], 4 * Math.ulp((float) exact), "sigmoid(" + x[i] + ")");
            }
            kernels.tanh(s.size(), x, s.offset(), out, s.offset());
            for (int i = s.offset(); i < s.offset() + s.size(); i++) {
                double exact = Math.tanh(x[i]);
                assertWithin(exact, out[i], 4 * Math.ulp((float) exact), "tanh(" + x[i] + ")");
            }
        });
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void softmaxMatchesTheDoubleFormula(Kernels kernels) {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(shapes(kernels)).checkAssert(s -> {
            float[] x = data(s, 1, -50, 50, false);
            float[] out = new float[x.length];
            kernels.softmaxRows(s.rows(), s.cols(), x, s.offset(), out, s.offset());
            for (int r = 0; r < s.rows(); r++) {
                int row = s.offset() + r * s.cols();
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < s.cols(); j++) {
                    max = Math.max(max, x[row + j]);
                }
                double total = 0;
                for (int j = 0; j < s.cols(); j++) {
                    total += Math.exp(x[row + j] - max);
                }
                for (int j = 0; j < s.cols(); j++) {
                    double exact = Math.exp(x[row + j] - max) / total;
                    // exp within 2 ulp of its float argument, whose rounding costs |x - max|·u; the sum γ(n).
                    double bound = exact * ((8 + Math.abs(x[row + j] - max)) * Rounding.U
                            + Rounding.gamma(s.cols())) + Float.MIN_VALUE;
                    assertWithin(exact, out[row + j], bound, "softmax row " + r + " col " + j + " of " + s);
                }
            }
        });
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void softmaxBackwardMatchesTheJacobianProduct(Kernels kernels) {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(shapes(kernels)).checkAssert(s -> {
            float[] a = data(s, 1, 0, 1, false);
            float[] grad = data(s, 2, -5, 5, false);
            float[] out = new float[a.length];
            kernels.softmaxRowsBackward(s.rows(), s.cols(), a, s.offset(), grad, s.offset(), out, s.offset());
            for (int r = 0; r < s.rows(); r++) {
                int row = s.offset() + r * s.cols();
                double dot = 0;
                double magnitude = 0;
                for (int j = 0; j < s.cols(); j++) {
                    dot += (double) a[row + j] * grad[row + j];
                    magnitude += Math.abs((double) a[row + j] * grad[row + j]);
                }
                for (int j = 0; j < s.cols(); j++) {
                    double exact = a[row + j] * (grad[row + j] - dot);
                    double bound = Math.abs(a[row + j]) * Rounding.gamma(s.cols() + 2L)
                            * (Math.abs(grad[row + j]) + magnitude) + Float.MIN_VALUE;
                    assertWithin(exact, out[row + j], bound, "softmax backward row " + r + " col " + j + " of " + s);
                }
            }
        });
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void sigmoidNeverOverflowsToNaN(Kernels kernels) {
        float[] extremes = {-Float.MAX_VALUE, -1e30f, -100f, 100f, 1e30f, Float.MAX_VALUE,
                Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        float[] out = new float[extremes.length];
        kernels.sigmoid(extremes.length, extremes, 0, out, 0);
        assertArrayEquals(new float[] {0, 0, 0, 1, 1, 1, 0, 1}, out, 1e-30f);
        for (Unary activation : new Unary[] {(k, n, x, xo, o, oo) -> k.elu(n, 1f, x, xo, o, oo), Kernels::gelu,
                Kernels::swish, Kernels::softplus, (k, n, x, xo, o, oo) -> k.leakyRelu(n, 0.2f, x, xo, o, oo)}) {
            float[] finite = {-Float.MAX_VALUE, -1e30f, -100f, -1e-30f, 0f, 1e-30f, 100f, 1e30f, Float.MAX_VALUE};
            float[] values = new float[finite.length];
            activation.apply(kernels, finite.length, finite, 0, values, 0);
            for (float value : values) {
                assertFalse(Float.isNaN(value), () -> "NaN from finite input: " + Arrays.toString(values));
            }
        }
        float[] softmax = new float[3];
        kernels.softmaxRows(1, 3, new float[] {1e30f, -1e30f, 1e30f}, 0, softmax, 0);
        assertArrayEquals(new float[] {0.5f, 0f, 0.5f}, softmax);
    }

    private static void assertWithin(double exact, float actual, double bound, String what) {
        double error = Math.abs(actual - exact);
        if (!(error <= bound)) {
            fail(what + ": got " + actual + ", expected " + exact + " within " + bound + " (error " + error + ")");
        }
    }
}
