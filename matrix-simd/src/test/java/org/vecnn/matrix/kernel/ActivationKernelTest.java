package org.vecnn.matrix.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.quicktheories.QuickTheory.qt;
import static org.vecnn.matrix.kernel.KernelData.EXAMPLES;
import static org.vecnn.matrix.kernel.KernelData.SEED;
import static org.vecnn.matrix.kernel.KernelData.assertWithin;
import static org.vecnn.matrix.kernel.KernelData.data;
import static org.vecnn.matrix.kernel.KernelData.shapes;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecnn.matrix.kernel.activation.Elu;
import org.vecnn.matrix.kernel.activation.Exponential;
import org.vecnn.matrix.kernel.activation.Gelu;
import org.vecnn.matrix.kernel.activation.HardSigmoid;
import org.vecnn.matrix.kernel.activation.LeakyRelu;
import org.vecnn.matrix.kernel.activation.Linear;
import org.vecnn.matrix.kernel.activation.Relu;
import org.vecnn.matrix.kernel.activation.Relu6;
import org.vecnn.matrix.kernel.activation.Selu;
import org.vecnn.matrix.kernel.activation.Sigmoid;
import org.vecnn.matrix.kernel.activation.Softmax;
import org.vecnn.matrix.kernel.activation.Softplus;
import org.vecnn.matrix.kernel.activation.Softsign;
import org.vecnn.matrix.kernel.activation.Swish;
import org.vecnn.matrix.kernel.activation.Tanh;
import org.vecnn.matrix.kernel.activation.ThresholdedRelu;
import org.vecnn.matrix.testkit.ActivationFormulas;
import org.vecnn.matrix.testkit.KernelSides;
import org.vecnn.matrix.testkit.Rounding;

/**
 * Every activation's kernel pair: the vector side bitwise equal to the plain loop (both evaluate the same
 * operations in the same order, {@code ScalarMath}'s transcendentals included), forward and backward, in
 * place and not; each pointwise activation and its derivative within
 * {@code (6 + cond(z))·u·scale(z) + (2 + |z|)·MIN_VALUE} of the double formula: a few roundings of the
 * result, the function's sensitivity ({@code cond}) to the roundings of its argument inside the kernel, and
 * a subnormal intermediate (half a MIN_VALUE off) times at most |z|; {@code scale} is the result's magnitude
 * or, for a derivative, the sum of its terms' magnitudes. Softmax, a row operation, has its own bounds.
 */
@Tag("kernels")
@Tag("portable")
class ActivationKernelTest {

    /**
     * An activation's references: the exact function of z, and the derivative from z and the float output a
     * (the kernels of relu, sigmoid and tanh read a); {@code forward} is null for softmax.
     */
    record Case(ActivationKernels kernels, float alpha, DoubleUnaryOperator forward, DoubleUnaryOperator cond,
                DoubleBinaryOperator derivative, DoubleBinaryOperator derivativeScale,
                DoubleUnaryOperator forwardScale) {
        /** A case whose forward pass is scaled by its result's magnitude. */
        Case(ActivationKernels kernels, float alpha, DoubleUnaryOperator forward, DoubleUnaryOperator cond,
             DoubleBinaryOperator derivative, DoubleBinaryOperator derivativeScale) {
            this(kernels, alpha, forward, cond, derivative, derivativeScale,
                    forward == null ? null : z -> Math.abs(forward.applyAsDouble(z)));
        }

        @Override
        public String toString() {
            return kernels + (kernels.takesAlpha() ? "(" + alpha + ")" : "");
        }
    }

    private static final DoubleUnaryOperator WELL_CONDITIONED = z -> 0;
    /**
     * GELU's: erfc's fit (2u), t and the 9-term Horner sum (about 8u), the two roundings of z·(1/√2) (the
     * constant's and the product's), each costing z²·u through erfc for negative z, and one more of z²/2·u in
     * the exponent −z²/2 + p.
     */
    private static final DoubleUnaryOperator GELU_COND = z -> 10 + 2.5 * z * z;

    private static final double SELU_ALPHA = 1.6732632423543772;
    private static final double SELU_SCALE = 1.0507009873554805;

