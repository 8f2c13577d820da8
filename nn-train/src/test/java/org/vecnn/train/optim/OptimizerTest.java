package org.vecnn.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each optimiser against a double-precision implementation of its published update rule, written here
 * independently, over 100 steps of the same gradients; then clipping and the schedules.
 */
class OptimizerTest {

    private static final int STEPS = 100;
    private static final int[] SIZES = {7, 1, 33};

    /** One parameter element's double-precision state and update, as the papers and Keras's docs state it. */
    @FunctionalInterface
    interface Reference {
        /** Updates w (state[0]) with gradient g at step t (from 1); state[1], state[2] are the moments. */
        void step(double[] state, double g, long t);
    }

    record Case(String label, Optimizer optimizer, double initialSecond, Reference reference) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("sgd", Optimizer.sgd(), 0, (s, g, t) -> s[0] -= 0.01 * g),
                new Case("sgd momentum", Optimizer.sgd(0.05, 0.9, false), 0, (s, g, t) -> {
                    s[1] = 0.9 * s[1] - 0.05 * g;
                    s[0] += s[1];
                }),
                new Case("sgd nesterov", Optimizer.sgd(0.05, 0.9, true), 0, (s, g, t) -> {
                    s[1] = 0.9 * s[1] - 0.05 * g;
                    s[0] += 0.9 * s[1] - 0.05 * g;
                }),
                new Case("rmsprop", Optimizer.rmsprop(), 0, (s, g, t) -> {
                    s[2] = 0.9 * s[2] + 0.1 * g * g;
                    s[0] -= 0.001 * g / Math.sqrt(s[2] + 1e-7);
                }),
                new Case("adagrad", Optimizer.adagrad(0.05), 0.1, (s, g, t) -> {
                    s[2] += g * g;
                    s[0] -= 0.05 * g / Math.sqrt(s[2] + 1e-7);
                }),
                new Case("adam", Optimizer.adam(0.01), 0, (s, g, t) -> adam(s, g, t, 0.01)),
                new Case("adamw", Optimizer.adamW(0.01, 0.004), 0, (s, g, t) -> {
                    s[0] -= 0.01 * 0.004 * s[0];
                    adam(s, g, t, 0.01);
                }));
    }

    /** Kingma and Ba's Adam with Keras's ε outside the root of the uncorrected v. */
    private static void adam(double[] s, double g, long t, double lr) {
        s[1] = 0.9 * s[1] + 0.1 * g;
        s[2] = 0.999 * s[2] + 0.001 * g * g;
        double rate = lr * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
        s[0] -= rate * s[1] / (Math.sqrt(s[2]) + 1e-7);
    }

    @Test
    void everyRegisteredOptimizerHasACase() {
        for (String name : OptimizerRegistry.OPTIMIZERS.names()) {
            String optimizer = Optimizer.of(name).name();
            assertTrue(cases().anyMatch(c -> c.optimizer().name().equals(optimizer)), "no case for " + name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hundredStepsMatchTheDoublePrecisionRule(Case c) {
        SplittableRandom random = new SplittableRandom(c.label().hashCode());
        float[][] params = new float[SIZES.length][];
        double[][][] reference = new double[SIZES.length][][];
        for (int p = 0; p < SIZES.length; p++) {
            params[p] = new float[SIZES[p]];
            reference[p] = new double[SIZES[p]][];
            for (int i = 0; i < SIZES[p]; i++) {
                params[p][i] = (float) random.nextDouble(-1, 1);
                reference[p][i] = new double[] {params[p][i], 0, c.initialSecond()};
            }
        }
        float[][] grads = new float[SIZES.length][];
        for (int p = 0; p < SIZES.length; p++) {
            grads[p] = new float[SIZES[p]];
        }
        for (long t = 1; t <= STEPS; t++) {
            for (int p = 0; p < SIZES.length; p++) {
                for (int i = 0; i < SIZES[p]; i++) {
                    // A pull towards 0.3 plus noise, so that every rule sees varied signs and sizes.
                    grads[p][i] = (float) (2 * (params[p][i] - 0.3) + random.nextDouble(-1, 1));
                    c.reference().step(reference[p][i], grads[p][i], t);
                }
            }
            c.optimizer().step(params, grads);
        }
        assertEquals(STEPS, c.optimizer().steps());
        for (int p = 0; p < SIZES.length; p++) {
            for (int i = 0; i < SIZES[p]; i++) {
                double expected = reference[p][i][0];
                // Each float step rounds a few times: 100 steps stay within 1e-5 of the double trajectory.
                if (!(Math.abs(params[p][i] - expected) <= 1e-5 * (1 + Math.abs(expected)))) {
                    fail(c + " parameter " + p + "[" + i + "]: " + params[p][i] + " vs double " + expected);
                }
            }
        }
    }

    /**
     * A step taken in bands (as a parallel trainer takes it: random bands, in random order) moves every
     * parameter to the same bits as a whole step, with clipping by value, and by value then norm.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bandedStepsEqualWholeSteps(Case c) {
        for (boolean byNorm : new boolean[] {false, true}) {
            Optimizer whole = clipping(c.optimizer(), byNorm);
            Optimizer banded = clipping(c.optimizer(), byNorm);
            SplittableRandom random = new SplittableRandom(c.label().hashCode() + (byNorm ? 1 : 0));
            float[][] wholeParams = randomArrays(random, 1);
            float[][] bandedParams = copy(wholeParams);
            for (int t = 0; t < 20; t++) {
                float[][] wholeGrads = randomArrays(random, 2);
                float[][] bandedGrads = copy(wholeGrads);
                whole.step(wholeParams, wholeGrads);
                banded.beginStep(bandedParams, bandedGrads);
                for (int p = 0; p < SIZES.length; p++) {
                    if (banded.clipsWholeArrays()) {
                        banded.clipArray(p);
                    }
                }
                for (int p = SIZES.length - 1; p >= 0; p--) {
                    int cut = random.nextInt(SIZES[p] + 1);
                    banded.update(p, cut, SIZES[p]);
                    banded.update(p, 0, cut);
                }
                banded.endStep();
            }
            for (int p = 0; p < SIZES.length; p++) {
                assertArrayEquals(wholeParams[p], bandedParams[p], c + (byNorm ? " clip by norm" : "") + " parameter "
                        + p);
            }
        }
    }

    /** A fresh copy of this optimiser clipping by value 0.8, and then by norm 2 if asked. */
    private static Optimizer clipping(Optimizer optimizer, boolean byNorm) {
        Optimizer byValue = optimizer.withClipValue(0.8);
        return byNorm ? byValue.withClipNorm(2) : byValue;
    }

    /** Arrays of {@link #SIZES} with values drawn from [−bound, bound). */
    private static float[][] randomArrays(SplittableRandom random, double bound) {
        float[][] arrays = new float[SIZES.length][];
        for (int p = 0; p < SIZES.length; p++) {
            arrays[p] = new float[SIZES[p]];
            for (int i = 0; i < SIZES[p]; i++) {
                arrays[p][i] = (float) random.nextDouble(-bound, bound);
            }
        }
        return arrays;
    }

    private static float[][] copy(float[][] arrays) {
        float[][] copy = new float[arrays.length][];
        for (int p = 0; p < arrays.length; p++) {
            copy[p] = arrays[p].clone();
        }
        return copy;
    }

    @Test
    void clippingByValueThenByNorm() {
        float[][] w = {{0, 0, 0}};
        float[][] g = {{3, -4, 0.5f}};
        Optimizer.sgd(1, 0, false).withClipValue(1).step(w, g);
        assertArrayEquals(new float[] {1, -1, 0.5f}, g[0]);
        assertArrayEquals(new float[] {-1, 1, -0.5f}, w[0]);
        float[][] g2 = {{3, -4}};
        Optimizer.sgd(1, 0, false).withClipNorm(1).step(new float[][] {{0, 0}}, g2);
        assertArrayEquals(new float[] {0.6f, -0.8f}, g2[0], 1e-6f);
    }

    @Test
    void schedulesFollowKerasFormulas() {
        LearningRateSchedule exponential = LearningRateSchedule.exponentialDecay(0.1, 10, 0.5, false);
        assertEquals(0.1, exponential.at(0), 1e-15);
        assertEquals(0.05, exponential.at(10), 1e-15);
        assertEquals(0.1 * Math.pow(0.5, 0.5), exponential.at(5), 1e-15);
        assertEquals(0.1, LearningRateSchedule.exponentialDecay(0.1, 10, 0.5, true).at(9), 1e-15);
        LearningRateSchedule step = LearningRateSchedule.step(new long[] {10, 20}, new double[] {1, 0.5, 0.1});
        assertEquals(1, step.at(10));
        assertEquals(0.5, step.at(11));
        assertEquals(0.1, step.at(21));
        LearningRateSchedule cosine = LearningRateSchedule.cosine(1, 100, 0.1);
        assertEquals(1, cosine.at(0), 1e-15);
        assertEquals(0.55, cosine.at(50), 1e-12);
        assertEquals(0.1, cosine.at(500), 1e-15);
        Optimizer sgd = Optimizer.sgd().withSchedule(step);
        float[][] w = {{0}};
        for (int i = 0; i < 11; i++) {
            sgd.step(w, new float[][] {{1}});
        }
        assertEquals(0.5, sgd.learningRate());
    }

    @Test
    void badHyperParametersAreNamed() {
        assertEquals("momentum must be in [0.0, 1.0), got 1.5",
                assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(0.1, 1.5, false)).getMessage());
        assertEquals("learning rate must be positive and finite, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> Optimizer.adam(-1)).getMessage());
        assertEquals("unknown optimizer 'lbfgs'; known: sgd, rmsprop, adagrad, adam, adamw",
                assertThrows(IllegalArgumentException.class, () -> Optimizer.of("lbfgs")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(new long[] {5}, new double[] {1}));
        assertEquals("adam", Optimizer.of("Adam").name());
    }
}
