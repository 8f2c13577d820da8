package org.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Dropout;
import org.vecnn.nn.Regularizer;
import org.vecnn.nn.Sequential;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/** fit end to end: convergence on small problems, the starting loss, determinism, progress and bad data. */
class TrainerTest {

    private static final FitOptions QUIET = FitOptions.defaults().withVerbose(0);

    @Test
    void xorIsLearntForNineSeedsInTen() {
        Matrix x = Matrix.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Matrix y = Matrix.of(new float[][] {{0}, {1}, {1}, {0}});
        int learnt = 0;
        for (long seed = 0; seed < 10; seed++) {
            Sequential model = new Sequential(new Dense(8, "tanh"), new Dense(1, "sigmoid"));
            History history = new Trainer(model, Loss.BINARY_CROSSENTROPY, Optimizer.adam(0.05))
                    .fit(x, y, QUIET.withEpochs(300).withBatchSize(4).withSeed(seed));
            if (history.get("loss").getLast() < 0.05) {
                learnt++;
            }
        }
        assertTrue(learnt >= 9, "XOR learnt for " + learnt + " of 10 seeds");
    }

    @Test
    void aLinearOutputWithMseFitsARegression() {
        SplittableRandom random = new SplittableRandom(3);
        float[][] xs = new float[200][2];
        float[][] ys = new float[200][1];
        for (int i = 0; i < 200; i++) {
            xs[i][0] = (float) random.nextDouble(-1, 1);
            xs[i][1] = (float) random.nextDouble(-1, 1);
            ys[i][0] = 3 * xs[i][0] - 2 * xs[i][1] * xs[i][1] + 1;
        }
        Sequential model = new Sequential(new Dense(16, "relu"), new Dense(1));
        History history = new Trainer(model, Loss.MEAN_SQUARED_ERROR, Optimizer.adam(0.01))
                .fit(Matrix.of(xs), Matrix.of(ys), QUIET.withEpochs(200).withSeed(1).withValidationSplit(0.2));
        assertTrue(history.get("loss").getLast() < 0.01, "final loss " + history.get("loss").getLast());
        assertTrue(history.get("val_loss").getLast() < 0.02, "final val_loss " + history.get("val_loss").getLast());
    }

    @Test
    void aSoftmaxClassifierSeparatesClustersPerfectly() {
        SplittableRandom random = new SplittableRandom(5);
        float[][] centres = {{0, 4}, {4, 0}, {-4, -4}};
        float[][] xs = new float[150][2];
        float[][] labels = new float[150][1];
        for (int i = 0; i < 150; i++) {
            int c = i % 3;
            xs[i][0] = centres[c][0] + (float) random.nextGaussian();
            xs[i][1] = centres[c][1] + (float) random.nextGaussian();
            labels[i][0] = c;
        }
        Sequential model = new Sequential(new Dense(8, "relu"), new Dense(3, "softmax"));
        Trainer trainer = new Trainer(model, Loss.SPARSE_CATEGORICAL_CROSSENTROPY, Optimizer.adam(0.02), "accuracy");
        History history = trainer.fit(Matrix.of(xs), Matrix.of(labels), QUIET.withEpochs(60).withSeed(2));
        assertEquals(1.0, history.get("accuracy").getLast());
        assertEquals(1.0, trainer.evaluate(Matrix.of(xs), Matrix.of(labels)).get("accuracy"));
        Matrix p = model.predict(Matrix.of(xs));
        for (int i = 0; i < 150; i++) {
            assertEquals(i % 3, p.argmaxOfRow(i), "sample " + i);
        }
    }

    @Test
    void anUntrainedSigmoidClassifierStartsNearLn2() {
        Sequential model = new Sequential(new Dense(1, "sigmoid")).build(2, 9);
        Matrix x = Matrix.random(500, 2, 1);
        float[][] labels = new float[500][1];
        for (int i = 0; i < 500; i++) {
            labels[i][0] = i % 2;
        }
        double loss = new Trainer(model, Loss.BINARY_CROSSENTROPY, Optimizer.sgd()).evaluate(x, Matrix.of(labels))
                .get("loss");
        assertEquals(Math.log(2), loss, 0.1);
    }

    @Test
    void theSameSeedGivesBitwiseIdenticalWeights() {
        Matrix x = Matrix.random(100, 4, 7);
        Matrix y = Matrix.random(100, 2, 8);
        List<Matrix> first = trained(x, y);
        List<Matrix> second = trained(x, y);
        assertEquals(first, second);
    }

