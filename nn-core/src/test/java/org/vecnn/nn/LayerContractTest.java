package org.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecnn.matrix.Matrix;

/**
 * The contract every layer and activation passes ({@link LayerCases}, one case per registered type and
 * activation): backpropagation against central differences in double (DESIGN.md section 5:
 * {@code |g − g_num| ≤ 1e-5 + 1e-3·|g_num|}, h = 1e-6; L = Σ G ⊙ out for a random upstream gradient G), the
 * rows in two chunks as training runs them; a bitwise save/load round trip; eight threads predicting the
 * same bits as one; and a clear error for a bad config. Zero allocation per predict is
 * {@link LayerContractAllocationTest}'s.
 */
class LayerContractTest {

    private static final double H = 1e-6;
    private static final int ROWS = 5;
    /** Rows [0, SPLIT) and [SPLIT, ROWS) pass as two chunks, unless the layer needs the whole batch. */
    private static final int SPLIT = 2;

    static Stream<LayerCases.Case> cases() {
        return LayerCases.all().stream();
    }

    @Test
    void everyRegisteredLayerTypeAndActivationHasACase() {
        assertEquals(List.of(), LayerCases.uncovered());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsMatchCentralDifferencesInDouble(LayerCases.Case c) {
        Layer layer = c.make().get();
        new Sequential(layer).build(LayerCases.INPUTS, 11L);
        Parameters params = layer.current().copy();
        SplittableRandom random = new SplittableRandom(c.name().hashCode());
        int outputs = layer.outputWidth();
        float[] x = new float[ROWS * LayerCases.INPUTS];
        float[] upstream = new float[ROWS * outputs];
        for (int attempt = 0; ; attempt++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextDouble(-2, 2);
            }
            for (int i = 0; i < upstream.length; i++) {
                upstream[i] = (float) random.nextDouble(-1, 1);
            }
            if (smooth(c, x, upstream, params) || attempt == 30) {
                break;
            }
        }
        float[] out = new float[ROWS * outputs];
        float[] gradOut = upstream.clone();
        float[] gradIn = new float[x.length];
        float[] cache = new float[layer.cacheSize(ROWS)];
        int[] bounds = layer.mixesRows() ? new int[] {0, ROWS} : new int[] {0, SPLIT, ROWS};
        for (int k = 0; k + 1 < bounds.length; k++) {
            layer.forwardTraining(Passes.rows(layer, x, out, gradOut, gradIn, cache, bounds[k], bounds[k + 1], null,
                    c.fused()), params);
        }
        layer.prepareBackward(cache, params);
        for (int k = bounds.length - 2; k >= 0; k--) {
            layer.backward(Passes.rows(layer, x, out, gradOut, gradIn, cache, bounds[k], bounds[k + 1], null,
                    c.fused()), params);
        }
        Parameters gradients = params.trainableZeros();
        BatchRows batch = Passes.rows(layer, x, out, gradOut, gradIn, cache, 0, ROWS, null, c.fused());
        for (int from = 0; from < layer.gradientRows(); from += 2) {
            layer.gradients(batch, params, gradients, from, Math.min(layer.gradientRows(), from + 2));
        }
        double[] xd = toDouble(x);
        double[][] pd = new double[params.size()][];
        for (int a = 0; a < pd.length; a++) {
            pd[a] = toDouble(params.array(a));
        }
        DoubleSupplier loss = () -> loss(c, xd, pd, upstream);
        compare(c + " d" + "in", gradIn, xd, loss, H);
        for (int a = 0; a < gradients.size(); a++) {
            float[] analytic = gradients.array(a).clone();
            if (a == 0 && layer instanceof Dense dense && !dense.kernelRegularizer().equals(Regularizer.NONE)) {
                subtractPenaltyGradient(dense.kernelRegularizer(), params.array(0), analytic);
            }
            compare(c + " d" + params.name(a), analytic, pd[a], loss, H);
        }
    }

