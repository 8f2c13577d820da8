package org.vecnn.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.kernel.KernelProvider;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Dense;
import org.vecnn.nn.DenseLoop;
import org.vecnn.nn.Normalization;
import org.vecnn.nn.Sequential;
import org.vecnn.train.FitOptions;
import org.vecnn.train.Model;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;
import picocli.CommandLine.Command;

/** {@code ./vecnn demo}: the tutorial, end to end, on embedded data. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Run the tutorial end to end: dense layers, matmul, the coffee-roasting classifier, "
                + "choosing activations, and single-sample latency.")
final class DemoCommand extends VecnnCommand {

    private static final long SEED = 1234;

    private final PrintStream out;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    int execute() {
        out.printf(Locale.ROOT, "vecnn demo: the tutorial on %s kernels, %d float lanes%n",
                KernelProvider.kernels().name(), KernelProvider.kernels().lanes());
        denseLayer();
        matmul();
        CoffeeData roasts = new CoffeeData(200, SEED);
        Sequential coffee = coffeeClassifier(roasts).network();
        choosingActivations(roasts);
        linearHiddenLayers(roasts);
        latency(coffee);
        return 0;
    }

    private void heading(String title) {
        out.println();
        out.println("== " + title + " " + "=".repeat(Math.max(3, 72 - title.length())));
    }

    /** Step 1: my_dense as loops next to the vectorised Dense layer, on the tutorial's numbers. */
    private void denseLayer() {
        heading("1. A dense layer: the loop and the vectorised pass");
        Matrix w = Matrix.of(new float[][] {{1, -3, 5}, {2, -4, 6}});
        float[] b = {1, 1, 2};
        float[] aIn = {2, -4};
        out.println("W = " + rows(w) + ", b = " + vector(b)
                + ", a_in = " + vector(aIn));
        out.println("Z = a_in·W + b = " + vector(DenseLoop.forward(aIn, w, b, Activation.LINEAR)));
        out.printf(Locale.ROOT, "%-9s %-34s %s%n", "g", "loop: z_j = dot(W[:, j], a_in) + b_j",
                "vectorised: g(a_in·W + b)");
        for (String g : new String[] {"sigmoid", "relu", "linear"}) {
            Dense dense = new Dense(3, g);
            Sequential layer = new Sequential(dense).build(2, SEED);
            dense.setWeights(w, b);
            float[] vectorised = layer.predict(aIn);
            out.printf(Locale.ROOT, "%-9s %-34s %s%n", g, vector(DenseLoop.forward(aIn, w, b, Activation.of(g))),
                    vector(vectorised));
        }
    }

    /** Step 2: matrix multiplication and transpose. */
    private void matmul() {
        heading("2. Matrix multiplication and transpose");
        Matrix a = Matrix.of(new float[][] {{1, -1, -0.1f}, {2, -2, -0.2f}});
        Matrix w = Matrix.of(new float[][] {{3, 5, 7, 9}, {2, 4, 8, 0}});
        out.println("A   = " + rows(a));
        out.println("Aᵀ  = " + rows(a.transpose()));
        out.println("W   = " + rows(w));
        out.println("Z = Aᵀ·W = " + rows(a.transpose().matmul(w)));
    }

    /** Step 3: the coffee-roasting classifier, as the tutorial trains it (its data tiled 1000 times, 10 epochs). */
    private Model coffeeClassifier(CoffeeData data) {
        heading("3. The coffee-roasting classifier");
        int good = 0;
        for (float label : data.y.data()) {
            good += (int) label;
        }
        out.printf(Locale.ROOT, "200 roasts (%d good): temperature 150-285 °C, duration 11.5-15.5 min%n", good);
        Model model = new Model(new Sequential(
                new Normalization().adapt(data.x),
                new Dense(3, "sigmoid").named("layer1"),
                new Dense(1, "sigmoid").named("layer2")).build(SEED));
        out.print(model.summary());
        model.compile(Optimizer.adam(0.01), Loss.BINARY_CROSSENTROPY, "accuracy");
        model.fit(CoffeeData.tile(data.x, 1000), CoffeeData.tile(data.y, 1000),
                FitOptions.defaults().withEpochs(10).withSeed(SEED).withProgress(out));
        out.printf(Locale.ROOT, "accuracy on the 200 roasts: %.3f%n", model.evaluate(data.x, data.y).get("accuracy"));
        for (float[] roast : new float[][] {{200, 13.9f}, {200, 17}}) {
            float p = model.predict(roast)[0];
            out.printf(Locale.ROOT, "predict(%.0f °C, %.1f min) = %.4f -> %s%n", roast[0], roast[1], p,
                    p >= 0.5 ? "good roast" : "bad roast");
        }
        return model;
    }

    /** Step 4: relu hidden layers for the same task; a linear output with mean squared error for a regression. */
    private void choosingActivations(CoffeeData data) {
        heading("4. Choosing activations");
        Sequential relu = new Sequential(new Normalization().adapt(data.x), new Dense(25, "relu"),
                new Dense(15, "relu"), new Dense(1, "sigmoid"));
        double accuracy = fitAccuracy(relu, data, 100);
        out.printf(Locale.ROOT, "relu 25 -> relu 15 -> sigmoid 1 (0/1 label, binary cross-entropy): accuracy %.3f%n",
                accuracy);
        SplittableRandom random = new SplittableRandom(SEED);
        Matrix x = Matrix.zeros(400, 1);
        Matrix y = Matrix.zeros(400, 1);
        for (int i = 0; i < 400; i++) {
            float v = (float) random.nextDouble(-3, 3);
            x.set(i, 0, v);
            y.set(i, 0, v * v - 2 * v - 1);
        }
        Model regression = new Model(new Dense(16, "relu"), new Dense(1, "linear"));
        regression.compile(Optimizer.adam(0.02), Loss.MEAN_SQUARED_ERROR);
        regression.fit(x, y, FitOptions.defaults().withEpochs(300).withSeed(SEED).withVerbose(0));
        out.printf(Locale.ROOT, "relu 16 -> linear 1 (signed target y = x² − 2x − 1, mean squared error): mse %.4f,"
                + " predict(2) = %.3f (exact −1)%n", regression.evaluate(x, y).get("loss"), regression.predict(2f)[0]);
        out.println("Sigmoid for a 0/1 output, linear for a signed one, relu in hidden layers.");
    }

    /** Step 5: hidden layers with a linear activation fit no better than a linear model. */
    private void linearHiddenLayers(CoffeeData data) {
        heading("5. Why a non-linear activation matters");
        Sequential linearHidden = new Sequential(new Normalization().adapt(data.x), new Dense(25, "linear"),
                new Dense(15, "linear"), new Dense(1, "sigmoid"));
        Sequential logistic = new Sequential(new Normalization().adapt(data.x), new Dense(1, "sigmoid"));
        Sequential relu = new Sequential(new Normalization().adapt(data.x), new Dense(25, "relu"),
                new Dense(15, "relu"), new Dense(1, "sigmoid"));
        double linearAccuracy = fitAccuracy(linearHidden, data, 100);
        double logisticAccuracy = fitAccuracy(logistic, data, 100);
        double reluAccuracy = fitAccuracy(relu, data, 100);
        out.printf(Locale.ROOT, "linear 25 -> linear 15 -> sigmoid: accuracy %.3f%n", linearAccuracy);
        out.printf(Locale.ROOT, "logistic regression (sigmoid 1):   accuracy %.3f%n", logisticAccuracy);
        out.printf(Locale.ROOT, "relu 25 -> relu 15 -> sigmoid:     accuracy %.3f%n", reluAccuracy);
        out.println("Stacked linear layers are one linear map: the network is a logistic regression. vecnn says so:");
        linearHidden.warnings().forEach(warning -> out.println("Warning: " + warning));
    }

    private static double fitAccuracy(Sequential network, CoffeeData data, int tiles) {
        Model model = new Model(network).compile(Optimizer.adam(0.01), Loss.BINARY_CROSSENTROPY, "accuracy");
        model.fit(CoffeeData.tile(data.x, tiles), CoffeeData.tile(data.y, tiles),
                FitOptions.defaults().withEpochs(10).withSeed(SEED).withVerbose(0));
        return model.evaluate(data.x, data.y).get("accuracy");
    }

    /** Step 6: single-sample prediction latency of the trained model, after warm-up. */
    private void latency(Sequential model) {
        heading("6. Single-sample prediction latency");
        float[] input = {200, 13.9f};
        float[] output = new float[1];
        for (int i = 0; i < 300_000; i++) {
            input[1] = 12 + (i & 7) * 0.25f;
            model.predict(input, output);
        }
        long[] nanos = new long[100_000];
        for (int i = 0; i < nanos.length; i++) {
            input[1] = 12 + (i & 7) * 0.25f;
            long start = System.nanoTime();
            model.predict(input, output);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        out.printf(Locale.ROOT, "predict(float[], float[]) on the coffee model, %,d calls after warm-up: p50 %.2f µs,"
                + " p99 %.2f µs (each includes reading the clock)%n", nanos.length, nanos[nanos.length / 2] / 1e3,
                nanos[nanos.length * 99 / 100] / 1e3);
    }

    private static String vector(float[] values) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", values[i]));
        }
        return text.append(']').toString();
    }

    private static String rows(Matrix m) {
        StringBuilder text = new StringBuilder("[");
        for (int r = 0; r < m.rows(); r++) {
            float[] row = new float[m.cols()];
            System.arraycopy(m.data(), r * m.cols(), row, 0, row.length);
            text.append(r == 0 ? "" : ", ").append(vector(row));
        }
        return text.append(']').toString();
    }
}