    private static List<Matrix> trained(Matrix x, Matrix y) {
        Sequential model = new Sequential(new Dense(16, "gelu"), new Dropout(0.2f), new Dense(2));
        new Trainer(model, Loss.MEAN_SQUARED_ERROR, Optimizer.adam()).fit(x, y, QUIET.withEpochs(5).withSeed(42));
        return model.getWeights();
    }

    @Test
    void progressFollowsTheKerasFormat() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream progress = new PrintStream(text, true, StandardCharsets.UTF_8);
        new Trainer(new Sequential(new Dense(1, "sigmoid")), Loss.BINARY_CROSSENTROPY, Optimizer.sgd())
                .fit(Matrix.random(70, 2, 1), Matrix.zeros(70, 1), FitOptions.defaults().withEpochs(2)
                        .withProgress(progress));
        List<String> lines = text.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("Epoch 1/2", lines.get(0));
        assertTrue(lines.get(1)
                .matches("3/3 \\[==============================] - \\d+s \\d+(us|ms|s)/step - loss: \\d\\.\\d{4}"),
                lines.get(1));
        assertEquals("Epoch 2/2", lines.get(2));
    }

    @Test
    void progressLinesCanGoToALogger() {
        List<String> logged = new ArrayList<>();
        new Trainer(new Sequential(new Dense(1, "sigmoid")), Loss.BINARY_CROSSENTROPY, Optimizer.sgd())
                .fit(Matrix.random(70, 2, 1), Matrix.zeros(70, 1),
                        FitOptions.defaults().withEpochs(2).withVerbose(2).withProgressLines(logged::add));
        assertEquals(4, logged.size(), logged.toString());
        assertEquals("Epoch 1/2", logged.get(0));
        assertTrue(logged.get(1).matches("3/3 - \\d+s - loss: \\d\\.\\d{4} - \\d+(us|ms|s)/epoch - \\d+(us|ms|s)/step"),
                logged.get(1));
        assertEquals("Epoch 2/2", logged.get(2));
        List<String> silent = new ArrayList<>();
        new Trainer(new Sequential(new Dense(1, "sigmoid")), Loss.BINARY_CROSSENTROPY, Optimizer.sgd())
                .fit(Matrix.random(70, 2, 1), Matrix.zeros(70, 1),
                        FitOptions.defaults().withVerbose(0).withProgressLines(silent::add));
        assertEquals(List.of(), silent);
    }

    @Test
    void badDataIsNamedAndNothingChanges() {
        Sequential model = new Sequential(new Dense(4, "relu"), new Dense(1, "sigmoid")).build(2, 1);
        List<Matrix> before = model.getWeights();
        Trainer trainer = new Trainer(model, Loss.BINARY_CROSSENTROPY, Optimizer.adam());
        Matrix x = Matrix.of(new float[][] {{1, 2}, {3, Float.NaN}});
        Matrix y = Matrix.of(new float[][] {{0}, {1}});
        assertEquals("x[1][1] is NaN; training data must be finite",
                assertThrows(IllegalArgumentException.class, () -> trainer.fit(x, y, QUIET)).getMessage());
        assertEquals("x has 2 rows but y has 1", assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(Matrix.zeros(2, 2), Matrix.zeros(1, 1), QUIET)).getMessage());
        assertEquals("empty data: x has no rows", assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(Matrix.zeros(0, 2), Matrix.zeros(0, 1), QUIET)).getMessage());
        assertEquals("binary_crossentropy targets must be in [0, 1]: row 1, column 0 is 2.0",
                assertThrows(IllegalArgumentException.class, () -> trainer.fit(Matrix.zeros(2, 2),
                        Matrix.of(new float[][] {{0}, {2}}), QUIET)).getMessage());
        assertEquals("y has 2 columns; binary_crossentropy on 1 outputs takes 1", assertThrows(
                IllegalArgumentException.class, () -> trainer.fit(Matrix.zeros(2, 2), Matrix.zeros(2, 2), QUIET))
                        .getMessage());
        assertEquals("batch size must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> QUIET.withBatchSize(0)).getMessage());
        Sequential classifier = new Sequential(new Dense(3, "softmax")).build(2, 1);
        Matrix classes = Matrix.of(new float[][] {{0}, {3}});
        assertEquals("sparse_categorical_crossentropy targets must be class indices from 0 to 2: row 1 is 3.0",
                assertThrows(IllegalArgumentException.class, () -> new Trainer(classifier,
                        Loss.SPARSE_CATEGORICAL_CROSSENTROPY, Optimizer.adam()).fit(Matrix.zeros(2, 2), classes, QUIET))
                        .getMessage());
        assertEquals(Matrix.of(new float[][] {{0}, {3}}), classes);
        assertEquals(Matrix.of(new float[][] {{1, 2}, {3, Float.NaN}}), x);
        assertEquals(before, model.getWeights());
        assertArrayEquals(new float[] {0, 1}, y.data());
    }

    @Test
    void sampleAndClassWeightsScaleEachSamplesLoss() {
        Matrix x = Matrix.of(new float[][] {{1, 2}, {-1, 0.5f}, {0.3f, -2}, {2, 1}});
        Matrix y = Matrix.of(new float[][] {{0}, {1}, {0}, {1}});
        FitOptions oneBatch = QUIET.withBatchSize(4).withShuffle(false).withSeed(3);
        List<Matrix> weighted = fitted(x, y, oneBatch.withSampleWeights(2, 0, 2, 0));
        List<Matrix> byClass = fitted(x, y, oneBatch.withClassWeights(Map.of(0, 2.0, 1, 0.0)));
        assertEquals(weighted, byClass, "class weights are per-sample weights by label");
        Matrix twice = Matrix.of(new float[][] {{1, 2}, {1, 2}, {0.3f, -2}, {0.3f, -2}});
        List<Matrix> duplicated = fitted(twice, Matrix.of(new float[][] {{0}, {0}, {0}, {0}}), oneBatch);
        for (int i = 0; i < weighted.size(); i++) {
            assertArrayEquals(duplicated.get(i).data(), weighted.get(i).data(), 1e-6f);
        }
        assertEquals("3 sample weights for 4 samples", assertThrows(IllegalArgumentException.class,
                () -> fitted(x, y, oneBatch.withSampleWeights(1, 1, 1))).getMessage());
    }

    private static List<Matrix> fitted(Matrix x, Matrix y, FitOptions options) {
        Sequential model = new Sequential(new Dense(3, "tanh"), new Dense(1, "sigmoid")).build(2, 4);
        new Trainer(model, Loss.BINARY_CROSSENTROPY, Optimizer.sgd(0.5, 0, false)).fit(x, y, options);
        return model.getWeights();
    }

    @Test
    void validationDataAreScoredWithTheEpochsWeights() {
        Matrix x = Matrix.random(60, 3, 1);
        Matrix y = Matrix.random(60, 1, 2);
        Matrix vx = Matrix.random(20, 3, 3);
        Matrix vy = Matrix.random(20, 1, 4);
        Trainer trainer = new Trainer(new Sequential(new Dense(5, "relu"), new Dense(1)), Loss.MEAN_SQUARED_ERROR,
                Optimizer.adam(), "mae");
        History history = trainer.fit(x, y, QUIET.withEpochs(3).withValidationData(vx, vy));
        Map<String, Double> scores = trainer.evaluate(vx, vy);
        assertEquals(scores.get("loss"), history.get("val_loss").getLast(), 1e-7);
        assertEquals(scores.get("mae"), history.get("val_mae").getLast(), 1e-7);
        assertEquals(List.of("loss", "mae", "val_loss", "val_mae"), List.copyOf(history.all().keySet()));
    }

    @Test
    void l2RegularizationShrinksTheKernelAndCountsInTheLoss() {
        Matrix x = Matrix.random(64, 4, 5);
        Matrix y = Matrix.random(64, 1, 6);
        double[] norms = new double[2];
        double[] losses = new double[2];
        for (int run = 0; run < 2; run++) {
            Dense dense = new Dense(1).kernelRegularizer(run == 0 ? Regularizer.NONE : Regularizer.l2(1.0));
            Sequential model = new Sequential(dense);
            History history = new Trainer(model, Loss.MEAN_SQUARED_ERROR, Optimizer.sgd(0.1, 0, false))
                    .fit(x, y, QUIET.withEpochs(30).withSeed(1));
            norms[run] = Regularizer.l2(1.0).penalty(dense.kernel().data());
            losses[run] = history.get("loss").getLast();
        }
        assertTrue(norms[1] < norms[0] / 2, "L2 shrinks the kernel: " + norms[0] + " -> " + norms[1]);
        assertTrue(losses[1] > losses[0], "the penalty is part of the loss");
    }
}