    /** The penalty's gradient is added by gradients(); the reference has no penalty. */
    private static void subtractPenaltyGradient(Regularizer regularizer, float[] weights, float[] gradient) {
        float[] penalty = new float[gradient.length];
        regularizer.addGradient(weights, penalty, 0, penalty.length);
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] -= penalty[i];
        }
    }

    private static double loss(LayerCases.Case c, double[] x, double[][] params, float[] upstream) {
        double[] y = c.reference().apply(x, ROWS, params);
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            total += upstream[i] * y[i];
        }
        return total;
    }

    /** Whether the differences with h and 2h agree for every input: no kink (relu at 0) is straddled. */
    private static boolean smooth(LayerCases.Case c, float[] x, float[] upstream, Parameters params) {
        double[] xd = toDouble(x);
        double[][] pd = new double[params.size()][];
        for (int a = 0; a < pd.length; a++) {
            pd[a] = toDouble(params.array(a));
        }
        for (int i = 0; i < xd.length; i++) {
            double[] step = new double[2];
            for (int s = 0; s < 2; s++) {
                double h = 1e-4 * (s + 1);
                double saved = xd[i];
                xd[i] = saved + h;
                double plus = loss(c, xd, pd, upstream);
                xd[i] = saved - h;
                double minus = loss(c, xd, pd, upstream);
                xd[i] = saved;
                step[s] = (plus - minus) / (2 * h);
            }
            if (Math.abs(step[0] - step[1]) > 1e-3 * (1 + Math.abs(step[0]))) {
                return false;
            }
        }
        return true;
    }

    private static void compare(String what, float[] analytic, double[] variable, DoubleSupplier loss, double h) {
        for (int i = 0; i < variable.length; i++) {
            double saved = variable[i];
            variable[i] = saved + h;
            double plus = loss.getAsDouble();
            variable[i] = saved - h;
            double minus = loss.getAsDouble();
            variable[i] = saved;
            double numeric = (plus - minus) / (2 * h);
            if (!(Math.abs(analytic[i] - numeric) <= 1e-5 + 1e-3 * Math.abs(numeric))) {
                fail(what + "[" + i + "]: analytic " + analytic[i] + ", numeric " + numeric);
            }
        }
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** The case's layer between two Dense layers, built, with random weights (variances positive). */
    static Sequential model(LayerCases.Case c, long seed) {
        Sequential model = new Sequential(new Dense(LayerCases.INPUTS, "tanh"), c.make().get(), new Dense(2))
                .build(3, seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (Layer layer : model.layers()) {
            List<Matrix> weights = new ArrayList<>();
            Parameters params = layer.current();
            for (int a = 0; a < params.weightCount(); a++) {
                Matrix w = Matrix.zeros(params.rows(a), params.cols(a));
                for (int i = 0; i < w.data().length; i++) {
                    double v = random.nextDouble(-1, 1);
                    w.data()[i] = (float) (params.name(a).contains("variance") ? 0.1 + Math.abs(v) : v);
                }
                weights.add(w);
            }
            layer.setWeights(weights);
        }
        return model;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void saveAndLoadRoundTripBitwise(LayerCases.Case c) throws ModelFileException {
        Sequential model = model(c, 3L);
        byte[] file = ModelWriter.encode(model);
        Sequential loaded = ModelReader.decode(java.nio.file.Path.of("contract.vnn"), file);
        assertEquals(model.getWeights(), loaded.getWeights());
        assertEquals(model.layers().get(1).config(), loaded.layers().get(1).config());
        assertEquals(model.summary(), loaded.summary());
        Matrix x = Matrix.random(9, 3, 4);
        assertArrayEquals(model.predict(x).data(), loaded.predict(x).data());
        assertArrayEquals(file, ModelWriter.encode(loaded));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eightThreadsPredictTheBitsOfOne(LayerCases.Case c) throws Exception {
        Sequential model = model(c, 5L);
        Matrix x = Matrix.random(64, 3, 6);
        float[] expected = model.predict(x).data();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    boolean same = true;
                    float[] out = new float[2];
                    float[] row = new float[3];
                    for (int round = 0; round < 50; round++) {
                        for (int r = 0; r < x.rows(); r++) {
                            System.arraycopy(x.data(), 3 * r, row, 0, 3);
                            model.predict(row, out);
                            same &= out[0] == expected[2 * r] && out[1] == expected[2 * r + 1];
                        }
                    }
                    return same;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get(), c + ": a thread saw other bits");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBadConfigValueOrAnUnknownKeyIsNamed(LayerCases.Case c) {
        Layer layer = c.make().get();
        Map<String, String> entries = layer.config().entries();
        for (String key : entries.keySet()) {
            LayerConfig bad = LayerConfig.of(entries).put(key, "?bad");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Layer.fromConfig(layer.type(), null, bad), () -> c + ": " + key + " = ?bad was taken");
            assertTrue(e.getMessage().contains(key) || e.getMessage().contains("?bad"), e::getMessage);
        }
        LayerConfig extra = LayerConfig.of(entries).put("extra", "1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layer.fromConfig(layer.type(), null, extra));
        assertTrue(e.getMessage().contains("takes no config [extra]"), e::getMessage);
        assertEquals(layer.config(), Layer.fromConfig(layer.type(), "named", LayerConfig.of(entries)).config());
    }
}