    static final List<Case> CASES = List.of(
            new Case(Linear.KERNELS, 0f, z -> z, WELL_CONDITIONED, (z, a) -> 1, (z, a) -> 1),
            new Case(Relu.KERNELS, 0f, z -> Math.max(z, 0), WELL_CONDITIONED, (z, a) -> a > 0 ? 1 : 0, (z, a) -> 1),
            new Case(LeakyRelu.KERNELS, 0.2f, z -> z > 0 ? z : 0.2f * z, WELL_CONDITIONED,
                    (z, a) -> z > 0 ? 1 : 0.2f, (z, a) -> 1),
            new Case(Elu.KERNELS, 1.5f, z -> ActivationFormulas.elu(z, 1.5), WELL_CONDITIONED,
                    (z, a) -> z > 0 ? 1 : 1.5 * Math.exp(z), (z, a) -> z > 0 ? 1 : 1.5 * Math.exp(z)),
            new Case(Sigmoid.KERNELS, 0f, ActivationFormulas::sigmoid, WELL_CONDITIONED, (z, a) -> a * (1 - a),
                    (z, a) -> a * (1 + a)),
            new Case(Tanh.KERNELS, 0f, Math::tanh, WELL_CONDITIONED, (z, a) -> 1 - a * a, (z, a) -> 1 + a * a),
            new Case(Gelu.KERNELS, 0f, ActivationFormulas::gelu, GELU_COND,
                    (z, a) -> ActivationFormulas.geluDerivative(z),
                    (z, a) -> ActivationFormulas.normalCdf(z) + Math.abs(z) * Math.exp(-0.5 * z * z)),
            new Case(Swish.KERNELS, 0f, ActivationFormulas::swish, WELL_CONDITIONED,
                    (z, a) -> ActivationFormulas.sigmoid(z) * (1 + z * (1 - ActivationFormulas.sigmoid(z))),
                    (z, a) -> ActivationFormulas.sigmoid(z) * (1 + Math.abs(z) * (1 - ActivationFormulas.sigmoid(z)))),
            new Case(Softplus.KERNELS, 0f, ActivationFormulas::softplus, WELL_CONDITIONED,
                    (z, a) -> ActivationFormulas.sigmoid(z), (z, a) -> ActivationFormulas.sigmoid(z)),
            new Case(Selu.KERNELS, 0f, z -> SELU_SCALE * ActivationFormulas.elu(z, SELU_ALPHA), WELL_CONDITIONED,
                    (z, a) -> SELU_SCALE * (z > 0 ? 1 : SELU_ALPHA * Math.exp(z)),
                    (z, a) -> SELU_SCALE * (z > 0 ? 1 : SELU_ALPHA * Math.exp(z))),
            new Case(Softsign.KERNELS, 0f, z -> z / (1 + Math.abs(z)), WELL_CONDITIONED,
                    (z, a) -> 1 / ((1 + Math.abs(z)) * (1 + Math.abs(z))),
                    (z, a) -> 1 / ((1 + Math.abs(z)) * (1 + Math.abs(z)))),
            hardSigmoid(0.2f),
            hardSigmoid(1f / 6),
            new Case(Exponential.KERNELS, 0f, Math::exp, WELL_CONDITIONED, (z, a) -> a, (z, a) -> Math.abs(a)),
            new Case(Relu6.KERNELS, 0f, z -> Math.min(Math.max(z, 0), 6), WELL_CONDITIONED,
                    (z, a) -> z > 0 && z < 6 ? 1 : 0, (z, a) -> 1),
            new Case(ThresholdedRelu.KERNELS, 0.7f, z -> z > 0.7f ? z : 0, WELL_CONDITIONED,
                    (z, a) -> z > 0.7f ? 1 : 0, (z, a) -> 1),
            new Case(Softmax.KERNELS, 0f, null, null, null, null));

