package org.vecnn.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Sequential;
import org.vecnn.train.FitOptions;
import org.vecnn.train.History;
import org.vecnn.train.Trainer;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/**
 * Data-parallel training in {@code local[2]} against {@link Trainer#fit} on one JVM: bit for bit on one
 * partition, within rounding on several; parameter averaging reaches a comparable loss; a checkpoint resumes.
 */
class SparkTrainerTest {

    private static final int ROWS = 600;
    private static final int BATCH = 50;
    private static final long SEED = 5L;

    private final SparkSession spark = LocalSpark.session();
    private final Matrix x = Matrix.random(ROWS, 3, 11);
    private final Matrix y = labels(x);

    private static Matrix labels(Matrix x) {
        Matrix y = Matrix.zeros(ROWS, 1);
        for (int r = 0; r < ROWS; r++) {
            y.set(r, 0, x.get(r, 0) - x.get(r, 1) * x.get(r, 2) > 0.1f ? 1 : 0);
        }
        return y;
    }

    private static Sequential model() {
        return new Sequential(new Dense(8, "tanh"), new Dense(1, "sigmoid"));
    }

    /** The rows in order, in {@code partitions} contiguous slices. */
    private Dataset<Row> table(int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            rows.add(RowFactory.create(Vectors.dense(x.get(r, 0), x.get(r, 1), x.get(r, 2)), (double) y.get(r, 0)));
        }
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType()).add("label",
                DataTypes.DoubleType);
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows,
                partitions), schema);
    }

    private History fit(Sequential model, int epochs, Optimizer optimizer) {
        return new Trainer(model, Loss.BINARY_CROSSENTROPY, optimizer).fit(x, y, FitOptions.defaults()
                .withEpochs(epochs).withBatchSize(BATCH).withSeed(SEED).withVerbose(0));
    }

    private static SparkTrainer trainer(Sequential model, int epochs, Optimizer optimizer) {
        return new SparkTrainer(model, Loss.BINARY_CROSSENTROPY, optimizer).setEpochs(epochs).setBatchSize(BATCH)
                .setSeed(SEED).progress(line -> { });
    }

    private static float[] flat(Sequential model) {
        List<Matrix> weights = model.getWeights();
        int length = weights.stream().mapToInt(w -> w.data().length).sum();
        float[] out = new float[length];
        int at = 0;
        for (Matrix w : weights) {
            System.arraycopy(w.data(), 0, out, at, w.data().length);
            at += w.data().length;
        }
        return out;
    }

    @Test
    void onePartitionTrainsTheBitsOfFitAndReportsItsMetrics() {
        Sequential single = model();
        History expected = new Trainer(single, Loss.BINARY_CROSSENTROPY, Optimizer.adam(0.01), "accuracy", "auc")
                .fit(x, y, FitOptions.defaults().withEpochs(3).withBatchSize(BATCH).withSeed(SEED).withVerbose(0));
        Sequential distributed = model();
        List<String> lines = new ArrayList<>();
        History history = trainer(distributed, 3, Optimizer.adam(0.01)).setMetrics("accuracy", "auc")
                .progress(lines::add).fit(table(1));
        assertArrayEquals(flat(single), flat(distributed));
        assertEquals(expected.all(), history.all());
        assertTrue(lines.getLast().matches("epoch 3/3: loss 0\\.\\d{4} - accuracy 0\\.\\d{4} - auc 0\\.\\d{4}"
                + " \\(12 steps, [0-9.]+ s\\)"), lines::toString);
    }

    /**
     * Each step's gradient is summed partition by partition, fit's in one chain: they differ by rounding
     * (relative 1e-6 a step), which four epochs of SGD keep within 1e-4 of fit's weights.
     */
    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {2, 3})
    void severalPartitionsTrainFitsWeightsWithinRounding(int partitions) {
        Sequential single = model();
        History expected = fit(single, 4, Optimizer.sgd(0.5, 0, false));
        Sequential distributed = model();
        List<String> lines = new ArrayList<>();
        History history = trainer(distributed, 4, Optimizer.sgd(0.5, 0, false)).progress(lines::add)
                .fit(table(partitions));
        float[] want = flat(single);
        float[] got = flat(distributed);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-4, "weight " + i);
        }
        for (int e = 0; e < 4; e++) {
            assertEquals(expected.get("loss").get(e), history.get("loss").get(e), 1e-5);
        }
        assertEquals(4, lines.size());
        assertTrue(lines.getFirst().matches("epoch 1/4: loss 0\\.\\d{4} \\(12 steps, [0-9.]+ s\\)"), lines::toString);
    }

    @Test
    void parameterAveragingReachesAComparableLossInFewerRounds() {
        Sequential synchronous = model();
        double syncLoss = trainer(synchronous, 6, Optimizer.sgd(0.5, 0, false)).fit(table(2)).get("loss").getLast();
        Sequential averaged = model();
        List<String> lines = new ArrayList<>();
        History history = trainer(averaged, 6, Optimizer.sgd(0.5, 0, false)).averageEvery(4).progress(lines::add)
                .fit(table(2));
        double averagedLoss = history.get("loss").getLast();
        assertTrue(averagedLoss < history.get("loss").getFirst(), "it learns: " + history);
        assertTrue(averagedLoss < 1.25 * syncLoss, "averaged " + averagedLoss + " against synchronous " + syncLoss);
        assertTrue(lines.getFirst().contains("(3 averaging rounds"), lines::toString);
    }

    @Test
    void aCheckpointResumesWhereTheLastDriverStopped(@TempDir Path dir) {
        Sequential uninterrupted = model();
        trainer(uninterrupted, 4, Optimizer.sgd(0.5, 0, false)).fit(table(2));
        String checkpoint = dir.resolve("checkpoints").toUri().toString();
        Sequential first = model();
        trainer(first, 2, Optimizer.sgd(0.5, 0, false)).checkpoint(checkpoint).fit(table(2));
        Sequential restarted = model();
        History rest = trainer(restarted, 4, Optimizer.sgd(0.5, 0, false)).checkpoint(checkpoint).fit(table(2));
        assertEquals(2, rest.epochs(), "epochs 3 and 4 only");
        assertArrayEquals(flat(uninterrupted), flat(restarted));
        assertTrue(dir.resolve("checkpoints").resolve("epoch-000004.vnn").toFile().isFile());
        assertTrue(!dir.resolve("checkpoints").resolve("epoch-000002.vnn").toFile().exists(), "older ones go");
    }

    /**
     * Two driver processes, one after the other, on one checkpoint directory: the first trains two epochs,
     * the second, asked for four, resumes after the second and ends with the weights of four uninterrupted
     * epochs.
     */
    @Test
    void aRestartedDriverProcessResumesFromTheCheckpoint(@TempDir Path dir) throws Exception {
        String checkpoint = dir.resolve("checkpoints").toUri().toString();
        Path model = dir.resolve("model.vnn");
        for (int epochs : new int[] {2, 4}) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(System.getProperty("spark.jvm.flags").strip().split("\\s+")));
            command.addAll(List.of("-Xmx1g", "-Dvecnn.kernels=vector", "-cp", System.getProperty("java.class.path"),
                    RestartedDriver.class.getName(), checkpoint, Integer.toString(epochs), model.toString()));
            Process driver = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("driver-" + epochs + ".log").toFile()).start();
            assertEquals(0, driver.waitFor(), () -> "driver " + epochs + ": " + readLog(dir, epochs));
            assertTrue(readLog(dir, epochs).contains("epochs trained by this driver: 2"), () -> readLog(dir, epochs));
        }
        Sequential uninterrupted = new Sequential(new Dense(6, "tanh"), new Dense(1, "sigmoid"));
        RestartedDriver.trainer(uninterrupted, 4).fit(RestartedDriver.table(spark));
        assertArrayEquals(flat(uninterrupted), flat(Sequential.load(model)));
    }

    private static String readLog(Path dir, int epochs) {
        try {
            return java.nio.file.Files.readString(dir.resolve("driver-" + epochs + ".log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Test
    void aBadRowIsNamedByItsNumber() {
        List<Row> rows = List.of(RowFactory.create(Vectors.dense(1, 2, 3), 1.0),
                RowFactory.create(Vectors.dense(1, Double.NaN, 3), 0.0));
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType()).add("label",
                DataTypes.DoubleType);
        Dataset<Row> bad = spark.createDataFrame(rows, schema);
        Exception e = assertThrows(Exception.class, () -> trainer(model(), 1, Optimizer.sgd()).fit(bad));
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage());
        }
        assertTrue(messages.toString().contains("training row 1 (features 'features') feature 1 is NaN"),
                messages::toString);
    }
}
