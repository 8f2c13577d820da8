package org.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.BatchNormalization;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Sequential;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/**
 * Data-parallel training against {@link Trainer#fit}: the same batches and steps, bit for bit with one shard,
 * and within rounding with several, whose gradients are summed shard by shard.
 */
class DataParallelTest {

    private static final int ROWS = 300;
    private static final int BATCH = 32;
    private static final long SEED = 17L;

    private static Sequential model() {
        return new Sequential(new Dense(8, "tanh"), new Dense(4, "relu"), new Dense(1, "sigmoid"));
    }

    private static Matrix x() {
        return Matrix.random(ROWS, 3, 5);
    }

    private static Matrix y(Matrix x) {
        Matrix y = Matrix.zeros(ROWS, 1);
        for (int r = 0; r < ROWS; r++) {
            y.set(r, 0, x.get(r, 0) + 0.5f * x.get(r, 1) * x.get(r, 2) > 0 ? 1 : 0);
        }
        return y;
    }

    /**
     * Trains as a cluster would: each epoch's batches split among {@code shards} owners of contiguous row
     * ranges, each shard's rows in batch order, the shards' gradients added in shard order.
     */
    private static List<Double> trainInShards(Sequential model, Matrix x, Matrix y, int shards, int epochs,
                                              Supplier<Optimizer> optimizer) {
        Loss loss = Loss.BINARY_CROSSENTROPY;
        DataParallel coordinator = new DataParallel(model, x.cols(), loss, optimizer.get(), ROWS, BATCH, SEED,
                "accuracy");
        DataParallel.Worker worker = new DataParallel.Worker(model, loss, BATCH);
        List<Double> losses = new ArrayList<>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = coordinator.nextEpoch(true);
            double lossSum = 0;
            for (int step = 0; step < coordinator.steps(); step++) {
                int from = step * BATCH;
                int to = coordinator.batchEnd(step);
                float[] weights = coordinator.weights();
                float[] sum = new float[coordinator.weightCount()];
                for (int s = 0; s < shards; s++) {
                    List<Integer> mine = new ArrayList<>();
                    for (int p = from; p < to; p++) {
                        if (order[p] * shards / ROWS == s) {
                            mine.add(order[p]);
                        }
                    }
                    if (mine.isEmpty()) {
                        continue;
                    }
                    float[] gradient = new float[sum.length];
                    Matrix targets = rows(y, mine);
                    lossSum += worker.gradient(weights, rows(x, mine), targets, to - from, null, gradient);
                    coordinator.measure(mine.size(), worker.outputs(), targets.data());
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += gradient[i];
                    }
                }
                coordinator.step(sum);
            }
            losses.add(coordinator.endEpoch(lossSum));
        }
        assertEquals(coordinator.history().get("loss"), losses);
        histories.add(coordinator.history());
        return losses;
    }

    /** The coordinators' histories, one per trainInShards. */
    private static final List<History> histories = new ArrayList<>();

    private static Matrix rows(Matrix m, List<Integer> rows) {
        Matrix out = Matrix.zeros(rows.size(), m.cols());
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < m.cols(); c++) {
                out.set(r, c, m.get(rows.get(r), c));
            }
        }
        return out;
    }

    private static float[] flat(Sequential model) {
        List<Float> values = new ArrayList<>();
        for (Matrix w : model.getWeights()) {
            for (float v : w.data()) {
                values.add(v);
            }
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static History fit(Sequential model, Matrix x, Matrix y, int epochs, Optimizer optimizer) {
        return new Trainer(model, Loss.BINARY_CROSSENTROPY, optimizer, "accuracy").fit(x, y, FitOptions.defaults()
                .withEpochs(epochs).withBatchSize(BATCH).withSeed(SEED).withVerbose(0));
    }

    @Test
    void oneShardIsFitBitForBit() {
        Matrix x = x();
        Matrix y = y(x);
        Sequential single = model();
        History history = fit(single, x, y, 3, Optimizer.adam(0.01));
        Sequential sharded = model();
        List<Double> losses = trainInShards(sharded, x, y, 1, 3, () -> Optimizer.adam(0.01));
        assertArrayEquals(flat(single), flat(sharded));
        assertEquals(history.get("loss"), losses);
        assertEquals(history.all(), histories.getLast().all(), "loss and accuracy, as fit reports them");
    }

    /**
     * Summed in shards, a step's gradient differs from fit's one chain by rounding, about γ(batch)·Σ|terms|:
     * relative 1e-6 here. Three epochs of plain SGD keep the weights within 1e-4 of fit's.
     */
    @ParameterizedTest(name = "{0} shards")
    @ValueSource(ints = {2, 3})
    void severalShardsAreFitWithinRounding(int shards) {
        Matrix x = x();
        Matrix y = y(x);
        Sequential single = model();
        History history = fit(single, x, y, 3, Optimizer.sgd(0.1, 0, false));
        Sequential sharded = model();
        List<Double> losses = trainInShards(sharded, x, y, shards, 3, () -> Optimizer.sgd(0.1, 0, false));
        float[] expected = flat(single);
        float[] actual = flat(sharded);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4, "weight " + i);
        }
        for (int e = 0; e < losses.size(); e++) {
            assertEquals(history.get("loss").get(e), losses.get(e), 1e-5);
            assertEquals(history.get("accuracy").get(e), histories.getLast().get("accuracy").get(e), 2.0 / 300);
        }
        assertTrue(losses.getLast() < losses.getFirst(), "it learns: " + losses);
    }

    @Test
    void modelsWhoseGradientsDoNotAddUpAreRefused() {
        Sequential batchStatistics = new Sequential(new Dense(4), new BatchNormalization(), new Dense(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DataParallel(
                batchStatistics, 3, Loss.MEAN_SQUARED_ERROR, Optimizer.sgd(), ROWS, BATCH, SEED));
        assertTrue(e.getMessage().contains("batch statistics or a weight penalty"), e::getMessage);
        Sequential model = model().build(3, SEED);
        DataParallel.Worker worker = new DataParallel.Worker(model, Loss.BINARY_CROSSENTROPY, 4);
        float[] weights = new DataParallel(model, 3, Loss.BINARY_CROSSENTROPY, Optimizer.sgd(), ROWS, BATCH, SEED)
                .weights();
        Matrix bad = Matrix.wrap(1, 3, new float[] {1, Float.NaN, 0});
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> worker.gradient(weights,
                bad, Matrix.zeros(1, 1), 8, null, new float[weights.length]));
        assertTrue(nan.getMessage().contains("x[0][1] is NaN"), nan::getMessage);
    }
}
