package org.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.kernel.KernelProvider;
import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.matrix.testkit.ActivationFormulas;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Normalization;
import org.vecnn.nn.Sequential;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/**
 * Whole-model gradients, every hidden activation × every loss with its output activation: what
 * {@link Trainer#gradients} backpropagates (fused logits included) against central differences of the
 * model and loss evaluated in double (DESIGN.md section 5 bounds).
 */
class ModelGradientTest {

    private static final Kernels KERNELS = KernelProvider.kernels();
    private static final double H = 1e-6;
    private static final int ROWS = 4;
    private static final int INPUTS = 3;
    /** Wide enough for training to split the first layer by input features ({@link InputSplit}). */
    private static final int WIDE_INPUTS = 300;
    private static final int HIDDEN = 5;

    /** A loss with the output layer it is used with. */
    record Head(String label, Loss loss, Activation output, int outputs) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Arguments> cases() {
        List<Head> heads = List.of(
                new Head("bce+sigmoid", Loss.BINARY_CROSSENTROPY, Activation.SIGMOID, 2),
                new Head("bce from logits", Loss.binaryCrossentropy(true, 0.1f), Activation.LINEAR, 1),
                new Head("cce+softmax", Loss.CATEGORICAL_CROSSENTROPY, Activation.SOFTMAX, 3),
                new Head("sparse+softmax", Loss.SPARSE_CATEGORICAL_CROSSENTROPY, Activation.SOFTMAX, 3),
                new Head("mse", Loss.MEAN_SQUARED_ERROR, Activation.LINEAR, 2),
                new Head("mae", Loss.MEAN_ABSOLUTE_ERROR, Activation.LINEAR, 2),
                new Head("huber", Loss.huber(0.5f), Activation.TANH, 2));
        List<Activation> hidden = List.of(Activation.LINEAR, Activation.RELU, Activation.SIGMOID, Activation.TANH,
                Activation.SOFTMAX, Activation.LEAKY_RELU, Activation.ELU, Activation.GELU, Activation.SWISH,
                Activation.SOFTPLUS);
        List<Arguments> all = new ArrayList<>();
        for (Activation g : hidden) {
            for (Head head : heads) {
                all.add(Arguments.of(g.name(), head, INPUTS));
            }
        }
        for (Activation g : List.of(Activation.RELU, Activation.TANH, Activation.SOFTMAX)) {
            for (Head head : heads) {
                all.add(Arguments.of(g.name(), head, WIDE_INPUTS));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} hidden, {1}, {2} inputs")
    @MethodSource("cases")
    void backpropagationMatchesCentralDifferencesOfTheWholeModel(String hiddenName, Head head, int inputs) {
        Activation hidden = Activation.of(hiddenName);
        SplittableRandom random = new SplittableRandom((hiddenName + head.label()).hashCode());
        Sequential model = new Sequential(new Dense(HIDDEN, hidden), new Dense(head.outputs(), head.output()))
                .build(inputs, random.nextLong());
        Matrix x = Matrix.random(ROWS, inputs, random.nextLong());
        Matrix y = targets(head, random);
        List<Matrix> analytic = new Trainer(model, head.loss(), Optimizer.sgd()).gradients(x, y);
        List<Matrix> weights = model.getWeights();
        double[][] w = new double[weights.size()][];
        for (int i = 0; i < w.length; i++) {
            w[i] = new double[weights.get(i).data().length];
            for (int j = 0; j < w[i].length; j++) {
                w[i][j] = weights.get(i).data()[j];
            }
        }
        if (nearAKink(hidden, w, x)) {
            return;
        }
        for (int p = 0; p < w.length; p++) {
            for (int j = 0; j < w[p].length; j++) {
                double saved = w[p][j];
                w[p][j] = saved + H;
                double plus = loss(hidden, head, w, x, y);
                w[p][j] = saved - H;
                double minus = loss(hidden, head, w, x, y);
                w[p][j] = saved;
                double numeric = (plus - minus) / (2 * H);
                float g = analytic.get(p).data()[j];
                if (!(Math.abs(g - numeric) <= 1e-5 + 1e-3 * Math.abs(numeric))) {
                    fail(hiddenName + " hidden, " + head + ": gradient " + p + "[" + j + "] analytic " + g
                            + ", numeric "
                            + numeric);
                }
            }
        }
    }

    /**
     * A Normalization before a wide first layer: training normalises each part's feature columns itself, and
     * the gradients are those of the same Dense layers on the normalised input, bit for bit.
     */
    @Test
    void aNormalisedWideInputGivesTheGradientsOfItsNormalisedValues() {
        Matrix x = Matrix.random(ROWS, WIDE_INPUTS, 5);
        Matrix y = Matrix.random(ROWS, 2, 6);
        Normalization normalization = new Normalization().adapt(Matrix.random(50, WIDE_INPUTS, 7));
        Sequential normalised = new Sequential(normalization, new Dense(HIDDEN, "tanh"), new Dense(2)).build(8);
        Sequential plain = new Sequential(new Dense(HIDDEN, "tanh"), new Dense(2)).build(WIDE_INPUTS, 9);
        plain.setWeights(normalised.getWeights().subList(2, 6));
        Matrix normalisedX = new Sequential(new Normalization().adapt(Matrix.random(50, WIDE_INPUTS, 7))).build(1)
                .predict(x);
        List<Matrix> expected = new Trainer(plain, Loss.MEAN_SQUARED_ERROR, Optimizer.sgd()).gradients(normalisedX, y);
        assertEquals(expected, new Trainer(normalised, Loss.MEAN_SQUARED_ERROR, Optimizer.sgd()).gradients(x, y));
    }

    private static Matrix targets(Head head, SplittableRandom random) {
        Loss loss = head.loss();
        if (loss.targetWidth(head.outputs()) == 1 && head.outputs() > 1) {
            Matrix classes = Matrix.zeros(ROWS, 1);
            for (int r = 0; r < ROWS; r++) {
                classes.set(r, 0, random.nextInt(head.outputs()));
            }
            return classes;
        }
        Matrix y = Matrix.zeros(ROWS, head.outputs());
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < head.outputs(); j++) {
                float value = switch (loss.name()) {
                    case "categorical_crossentropy" -> j == r % head.outputs() ? 1 : 0;
                    case "binary_crossentropy" -> random.nextInt(2);
                    default -> (float) random.nextDouble(-1.5, 1.5);
                };
                y.set(r, j, value);
            }
        }
        return y;
    }

