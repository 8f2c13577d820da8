package org.vecnn.train.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecnn.nn.Activation;

/**
 * Every loss, on logits and on probabilities: its value against an independent double-precision formula,
 * and its gradient against central differences of that formula (DESIGN.md section 5:
 * {@code |g − g_num| ≤ 1e-5 + 1e-3·|g_num|}), with and without sample weights.
 */
class LossTest {

    private static final double H = 1e-6;

    /** A double-precision reference: Σ_i w_i·loss_i of the values v. */
    @FunctionalInterface
    interface Reference {
        double total(double[] v, float[] targets, float[] weights, int rows, int outputs);
    }

    /** A loss configuration under test, how to read its values, and its reference formula. */
    record Case(String label, Loss loss, boolean logits, int outputs, Reference reference) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("mse", Loss.MEAN_SQUARED_ERROR, false, 3, perElement((v, y) -> (v - y) * (v - y))),
                new Case("mae", Loss.MEAN_ABSOLUTE_ERROR, false, 3, perElement((v, y) -> Math.abs(v - y))),
                new Case("huber(0.5)", Loss.huber(0.5f), false, 3, perElement((v, y) -> {
                    double a = Math.abs(v - y);
                    return a <= 0.5 ? 0.5 * a * a : 0.5 * (a - 0.25);
                })),
                new Case("bce on logits", Loss.BINARY_CROSSENTROPY, true, 2, perElement((z, y) -> {
                    double p = 1 / (1 + Math.exp(-z));
                    return -y * Math.log(p) - (1 - y) * Math.log(1 - p);
                })),
                new Case("bce on probabilities", Loss.BINARY_CROSSENTROPY, false, 2,
                        perElement((p, y) -> -y * Math.log(p) - (1 - y) * Math.log(1 - p))),
                new Case("bce from_logits, smoothing 0.1", Loss.binaryCrossentropy(true, 0.1f), true, 2,
                        perElement((z, y) -> {
                            double t = y * 0.9 + 0.05;
                            double p = 1 / (1 + Math.exp(-z));
                            return -t * Math.log(p) - (1 - t) * Math.log(1 - p);
                        })),
                new Case("cce on logits", Loss.CATEGORICAL_CROSSENTROPY, true, 4, categorical(true, 0)),
                new Case("cce on probabilities", Loss.CATEGORICAL_CROSSENTROPY, false, 4, categorical(false, 0)),
                new Case("cce smoothing 0.2", Loss.categoricalCrossentropy(true, 0.2f), true, 4, categorical(true,
                        0.2)),
                new Case("sparse cce on logits", Loss.SPARSE_CATEGORICAL_CROSSENTROPY, true, 5, sparse(true)),
                new Case("sparse cce on probabilities", Loss.SPARSE_CATEGORICAL_CROSSENTROPY, false, 5, sparse(false)));
    }

    @FunctionalInterface
    interface Element {
        double loss(double v, double y);
    }

    /** Σ_i w_i · mean_j f(v_ij, y_ij). */
    private static Reference perElement(Element f) {
        return (v, targets, weights, rows, outputs) -> {
            double total = 0;
            for (int r = 0; r < rows; r++) {
                double mean = 0;
                for (int j = 0; j < outputs; j++) {
                    mean += f.loss(v[r * outputs + j], targets[r * outputs + j]) / outputs;
                }
                total += weight(weights, r) * mean;
            }
            return total;
        };
    }

    /** −Σ_j y_j·log q_j with q the softmax of v (logits) or v normalised (probabilities). */
    private static Reference categorical(boolean logits, double smoothing) {
        return (v, targets, weights, rows, outputs) -> {
            double total = 0;
            for (int r = 0; r < rows; r++) {
                double[] q = distribution(v, r * outputs, outputs, logits);
                double loss = 0;
                for (int j = 0; j < outputs; j++) {
                    double y = targets[r * outputs + j] * (1 - smoothing) + smoothing / outputs;
                    loss -= y * Math.log(q[j]);
                }
                total += weight(weights, r) * loss;
            }
            return total;
        };
    }

    private static Reference sparse(boolean logits) {
        return (v, targets, weights, rows, outputs) -> {
            double total = 0;
            for (int r = 0; r < rows; r++) {
                total -= weight(weights, r) * Math.log(distribution(v, r * outputs, outputs, logits)[(int) targets[r]]);
            }
            return total;
        };
    }

    private static double[] distribution(double[] v, int offset, int n, boolean logits) {
        double[] q = new double[n];
        double sum = 0;
        for (int j = 0; j < n; j++) {
            q[j] = logits ? Math.exp(v[offset + j]) : v[offset + j];
            sum += q[j];
        }
        for (int j = 0; j < n; j++) {
            q[j] /= sum;
        }
        return q;
    }

    private static double weight(float[] weights, int r) {
        return weights == null ? 1 : weights[r];
    }

    @Test
    void everyBuiltInLossHasACase() {
        for (String name : LossRegistry.BUILT_IN) {
            String loss = Loss.of(name).name();
            assertTrue(cases().anyMatch(c -> c.loss().name().equals(loss)), "no case for the loss " + name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valueAndGradientMatchTheDoubleFormula(Case c) {
        SplittableRandom random = new SplittableRandom(c.label().hashCode());
        int rows = 6;
        int outputs = c.outputs();
        for (boolean weighted : new boolean[] {false, true}) {
            float[] values = new float[rows * outputs];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (c.logits() ? random.nextDouble(-5, 5) : random.nextDouble(0.05, 0.95));
            }
            float[] targets = targets(c, random, rows, outputs, values);
            c.loss().checkTargets(rows, outputs, targets);
            float[] weights = weighted ? new float[rows] : null;
            for (int r = 0; weighted && r < rows; r++) {
                weights[r] = (float) random.nextDouble(0.1, 3);
            }
            float[] gradient = new float[values.length];
            double total = c.loss().evaluate(0, rows, outputs, values, c.logits(), targets, weights, gradient);
            // Rows in two ranges, as a trainer's chunks take them: the same gradient bits, the same sum.
            float[] chunked = new float[values.length];
            double chunkedTotal = c.loss().evaluate(4, rows, outputs, values, c.logits(), targets, weights, chunked)
                    + c.loss().evaluate(0, 4, outputs, values, c.logits(), targets, weights, chunked);
            assertArrayEquals(gradient, chunked, c + " gradient by chunks");
            assertEquals(total, chunkedTotal, 1e-12 * (1 + Math.abs(total)), c + " value by chunks");
            double[] v = new double[values.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = values[i];
            }
            double expected = c.reference().total(v, targets, weights, rows, outputs);
            assertEquals(expected, total, 1e-9 * (1 + Math.abs(expected)), c + " value");
            for (int i = 0; i < v.length; i++) {
                double saved = v[i];
                v[i] = saved + H;
                double plus = c.reference().total(v, targets, weights, rows, outputs);
                v[i] = saved - H;
                double minus = c.reference().total(v, targets, weights, rows, outputs);
                v[i] = saved;
                double numeric = (plus - minus) / (2 * H);
                if (!(Math.abs(gradient[i] - numeric) <= 1e-5 + 1e-3 * Math.abs(numeric))) {
                    fail(c + (weighted ? " weighted" : "") + " gradient[" + i + "]: analytic " + gradient[i]
                            + ", numeric "
                            + numeric);
                }
            }
        }
    }

    /** Valid targets for the case; regression targets keep |v − y| clear of MAE's kink. */
    private static float[] targets(Case c, SplittableRandom random, int rows, int outputs, float[] values) {
        Loss loss = c.loss();
        if (loss.targetWidth(outputs) == 1) {
            float[] classes = new float[rows];
            for (int r = 0; r < rows; r++) {
                classes[r] = random.nextInt(outputs);
            }
            return classes;
        }
        float[] targets = new float[rows * outputs];
        for (int i = 0; i < targets.length; i++) {
            if (loss instanceof RegressionLoss) {
                targets[i] = values[i] + (float) ((random.nextBoolean() ? 1 : -1) * random.nextDouble(0.01, 2));
            } else if (loss instanceof CategoricalCrossentropy) {
                targets[i] = i % outputs == (i / outputs) % outputs ? 1 : 0;
            } else {
                targets[i] = random.nextInt(3) == 0 ? (float) random.nextDouble() : random.nextInt(2);
            }
        }
        return targets;
    }

    @Test
    void anUntrainedSigmoidClassifierStartsNearLn2() {
        float[] logits = new float[8];
        float[] labels = {0, 1, 1, 0, 1, 0, 0, 1};
        double mean = Loss.BINARY_CROSSENTROPY.evaluate(0, 8, 1, logits, true, labels, null, new float[8]) / 8;
        assertEquals(Math.log(2), mean, 1e-12);
    }

    @Test
    void hugeLogitsGiveFiniteLossesAndGradients() {
        float[] logits = {1e4f, -1e4f, 3e38f, -3e38f};
        for (Loss loss : List.of(Loss.BINARY_CROSSENTROPY, Loss.CATEGORICAL_CROSSENTROPY)) {
            float[] gradient = new float[4];
            float[] targets = loss == Loss.BINARY_CROSSENTROPY ? new float[] {0, 1, 0, 1} : new float[] {0, 1, 0, 0};
            double value = loss.evaluate(0, loss == Loss.BINARY_CROSSENTROPY ? 4 : 1, loss == Loss.BINARY_CROSSENTROPY
                    ? 1 : 4,
                    logits, true, targets, null, gradient);
            assertTrue(Double.isFinite(value), loss + " " + value);
            for (float g : gradient) {
                assertTrue(Float.isFinite(g), loss + " gradient " + g);
            }
        }
    }

    @Test
    void badTargetsAreNamed() {
        IllegalArgumentException bce = assertThrows(IllegalArgumentException.class,
                () -> Loss.BINARY_CROSSENTROPY.checkTargets(2, 1, new float[] {1, 2}));
        assertEquals("binary_crossentropy targets must be in [0, 1]: row 1, column 0 is 2.0", bce.getMessage());
        IllegalArgumentException sparse = assertThrows(IllegalArgumentException.class,
                () -> Loss.SPARSE_CATEGORICAL_CROSSENTROPY.checkTargets(3, 4, new float[] {0, 3, 4}));
        assertEquals("sparse_categorical_crossentropy targets must be class indices from 0 to 3: row 2 is 4.0",
                sparse.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Loss.SPARSE_CATEGORICAL_CROSSENTROPY.checkTargets(1, 4, new float[] {1.5f}));
        assertThrows(IllegalArgumentException.class, () -> Loss.MEAN_SQUARED_ERROR.checkTargets(1, 1,
                new float[] {Float.NaN}));
        assertThrows(IllegalArgumentException.class, () -> Loss.huber(0));
        assertThrows(IllegalArgumentException.class, () -> Loss.binaryCrossentropy(false, 1.5f));
    }

    @Test
    void lossesAreFoundByKerasNameAndKnowWhatTheyFuseWith() {
        assertSame(Loss.MEAN_SQUARED_ERROR, Loss.of("mse"));
        assertSame(Loss.BINARY_CROSSENTROPY, Loss.of("binary_crossentropy"));
        assertEquals(Loss.huber(1f), Loss.of("huber"));
        assertEquals(Activation.SIGMOID, Loss.BINARY_CROSSENTROPY.fusedActivation());
        assertEquals(Activation.SOFTMAX, Loss.SPARSE_CATEGORICAL_CROSSENTROPY.fusedActivation());
        assertEquals(1, Loss.SPARSE_CATEGORICAL_CROSSENTROPY.targetWidth(10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Loss.of("hinge"));
        assertEquals("unknown loss 'hinge'; known: mean_squared_error, mse, mean_absolute_error, mae, huber,"
                + " binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy", e.getMessage());
    }
}