    /**
     * The hard sigmoid of this slope: the ramp's two roundings (the product and the sum) scale with its
     * terms, |α·z| + 0.5, not with the result, which can be near 0; its derivative is exact except on the
     * ramp's ends, which the float and double ramps can place on either side.
     */
    private static Case hardSigmoid(float slope) {
        DoubleUnaryOperator ramp = z -> (double) (slope * (float) z) + 0.5;
        return new Case(HardSigmoid.KERNELS, slope, z -> Math.min(Math.max(ramp.applyAsDouble(z), 0), 1),
                WELL_CONDITIONED, (z, a) -> a > 0 && a < 1 ? slope : 0, (z, a) -> slope,
                z -> Math.abs(slope * z) + 0.5);
    }

    static Stream<Arguments> sidesAndCases() {
        return KernelSides.all().stream().flatMap(side -> CASES.stream().map(c -> Arguments.of(side, c)));
    }

    static Stream<Arguments> sidesAndPointwiseCases() {
        return sidesAndCases().filter(arguments -> ((Case) arguments.get()[1]).forward() != null);
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("sidesAndCases")
    void eachSideGivesThePlainLoopsBits(Kernels kernels, Case c) {
        ActivationKernel side = kernels.activation(c.kernels());
        ActivationKernel loops = c.kernels().scalar();
        float alpha = c.alpha();
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(shapes(kernels)).checkAssert(s -> {
            int rows = s.rows();
            int cols = s.cols();
            int at = s.offset();
            float[] z = data(s, 1, -30, 30, true);
            float[] a = data(s, 2, -30, 30, false);
            float[] expected = data(s, 3, -30, 30, false);
            float[] actual = expected.clone();
            loops.forward(rows, cols, alpha, z, at, expected, at);
            side.forward(rows, cols, alpha, z, at, actual, at);
            assertArrayEquals(expected, actual, () -> c + " forward differs on " + s);
            float[] expectedInPlace = z.clone();
            float[] inPlace = z.clone();
            loops.forward(rows, cols, alpha, expectedInPlace, at, expectedInPlace, at);
            side.forward(rows, cols, alpha, inPlace, at, inPlace, at);
            assertArrayEquals(expectedInPlace, inPlace, () -> c + " forward in place differs on " + s);

            loops.forward(rows, cols, alpha, z, at, a, at);
            float[] gradA = data(s, 4, -3, 3, false);
            float[] gradZ = data(s, 5, -3, 3, false);
            float[] expectedGrad = gradZ.clone();
            loops.backward(rows, cols, alpha, z, at, a, at, gradA, at, expectedGrad, at);
            side.backward(rows, cols, alpha, z, at, a, at, gradA, at, gradZ, at);
            assertArrayEquals(expectedGrad, gradZ, () -> c + " backward differs on " + s);
            float[] expectedGradInPlace = gradA.clone();
            loops.backward(rows, cols, alpha, z, at, a, at, expectedGradInPlace, at, expectedGradInPlace, at);
            side.backward(rows, cols, alpha, z, at, a, at, gradA, at, gradA, at);
            assertArrayEquals(expectedGradInPlace, gradA, () -> c + " backward in place differs on " + s);
        });
    }

    /**
     * Fails unless each out[i] of [at, at + n) is within the bound of exact(i), with scale(i) and the case's
     * cond of z[i], and nothing else of out changed.
     */
    private static void within(Case c, String what, float[] z, float[] before, float[] out, int at, int n,
                               IntToDoubleFunction exact, IntToDoubleFunction scale) {
        float[] expectedSentinels = before.clone();
        for (int i = at; i < at + n; i++) {
            double expected = exact.applyAsDouble(i);
            double bound = (6 + c.cond().applyAsDouble(z[i])) * Rounding.U * scale.applyAsDouble(i)
                    + (2 + Math.abs(z[i])) * Float.MIN_VALUE;
            if (Math.abs(expected) > Float.MAX_VALUE) {
                // Beyond float's range the kernel overflows to the infinity of the result's sign.
                assertArrayEquals(new float[] {(float) expected}, new float[] {out[i]}, c + what + "(" + z[i] + ")");
            } else {
                assertWithin(expected, out[i], bound, c + what + "(" + z[i] + ")");
            }
            expectedSentinels[i] = out[i];
        }
        assertArrayEquals(expectedSentinels, out, () -> c + what + " wrote outside its range");
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("sidesAndPointwiseCases")
    void pointwiseActivationsAndDerivativesAreWithinTheirBoundsOfDouble(Kernels kernels, Case c) {
        ActivationKernel side = kernels.activation(c.kernels());
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(shapes(kernels)).checkAssert(s -> {
            int n = s.size();
            int at = s.offset();
            float[] z = data(s, 1, -30, 30, true);
            float[] a = data(s, 3, -30, 30, false);
            float[] before = a.clone();
            side.forward(1, n, c.alpha(), z, at, a, at);
            within(c, "", z, before, a, at, n, i -> c.forward().applyAsDouble(z[i]),
                    i -> c.forwardScale().applyAsDouble(z[i]));
            // With gradA = 1 the output is the derivative itself, from z and the float output a.
            float[] ones = new float[z.length];
            Arrays.fill(ones, 1f);
            float[] gradZ = data(s, 5, -3, 3, false);
            float[] gradBefore = gradZ.clone();
            side.backward(1, n, c.alpha(), z, at, a, at, ones, at, gradZ, at);
            within(c, "'", z, gradBefore, gradZ, at, n, i -> c.derivative().applyAsDouble(z[i], a[i]),
                    i -> Math.abs(c.derivativeScale().applyAsDouble(z[i], a[i])));
        });
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void reluPassesNaNOnAndItsDerivativeReadsTheOutput(Kernels kernels) {
        ActivationKernel relu = kernels.activation(Relu.KERNELS);
        float[] z = {-2f, -0f, 0f, 3f, Float.NaN, 5f, -7f, 1f, 2f};
        float[] out = new float[z.length];
        relu.forward(1, z.length, 0f, z, 0, out, 0);
        assertArrayEquals(new float[] {0f, 0f, 0f, 3f, Float.NaN, 5f, 0f, 1f, 2f}, out);
        relu.backward(1, z.length, 0f, z, 0, out, 0, z, 0, out, 0);
        assertArrayEquals(new float[] {0f, 0f, 0f, 3f, 0f, 5f, 0f, 1f, 2f}, out);
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("sidesAndCases")
    void noActivationTurnsAFiniteInputIntoNaN(Kernels kernels, Case c) {
        float[] finite = {-Float.MAX_VALUE, -1e30f, -100f, -1e-30f, 0f, 1e-30f, 100f, 1e30f, Float.MAX_VALUE};
        float[] values = new float[finite.length];
        kernels.activation(c.kernels()).forward(1, finite.length, c.alpha(), finite, 0, values, 0);
        for (float value : values) {
            assertFalse(Float.isNaN(value), () -> c + " gave NaN from finite input: " + Arrays.toString(values));
        }
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void sigmoidAndSoftmaxSaturateWithoutOverflow(Kernels kernels) {
        float[] extremes = {-Float.MAX_VALUE, -1e30f, -100f, 100f, 1e30f, Float.MAX_VALUE,
                Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        float[] out = new float[extremes.length];
        kernels.activation(Sigmoid.KERNELS).forward(1, extremes.length, 0f, extremes, 0, out, 0);
        assertArrayEquals(new float[] {0, 0, 0, 1, 1, 1, 0, 1}, out, 1e-30f);
        float[] softmax = new float[3];
        kernels.activation(Softmax.KERNELS).forward(1, 3, 0f, new float[] {1e30f, -1e30f, 1e30f}, 0, softmax, 0);
        assertArrayEquals(new float[] {0.5f, 0f, 0.5f}, softmax);
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void softmaxMatchesTheDoubleFormula(Kernels kernels) {
        ActivationKernel softmax = kernels.activation(Softmax.KERNELS);
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(shapes(kernels)).checkAssert(s -> {
            float[] x = data(s, 1, -50, 50, false);
            float[] out = new float[x.length];
            softmax.forward(s.rows(), s.cols(), 0f, x, s.offset(), out, s.offset());
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
        ActivationKernel softmax = kernels.activation(Softmax.KERNELS);
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(shapes(kernels)).checkAssert(s -> {
            float[] a = data(s, 1, 0, 1, false);
            float[] grad = data(s, 2, -5, 5, false);
            float[] out = new float[a.length];
            softmax.backward(s.rows(), s.cols(), 0f, null, 0, a, s.offset(), grad, s.offset(), out, s.offset());
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
}
