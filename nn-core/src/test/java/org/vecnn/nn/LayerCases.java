package org.vecnn.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import org.vecnn.matrix.Matrix;

/**
 * One sample of every layer type and every activation, each with its forward pass written out in double:
 * the cases the shared layer contract tests run. {@link #uncovered()} names any registered layer type or
 * activation without a case, so a new one cannot skip the contract.
 */
final class LayerCases {

    static final int INPUTS = 5;

    private LayerCases() {
    }

    /** The layer's forward pass in double: rows of x, with the layer's parameters (in order) as doubles. */
    @FunctionalInterface
    interface Reference {
        double[] apply(double[] x, int rows, double[][] params);
    }

    /**
     * A layer to test.
     *
     * @param name how the test names it
     * @param make a new, unbuilt layer of the case
     * @param reference its forward pass in double (for a fused case, up to the pre-activation)
     * @param fused whether backward is given ∂L/∂z, as a loss fused with the output activation gives it
     */
    record Case(String name, Supplier<Layer> make, Reference reference, boolean fused) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        for (String name : ActivationRegistry.BUILT_IN) {
            Activation g = Activation.of(name);
            cases.add(new Case("Dense(" + name + ")", () -> new Dense(4, g).biasInitializer(Initializer.GLOROT_UNIFORM),
                    (x, rows, p) -> activate(g, affine(x, rows, p[0], p[1]), 4), false));
            cases.add(new Case("Activation(" + name + ")", () -> new ActivationLayer(g),
                    (x, rows, p) -> activate(g, x.clone(), INPUTS), false));
        }
        cases.add(new Case("Dense(leaky_relu 0.1, no bias)", () -> new Dense(3, Activation.leakyRelu(0.1f))
                .useBias(false), (x, rows, p) -> activate(Activation.leakyRelu(0.1f), affine(x, rows, p[0], null), 3),
                false));
        cases.add(new Case("Dense(elu 0.5, l1l2)", () -> new Dense(3, Activation.elu(0.5f))
                .kernelRegularizer(new Regularizer(0.01, 0.02)),
                (x, rows, p) -> activate(Activation.elu(0.5f), affine(x, rows, p[0], p[1]), 3), false));
        for (String fused : List.of("sigmoid", "softmax")) {
            cases.add(new Case("Dense(" + fused + ", fused)", () -> new Dense(4, fused)
                    .biasInitializer(Initializer.GLOROT_UNIFORM), (x, rows, p) -> affine(x, rows, p[0], p[1]), true));
        }
        cases.add(new Case("Normalization", () -> new Normalization().adapt(Matrix.random(20, INPUTS, 4)),
                (x, rows, p) -> {
                    double[] y = x.clone();
                    for (int i = 0; i < y.length; i++) {
                        int j = i % INPUTS;
                        y[i] = (x[i] - p[0][j]) / Math.max(Math.sqrt(p[1][j]), Normalization.EPSILON);
                    }
                    return y;
                }, false));
        cases.add(new Case("Dropout", () -> new Dropout(0.3f), (x, rows, p) -> x.clone(), false));
        cases.add(new Case("BatchNormalization", BatchNormalization::new,
                (x, rows, p) -> batchNormalized(x, rows, p[0], p[1], 1e-3), false));
        cases.add(new Case("BatchNormalization(no center, no scale)",
                () -> new BatchNormalization(0.9f, 1e-2f, false, false),
                (x, rows, p) -> batchNormalized(x, rows, null, null, 1e-2), false));
        cases.add(new Case("ReLU(max 1.4, slope 0.2, threshold 0.2)", () -> new ReLU(1.4f, 0.2f, 0.2f),
                (x, rows, p) -> map(x, z -> z > 0.2f ? Math.min(z, 1.4f) : 0.2f * (z - 0.2f)), false));
        cases.add(new Case("ReLU(plain)", () -> new ReLU(Float.POSITIVE_INFINITY, 0f, 0f),
                (x, rows, p) -> map(x, z -> Math.max(z, 0)), false));
        cases.add(new Case("PReLU", () -> new PReLU(), (x, rows, p) -> {
            double[] y = x.clone();
            for (int i = 0; i < y.length; i++) {
                y[i] = x[i] > 0 ? x[i] : p[0][i % INPUTS] * x[i];
            }
            return y;
        }, false));
        cases.add(new Case("CategoryLookup", () -> new CategoryLookup(LOOKUP_VOCABULARIES),
                (x, rows, p) -> oneHot(x, rows, LOOKUP_VOCABULARIES), false));
        return cases;
    }

    /** Columns 1 and 3 categorical, the rest numeric. */
    static final List<List<String>> LOOKUP_VOCABULARIES = List.of(List.of(), List.of("a", "b"), List.of(),
            List.of("x", "y", "z"), List.of());

    /** Numeric columns as they are; a categorical one as 1 + categories values, one-hot at its whole code. */
    private static double[] oneHot(double[] x, int rows, List<List<String>> vocabularies) {
        List<Double> y = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < INPUTS; c++) {
                double value = x[r * INPUTS + c];
                int count = vocabularies.get(c).size();
                if (count == 0) {
                    y.add(value);
                    continue;
                }
                int code = value >= 1 && value <= count && value == Math.rint(value) ? (int) value : 0;
                for (int k = 0; k <= count; k++) {
                    y.add(k == code ? 1.0 : 0.0);
                }
            }
        }
        return y.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] map(double[] x, DoubleUnaryOperator f) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = f.applyAsDouble(x[i]);
        }
        return y;
    }

    /** Registered layer types and activations that no case covers. */
    static List<String> uncovered() {
        List<String> types = new ArrayList<>();
        for (Case c : all()) {
            types.add(Registry.normalise(c.make().get().type()));
        }
        List<String> missing = new ArrayList<>();
        for (String type : LayerRegistry.BUILT_IN) {
            if (!types.contains(Registry.normalise(type))) {
                missing.add("layer type " + type);
            }
        }
        for (String name : ActivationRegistry.BUILT_IN) {
            Activation g = Activation.of(name);
            if (!g.equals(Activation.SOFTMAX) && formula(g) == null) {
                missing.add("activation " + name + " (no formula in ActivationTest.pointwise())");
            }
        }
        return missing;
    }

    private static double[] affine(double[] x, int rows, double[] w, double[] b) {
        int units = w.length / INPUTS;
        double[] z = new double[rows * units];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < units; j++) {
                double sum = b == null ? 0 : b[j];
                for (int i = 0; i < INPUTS; i++) {
                    sum += x[r * INPUTS + i] * w[i * units + j];
                }
                z[r * units + j] = sum;
            }
        }
        return z;
    }

    private static DoubleUnaryOperator formula(Activation g) {
        for (ActivationTest.Pointwise p : ActivationTest.pointwise()) {
            if (p.activation().equals(g)) {
                return p.formula();
            }
        }
        return null;
    }

    /** g of each element, or of each row of {@code cols} values for softmax. */
    private static double[] activate(Activation g, double[] z, int cols) {
        if (!g.equals(Activation.SOFTMAX)) {
            DoubleUnaryOperator f = formula(g);
            for (int i = 0; i < z.length; i++) {
                z[i] = f.applyAsDouble(z[i]);
            }
            return z;
        }
        for (int r = 0; r < z.length / cols; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, z[r * cols + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                z[r * cols + j] = Math.exp(z[r * cols + j] - max);
                sum += z[r * cols + j];
            }
            for (int j = 0; j < cols; j++) {
                z[r * cols + j] /= sum;
            }
        }
        return z;
    }

    /** Batch statistics per feature (biased variance), then γ·x̂ + β. */
    private static double[] batchNormalized(double[] x, int rows, double[] gamma, double[] beta, double epsilon) {
        double[] y = new double[x.length];
        for (int j = 0; j < INPUTS; j++) {
            double mean = 0;
            for (int r = 0; r < rows; r++) {
                mean += x[r * INPUTS + j] / rows;
            }
            double variance = 0;
            for (int r = 0; r < rows; r++) {
                variance += (x[r * INPUTS + j] - mean) * (x[r * INPUTS + j] - mean) / rows;
            }
            for (int r = 0; r < rows; r++) {
                double normalized = (x[r * INPUTS + j] - mean) / Math.sqrt(variance + epsilon);
                y[r * INPUTS + j] = (gamma == null ? normalized : gamma[j] * normalized) + (beta == null ? 0 : beta[j]);
            }
        }
        return y;
    }
}