    /** Mean loss of the two-layer model in double. */
    private static double loss(Activation hidden, Head head, double[][] w, Matrix x, Matrix y) {
        double total = 0;
        for (int r = 0; r < ROWS; r++) {
            double[] in = new double[x.cols()];
            for (int i = 0; i < in.length; i++) {
                in[i] = x.get(r, i);
            }
            double[] h = activate(hidden, dense(in, w[0], w[1], HIDDEN));
            double[] z = dense(h, w[2], w[3], head.outputs());
            total += sampleLoss(head, z, y, r);
        }
        return total / ROWS;
    }

    private static double[] dense(double[] in, double[] kernel, double[] bias, int units) {
        double[] z = new double[units];
        for (int j = 0; j < units; j++) {
            z[j] = bias[j];
            for (int i = 0; i < in.length; i++) {
                z[j] += in[i] * kernel[i * units + j];
            }
        }
        return z;
    }

    private static double[] activate(Activation g, double[] z) {
        double[] a = new double[z.length];
        if (g.equals(Activation.SOFTMAX)) {
            double sum = 0;
            for (int j = 0; j < z.length; j++) {
                a[j] = Math.exp(z[j]);
                sum += a[j];
            }
            for (int j = 0; j < z.length; j++) {
                a[j] /= sum;
            }
            return a;
        }
        for (int j = 0; j < z.length; j++) {
            double v = z[j];
            a[j] = switch (g.name()) {
                case "linear" -> v;
                case "relu" -> Math.max(v, 0);
                case "leaky_relu" -> v > 0 ? v : g.alpha() * v;
                case "elu" -> ActivationFormulas.elu(v, g.alpha());
                case "sigmoid" -> ActivationFormulas.sigmoid(v);
                case "tanh" -> Math.tanh(v);
                case "gelu" -> ActivationFormulas.gelu(v);
                case "swish" -> ActivationFormulas.swish(v);
                case "softplus" -> ActivationFormulas.softplus(v);
                default -> throw new IllegalArgumentException(g.name());
            };
        }
        return a;
    }

    /** One sample's loss from the output layer's pre-activations z, in double, by the textbook formulas. */
    private static double sampleLoss(Head head, double[] z, Matrix y, int r) {
        double[] a = activate(head.output(), z);
        int n = z.length;
        double loss = 0;
        switch (head.label()) {
            case "bce+sigmoid", "bce from logits" -> {
                double smoothing = head.label().equals("bce from logits") ? 0.1 : 0;
                for (int j = 0; j < n; j++) {
                    double p = head.label().equals("bce from logits") ? ActivationFormulas.sigmoid(z[j]) : a[j];
                    double t = y.get(r, j) * (1 - smoothing) + smoothing / 2;
                    loss -= (t * Math.log(p) + (1 - t) * Math.log(1 - p)) / n;
                }
            }
            case "cce+softmax" -> {
                for (int j = 0; j < n; j++) {
                    loss -= y.get(r, j) * Math.log(a[j]);
                }
            }
            case "sparse+softmax" -> loss = -Math.log(a[(int) y.get(r, 0)]);
            case "mse" -> {
                for (int j = 0; j < n; j++) {
                    loss += (a[j] - y.get(r, j)) * (a[j] - y.get(r, j)) / n;
                }
            }
            case "mae" -> {
                for (int j = 0; j < n; j++) {
                    loss += Math.abs(a[j] - y.get(r, j)) / n;
                }
            }
            case "huber" -> {
                for (int j = 0; j < n; j++) {
                    double e = Math.abs(a[j] - y.get(r, j));
                    loss += (e <= 0.5 ? 0.5 * e * e : 0.5 * (e - 0.25)) / n;
                }
            }
            default -> throw new IllegalArgumentException(head.label());
        }
        return loss;
    }

    /** Whether a hidden pre-activation or an MAE error sits within reach of a kink, where differences mislead. */
    private static boolean nearAKink(Activation hidden, double[][] w, Matrix x) {
        for (int r = 0; r < ROWS; r++) {
            double[] in = new double[x.cols()];
            for (int i = 0; i < in.length; i++) {
                in[i] = x.get(r, i);
            }
            for (double z : dense(in, w[0], w[1], HIDDEN)) {
                if (Math.abs(z) < 1e-4 && (hidden.equals(Activation.RELU) || hidden.name().equals("leaky_relu")
                        || hidden.name().equals("elu"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
