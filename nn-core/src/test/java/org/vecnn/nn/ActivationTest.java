package org.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.matrix.kernel.ScalarKernels;
import org.vecnn.matrix.testkit.ActivationFormulas;
import org.vecnn.matrix.testkit.KernelSides;
import org.vecnn.matrix.testkit.Rounding;

/**
 * Every activation, on every kernel side: the forward pass within a few ulp of its double-precision formula
 * over ranges with extremes, the backward pass against central differences of that formula in double, no
 * NaN for any finite input, and the name registry.
 */
class ActivationTest {

    private static final long SEED = 0xAC71_2026L;
    private static final double H = 1e-6;
    private static final double SELU_ALPHA = 1.6732632423543772;
    private static final double SELU_SCALE = 1.0507009873554805;

    /** An element-wise activation, its double formula, and the condition number of the kernel's roundings. */
    record Pointwise(Activation activation, DoubleUnaryOperator formula, DoubleUnaryOperator cond,
                     DoubleUnaryOperator scale) {
        /** An activation whose roundings scale with its result's magnitude. */
        Pointwise(Activation activation, DoubleUnaryOperator formula, DoubleUnaryOperator cond) {
            this(activation, formula, cond, x -> Math.abs(formula.applyAsDouble(x)));
        }

        @Override
        public String toString() {
            return activation.name() + (activation.alpha() != 0f ? "(" + activation.alpha() + ")" : "");
        }
    }

    static List<Pointwise> pointwise() {
        return List.of(
                new Pointwise(Activation.LINEAR, x -> x, x -> 0),
                new Pointwise(Activation.RELU, x -> Math.max(x, 0), x -> 0),
                new Pointwise(Activation.leakyRelu(0.1f), x -> x > 0 ? x : 0.1f * x, x -> 0),
                new Pointwise(Activation.LEAKY_RELU, x -> x > 0 ? x : 0.2f * x, x -> 0),
                new Pointwise(Activation.ELU, x -> ActivationFormulas.elu(x, 1), x -> 0),
                new Pointwise(Activation.elu(0.5f), x -> ActivationFormulas.elu(x, 0.5), x -> 0),
                new Pointwise(Activation.SIGMOID, ActivationFormulas::sigmoid, x -> 0),
                new Pointwise(Activation.TANH, Math::tanh, x -> 0),
                // See ActivationKernelTest: the erfc fit and the rounded arguments inside GELU.
                new Pointwise(Activation.GELU, ActivationFormulas::gelu, x -> 10 + 2.5 * x * x),
                new Pointwise(Activation.SWISH, ActivationFormulas::swish, x -> 0),
                new Pointwise(Activation.SOFTPLUS, ActivationFormulas::softplus, x -> 0),
                new Pointwise(Activation.of("selu"), x -> SELU_SCALE * ActivationFormulas.elu(x, SELU_ALPHA), x -> 0),
                new Pointwise(Activation.of("softsign"), x -> x / (1 + Math.abs(x)), x -> 0),
                // The ramp's two roundings scale with its terms, not with a result near 0.
                new Pointwise(Activation.of("hard_sigmoid"), x -> Math.min(Math.max(x / 6 + 0.5, 0), 1), x -> 0,
                        x -> Math.abs(x / 6) + 0.5),
                new Pointwise(Activation.of("hard_sigmoid", 0.2f), x -> Math.min(Math.max(0.2f * x + 0.5, 0), 1),
                        x -> 0, x -> Math.abs(0.2 * x) + 0.5),
                new Pointwise(Activation.of("exponential"), Math::exp, x -> 0),
                new Pointwise(Activation.of("relu6"), x -> Math.min(Math.max(x, 0), 6), x -> 0),
                new Pointwise(Activation.of("thresholded_relu"), x -> x > 1 ? x : 0, x -> 0),
                new Pointwise(Activation.of("thresholded_relu", 0.7f), x -> x > 0.7f ? x : 0, x -> 0));
    }

