package org.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.parallel.Parallelism;
import org.vecnn.nn.ActivationLayer;
import org.vecnn.nn.BatchNormalization;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Dropout;
import org.vecnn.nn.Sequential;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/**
 * A layer that needs the whole batch inside a model the trainer runs in row chunks: the step's gradients
 * against central differences of the whole model in double (48 rows, three chunks, BatchNormalization
 * between row-wise layers), and the same bits for every thread count.
 */
class BatchNormalizationTrainingTest {

    private static final int ROWS = 48;
    private static final int INPUTS = 3;
    private static final int HIDDEN = 4;
    private static final double H = 1e-6;

    @Test
    void gradientsThroughBatchStatisticsMatchCentralDifferences() {
        Sequential model = new Sequential(new Dense(HIDDEN, "tanh"), new BatchNormalization(), new Dense(2))
                .build(INPUTS, 5L);
        Matrix x = Matrix.random(ROWS, INPUTS, 6);
        Matrix y = Matrix.random(ROWS, 2, 7);
        List<Matrix> analytic = new Trainer(model, Loss.MEAN_SQUARED_ERROR, Optimizer.sgd()).gradients(x, y);
        List<Matrix> weights = model.getWeights();
        // Trainable: kernel, bias, gamma, beta, kernel, bias; the moving statistics (4, 5) take no gradient.
        int[] trainable = {0, 1, 2, 3, 6, 7};
        assertEquals(trainable.length, analytic.size());
        double[][] w = new double[weights.size()][];
        for (int i = 0; i < w.length; i++) {
            w[i] = new double[weights.get(i).data().length];
            for (int j = 0; j < w[i].length; j++) {
                w[i][j] = weights.get(i).data()[j];
            }
        }
        for (int g = 0; g < trainable.length; g++) {
            double[] variable = w[trainable[g]];
            for (int j = 0; j < variable.length; j++) {
                double saved = variable[j];
                variable[j] = saved + H;
                double plus = loss(w, x, y);
                variable[j] = saved - H;
                double minus = loss(w, x, y);
                variable[j] = saved;
                double numeric = (plus - minus) / (2 * H);
                float value = analytic.get(g).data()[j];
                if (!(Math.abs(value - numeric) <= 1e-5 + 1e-3 * Math.abs(numeric))) {
                    fail("gradient " + g + "[" + j + "]: analytic " + value + ", numeric " + numeric);
                }
            }
        }
    }

    /** The mean squared error of Dense(tanh) → batch normalisation (batch statistics) → Dense, in double. */
    private static double loss(double[][] w, Matrix x, Matrix y) {
        double[] h = new double[ROWS * HIDDEN];
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < HIDDEN; j++) {
                double z = w[1][j];
                for (int i = 0; i < INPUTS; i++) {
                    z += x.get(r, i) * w[0][i * HIDDEN + j];
                }
                h[r * HIDDEN + j] = Math.tanh(z);
            }
        }
        for (int j = 0; j < HIDDEN; j++) {
            double mean = 0;
            for (int r = 0; r < ROWS; r++) {
                mean += h[r * HIDDEN + j] / ROWS;
            }
            double variance = 0;
            for (int r = 0; r < ROWS; r++) {
                variance += Math.pow(h[r * HIDDEN + j] - mean, 2) / ROWS;
            }
            for (int r = 0; r < ROWS; r++) {
                h[r * HIDDEN + j] = w[2][j] * (h[r * HIDDEN + j] - mean) / Math.sqrt(variance + 1e-3) + w[3][j];
            }
        }
        double total = 0;
        for (int r = 0; r < ROWS; r++) {
            for (int k = 0; k < 2; k++) {
                double out = w[7][k];
                for (int j = 0; j < HIDDEN; j++) {
                    out += h[r * HIDDEN + j] * w[6][j * 2 + k];
                }
                total += Math.pow(out - y.get(r, k), 2) / 2;
            }
        }
        return total / ROWS;
    }

    private static long trainedHash(int batchSize) {
        Matrix x = Matrix.random(400, 300, 1);
        Matrix y = Matrix.zeros(400, 1);
        for (int i = 0; i < 400; i++) {
            y.set(i, 0, i % 3);
        }
        Sequential model = new Sequential(new Dense(64), new BatchNormalization(), new ActivationLayer("relu"),
                new Dropout(0.1f), new Dense(32, "relu"), new BatchNormalization(), new Dense(3, "softmax"));
        new Trainer(model, Loss.SPARSE_CATEGORICAL_CROSSENTROPY, Optimizer.adam())
                .fit(x, y, FitOptions.defaults().withVerbose(0).withEpochs(2).withBatchSize(batchSize).withSeed(3));
        return WeightBits.hash(model.getWeights());
    }

    @Test
    void everyThreadCountTrainsTheSameBits() {
        int configured = Parallelism.threads();
        try {
            for (int batch : new int[] {17, 128}) {
                long[] hashes = new long[3];
                for (int threads = 1; threads <= 3; threads++) {
                    Parallelism.setThreads(threads);
                    hashes[threads - 1] = trainedHash(batch);
                }
                assertEquals(hashes[0], hashes[1], "1 and 2 threads, batch " + batch);
                assertEquals(hashes[0], hashes[2], "1 and 3 threads, batch " + batch);
                assertTrue(hashes[0] != 17);
            }
        } finally {
            Parallelism.setThreads(configured);
        }
    }
}
