package org.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecnn.matrix.Matrix;

/**
 * Backpropagation through each layer and activation against central differences in double (DESIGN.md
 * section 5: {@code |g − g_num| ≤ 1e-5 + 1e-3·|g_num|}, h = 1e-6): with L = Σ G ⊙ out for a random upstream
 * gradient G, the kernel, bias and input gradients of Dense; the input gradients of Normalization and Dropout.
 */
class LayerGradientTest {

    private static final double H = 1e-6;
    private static final int ROWS = 3;
    private static final int INPUTS = 5;
    private static final int UNITS = 4;
    /** The rows are passed through in two bands, [0, SPLIT) and [SPLIT, ROWS), as training's chunks are. */
    private static final int SPLIT = 1;

    static Stream<Activation> activations() {
        List<Activation> all = new ArrayList<>();
        for (ActivationTest.Pointwise p : ActivationTest.pointwise()) {
            all.add(p.activation());
        }
        all.add(Activation.SOFTMAX);
        return all.stream();
    }

    /** g applied to one row of pre-activations, in double. */
    private static double[] activate(Activation g, double[] z) {
        double[] a = new double[z.length];
        if (g.equals(Activation.SOFTMAX)) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int j = 0; j < z.length; j++) {
                a[j] = Math.exp(z[j] - max);
                sum += a[j];
            }
            for (int j = 0; j < z.length; j++) {
                a[j] /= sum;
            }
            return a;
        }
        DoubleUnaryOperator formula = ActivationTest.pointwise().stream().filter(p -> p.activation().equals(g))
                .findFirst().orElseThrow().formula();
        for (int j = 0; j < z.length; j++) {
            a[j] = formula.applyAsDouble(z[j]);
        }
        return a;
    }

    /** L = Σ G ⊙ g(X·W + b) in double, or Σ G ⊙ (X·W + b) when the gradient is taken before g. */
    private static double loss(Activation g, boolean preActivation, double[] w, double[] b, double[] x,
            float[] upstream) {
        double total = 0;
        for (int r = 0; r < ROWS; r++) {
            double[] z = new double[UNITS];
            for (int j = 0; j < UNITS; j++) {
                z[j] = b[j];
                for (int i = 0; i < INPUTS; i++) {
                    z[j] += x[r * INPUTS + i] * w[i * UNITS + j];
                }
            }
            double[] a = preActivation ? z : activate(g, z);
            for (int j = 0; j < UNITS; j++) {
                total += upstream[r * UNITS + j] * a[j];
            }
        }
        return total;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void denseGradientsMatchCentralDifferences(Activation g) {
        check(g, false);
    }

    @Test
    void fusedOutputsTakeTheGradientBeforeTheActivation() {
        check(Activation.SIGMOID, true);
        check(Activation.SOFTMAX, true);
    }

    private static void check(Activation g, boolean preActivation) {
        Dense dense = new Dense(UNITS, g).biasInitializer(Initializer.GLOROT_UNIFORM);
        new Sequential(dense).build(INPUTS, 11L);
        Parameters params = dense.current();
        SplittableRandom random = new SplittableRandom(g.name().hashCode());
        float[] x = new float[ROWS * INPUTS];
        float[] upstream = new float[ROWS * UNITS];
        float[] out = new float[ROWS * UNITS];
        float[] cache = new float[dense.cacheSize(ROWS)];
        float[] gradOut = new float[ROWS * UNITS];
        float[] gradIn = new float[x.length];
        do {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextDouble(-2, 2);
            }
            dense.forwardTraining(Passes.rows(dense, x, out, gradOut, gradIn, cache, 0, SPLIT, random, preActivation),
                    params);
            dense.forwardTraining(Passes.rows(dense, x, out, gradOut, gradIn, cache, SPLIT, ROWS, random,
                    preActivation), params);
        } while (nearAKink(cache));
        for (int i = 0; i < upstream.length; i++) {
            upstream[i] = (float) random.nextDouble(-1, 1);
        }
        System.arraycopy(upstream, 0, gradOut, 0, upstream.length);
        Parameters gradients = params.trainableZeros();
        dense.backward(Passes.rows(dense, x, out, gradOut, gradIn, cache, SPLIT, ROWS, null, preActivation), params);
        dense.backward(Passes.rows(dense, x, out, gradOut, gradIn, cache, 0, SPLIT, null, preActivation), params);
        int band = 2;
        BatchRows batch = Passes.rows(dense, x, out, gradOut, gradIn, cache, 0, ROWS, null, preActivation);
        for (int from = 0; from < dense.gradientRows(); from += band) {
            dense.gradients(batch, params, gradients, from, Math.min(dense.gradientRows(), from + band));
        }

        double[] w = toDouble(params.array(0));
        double[] b = toDouble(params.array(1));
        double[] xd = toDouble(x);
        String what = g.name() + (preActivation ? " (fused)" : "");
        compare(what + " dW", gradients.array(0), w, () -> loss(g, preActivation, w, b, xd, upstream));
        compare(what + " db", gradients.array(1), b, () -> loss(g, preActivation, w, b, xd, upstream));
        compare(what + " dX", gradIn, xd, () -> loss(g, preActivation, w, b, xd, upstream));
    }

    /** Central differences of the loss in each element of {@code variable} against the analytic gradient. */
    private static void compare(String what, float[] analytic, double[] variable, DoubleSupplier loss) {
        for (int i = 0; i < variable.length; i++) {
            double saved = variable[i];
            variable[i] = saved + H;
            double plus = loss.getAsDouble();
            variable[i] = saved - H;
            double minus = loss.getAsDouble();
            variable[i] = saved;
            double numeric = (plus - minus) / (2 * H);
            if (!(Math.abs(analytic[i] - numeric) <= 1e-5 + 1e-3 * Math.abs(numeric))) {
                fail(what + "[" + i + "]: analytic " + analytic[i] + ", numeric " + numeric);
            }
        }
    }

    /** ReLU, leaky ReLU and ELU have kinks at 0, where the difference quotient is meaningless. */
    private static boolean nearAKink(float[] z) {
        for (float v : z) {
            if (Math.abs(v) < 1e-4) {
                return true;
            }
        }
        return false;
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    @Test
    void normalizationPassesTheGradientThroughItsScale() {
        Normalization norm = new Normalization().adapt(Matrix.of(new float[][] {{1, 10}, {3, 30}, {2, 5}}));
        new Sequential(norm).build(1L);
        float[] gradOut = {1, 2, -1, 0.5f};
        float[] gradIn = new float[4];
        norm.backward(Passes.rows(norm, new float[4], new float[4], gradOut, gradIn, new float[0], 0, 2, null, false),
                norm.current());
        float[] scale = norm.current().array(2);
        assertArrayEquals(new float[] {scale[0], 2 * scale[1], -scale[0], 0.5f * scale[1]}, gradIn);
    }

    @Test
    void dropoutScalesKeptValuesAndRoutesTheGradientThroughTheSameMask() {
        Dropout dropout = new Dropout(0.25f);
        new Sequential(dropout).build(1000, 1L);
        float[] in = new float[1000];
        Arrays.fill(in, 3f);
        float[] out = new float[1000];
        float[] mask = new float[1000];
        dropout.forwardTraining(Passes.rows(dropout, in, out, new float[1000], null, mask, 0, 1,
                new SplittableRandom(7), false), Parameters.none());
        int dropped = 0;
        for (int i = 0; i < 1000; i++) {
            if (out[i] == 0f) {
                dropped++;
            } else {
                assertArrayEquals(new float[] {4f}, new float[] {out[i]}, 1e-6f);
            }
        }
        if (dropped < 200 || dropped > 300) {
            fail("dropped " + dropped + " of 1000 at rate 0.25");
        }
        float[] gradIn = new float[1000];
        float[] ones = new float[1000];
        Arrays.fill(ones, 1f);
        dropout.backward(Passes.rows(dropout, in, out, ones, gradIn, mask, 0, 1, null, false), Parameters.none());
        assertArrayEquals(mask, gradIn);
    }
}