    static Stream<Arguments> pointwiseOnEachSide() {
        List<Arguments> cases = new ArrayList<>();
        for (Kernels side : KernelSides.all()) {
            for (Pointwise p : pointwise()) {
                cases.add(Arguments.of(side, p));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> everyActivationOnEachSide() {
        List<Arguments> cases = new ArrayList<>();
        for (Kernels side : KernelSides.all()) {
            for (Pointwise p : pointwise()) {
                cases.add(Arguments.of(side, p.activation()));
            }
            cases.add(Arguments.of(side, Activation.SOFTMAX));
        }
        return cases.stream();
    }

    /** Values over [−40, 40] and the extremes of float, in a 3 x 37 batch (37: not a multiple of any lane count). */
    private static float[] inputs(long seed) {
        float[] extremes = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, -1e-30f, 88f, -88f, 100f, -100f,
                1e30f, -1e30f, Float.MAX_VALUE, -Float.MAX_VALUE};
        SplittableRandom random = new SplittableRandom(seed);
        float[] z = new float[3 * 37];
        for (int i = 0; i < z.length; i++) {
            z[i] = i < extremes.length ? extremes[i] : (float) random.nextDouble(-40, 40);
        }
        return z;
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("pointwiseOnEachSide")
    void forwardIsWithinAFewUlpsOfTheDoubleFormula(Kernels kernels, Pointwise p) {
        for (long seed = 0; seed < 20; seed++) {
            float[] z = inputs(SEED + seed);
            float[] a = new float[z.length];
            ((BuiltInActivation) p.activation()).forward(kernels, 3, 37, z, 0, a, 0);
            for (int i = 0; i < z.length; i++) {
                double exact = p.formula().applyAsDouble(z[i]);
                if (Double.isInfinite(exact) || Math.abs(exact) > Float.MAX_VALUE) {
                    assertTrue(Math.abs(a[i]) >= Float.MAX_VALUE / 2, p + "(" + z[i] + ") = " + a[i]);
                    continue;
                }
                double bound = (6 + p.cond().applyAsDouble(z[i])) * Rounding.U * p.scale().applyAsDouble(z[i])
                        + (2 + Math.abs(z[i])) * Float.MIN_VALUE;
                if (!(Math.abs(a[i] - exact) <= bound)) {
                    fail(p + "(" + z[i] + ") = " + a[i] + ", expected " + exact + " within " + bound);
                }
            }
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("everyActivationOnEachSide")
    void finiteInputsNeverGiveNaN(Kernels kernels, Activation activation) {
        float[] z = inputs(SEED);
        float[] a = new float[z.length];
        ((BuiltInActivation) activation).forward(kernels, 3, 37, z, 0, a, 0);
        float[] gradZ = new float[z.length];
        float[] ones = new float[z.length];
        Arrays.fill(ones, 1f);
        ((BuiltInActivation) activation).backward(kernels, 3, 37, z, 0, a, 0, ones, 0, gradZ, 0);
        for (int i = 0; i < z.length; i++) {
            assertFalse(Float.isNaN(a[i]), activation + "(" + z[i] + ") is NaN");
            assertFalse(Float.isNaN(gradZ[i]), activation + "'(" + z[i] + ") is NaN");
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("pointwiseOnEachSide")
    void backwardMatchesCentralDifferencesInDouble(Kernels kernels, Pointwise p) {
        SplittableRandom random = new SplittableRandom(SEED);
        int n = 301;
        float[] z = new float[n];
        float[] gradA = new float[n];
        for (int i = 0; i < n; i++) {
            do {
                z[i] = (float) random.nextDouble(-8, 8);
            } while (Math.abs(z[i]) < 1e-5);  // the kinks of relu, leaky_relu and elu
            gradA[i] = (float) random.nextDouble(-2, 2);
        }
        float[] a = new float[n];
        float[] gradZ = new float[n];
        ((BuiltInActivation) p.activation()).forward(kernels, 1, n, z, 0, a, 0);
        ((BuiltInActivation) p.activation()).backward(kernels, 1, n, z, 0, a, 0, gradA, 0, gradZ, 0);
        for (int i = 0; i < n; i++) {
            double slope = (p.formula().applyAsDouble(z[i] + H) - p.formula().applyAsDouble(z[i] - H)) / (2 * H);
            assertGradient(gradA[i] * slope, gradZ[i], p + "'(" + z[i] + ")");
        }
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void softmaxBackwardMatchesCentralDifferencesInDouble(Kernels kernels) {
        SplittableRandom random = new SplittableRandom(SEED);
        int rows = 4;
        int cols = 11;
        float[] z = new float[rows * cols];
        float[] gradA = new float[rows * cols];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextDouble(-5, 5);
            gradA[i] = (float) random.nextDouble(-2, 2);
        }
        float[] a = new float[z.length];
        float[] gradZ = new float[z.length];
        ((BuiltInActivation) Activation.SOFTMAX).forward(kernels, rows, cols, z, 0, a, 0);
        ((BuiltInActivation) Activation.SOFTMAX).backward(kernels, rows, cols, z, 0, a, 0, gradA, 0, gradZ, 0);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                double[] row = new double[cols];
                for (int c = 0; c < cols; c++) {
                    row[c] = z[r * cols + c];
                }
                row[j] += H;
                double plus = weightedSoftmax(row, gradA, r * cols);
                row[j] -= 2 * H;
                double minus = weightedSoftmax(row, gradA, r * cols);
                assertGradient((plus - minus) / (2 * H), gradZ[r * cols + j], "softmax row " + r + " col " + j);
            }
        }
    }

    /** Σ_j w_j·softmax(z)_j in double. */
    private static double weightedSoftmax(double[] z, float[] weights, int offset) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double total = 0;
        double weighted = 0;
        for (int j = 0; j < z.length; j++) {
            double e = Math.exp(z[j] - max);
            total += e;
            weighted += weights[offset + j] * e;
        }
        return weighted / total;
    }

    /** DESIGN.md section 5: |g − g_num| ≤ 1e-5 + 1e-3·|g_num|. */
    private static void assertGradient(double numeric, float analytic, String what) {
        if (!(Math.abs(analytic - numeric) <= 1e-5 + 1e-3 * Math.abs(numeric))) {
            fail(what + ": analytic " + analytic + ", numeric " + numeric);
        }
    }

    /** Every registered built-in activation, a user's activation added later included in no list here. */
    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void everyBuiltInActivationGivesThePlainLoopsBitsOnEachSide(Kernels kernels) {
        float[] gradA = inputs(SEED + 1);
        for (String name : ActivationRegistry.BUILT_IN) {
            BuiltInActivation activation = (BuiltInActivation) Activation.of(name);
            for (int cols : new int[] {1, 7, 15, 16, 17, 33, 37}) {
                int rows = 111 / cols;
                float[] z = inputs(SEED + cols);
                float[][] outputs = new float[2][];
                float[][] gradients = new float[2][];
                Kernels[] sides = {ScalarKernels.INSTANCE, kernels};
                for (int s = 0; s < 2; s++) {
                    outputs[s] = new float[z.length];
                    gradients[s] = new float[z.length];
                    activation.forward(sides[s], rows, cols, z, 0, outputs[s], 0);
                    activation.backward(sides[s], rows, cols, z, 0, outputs[0], 0, gradA, 0, gradients[s], 0);
                }
                assertArrayEquals(outputs[0], outputs[1], name + " forward, " + rows + " x " + cols);
                assertArrayEquals(gradients[0], gradients[1], name + " backward, " + rows + " x " + cols);
            }
        }
    }

    @Test
    void softmaxIsStableForHugeLogits() {
        float[] z = {1e30f, -1e30f, 1e30f, Float.MAX_VALUE, 0f, -Float.MAX_VALUE};
        float[] a = new float[z.length];
        Activation.SOFTMAX.forward(2, 3, z, 0, a, 0);
        assertEquals(List.of(0.5f, 0f, 0.5f, 1f, 0f, 0f), List.of(a[0], a[1], a[2], a[3], a[4], a[5]));
    }

    @Test
    void activationsAreFoundByKerasName() {
        assertSame(Activation.RELU, Activation.of("relu"));
        assertSame(Activation.SWISH, Activation.of("silu"));
        assertSame(Activation.SIGMOID, Activation.of(" Sigmoid "));
        assertEquals(Activation.leakyRelu(0.1f), Activation.of("leaky_relu", 0.1f));
        assertEquals(0.2f, Activation.of("leaky_relu").alpha());
        assertEquals(1f, Activation.of("elu").alpha());
        for (Pointwise p : pointwise()) {
            assertEquals(p.activation(), Activation.of(p.activation().name(), p.activation().alpha()));
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Activation.of("mish"));
        assertEquals("unknown activation 'mish'; known: linear, relu, sigmoid, tanh, softmax, leaky_relu, elu, gelu,"
                + " swish, silu, softplus, selu, softsign, hard_sigmoid, exponential, relu6, thresholded_relu",
                unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Activation.of("relu", 0.5f));
        assertThrows(IllegalArgumentException.class, () -> Activation.leakyRelu(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> Activation.elu(-1f));
    }
}
