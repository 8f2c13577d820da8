package org.vecnn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.kernel.KernelProvider;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Sequential;
import org.vecnn.train.History;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/**
 * Executors in JVMs of their own ({@code local-cluster[2,1,1024]}): the model file and the kernels work where
 * the driver is not. Scoring gives the driver's bits, training learns, and the tasks ran in two other
 * processes on the vector kernels.
 */
class LocalClusterTest {

    private static final int ROWS = 400;
    private static SparkSession spark;

    @BeforeAll
    static void startCluster() {
        String flags = System.getProperty("spark.jvm.flags").replaceAll("\\s+", " ").strip();
        spark = LocalSpark.builder("local-cluster[2,1,1024]", "vecnn-cluster-test")
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .config("spark.executor.extraJavaOptions", flags + " -Dvecnn.kernels=vector")
                .getOrCreate();
    }

    @AfterAll
    static void stopCluster() {
        spark.stop();
    }

    @Test
    void executorsInOtherJvmsScoreTheDriversBitsAndTrain() {
        Sequential model = new Sequential(new Dense(6, "relu"), new Dense(1, "sigmoid")).build(3, 2L);
        Matrix x = Matrix.random(ROWS, 3, 7);
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            rows.add(RowFactory.create((long) r, Vectors.dense(x.get(r, 0), x.get(r, 1), x.get(r, 2)),
                    x.get(r, 0) + x.get(r, 1) > 0 ? 1.0 : 0.0));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType).add("features", SQLDataTypes.VectorType())
                .add("label", DataTypes.DoubleType);
        Dataset<Row> table = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(rows, 4), schema);

        Matrix expected = model.predict(x);
        for (Row row : new VecnnPredictor(model).transform(table).select("id", "scores").collectAsList()) {
            int r = (int) row.getLong(0);
            assertEquals(expected.get(r, 0), (Float) row.getList(1).get(0), "row " + r);
        }

        History history = new SparkTrainer(model, Loss.BINARY_CROSSENTROPY, Optimizer.adam(0.05)).setEpochs(4)
                .setBatchSize(40).progress(line -> { }).fit(table);
        assertTrue(history.get("loss").getLast() < 0.8 * history.get("loss").getFirst(), history::toString);

        long driver = ProcessHandle.current().pid();
        List<String> executors = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 8)
                .map(i -> ProcessHandle.current().pid() + " " + KernelProvider.description()).collect();
        Set<Long> pids = new HashSet<>();
        for (String executor : executors) {
            pids.add(Long.parseLong(executor.substring(0, executor.indexOf(' '))));
            assertTrue(executor.contains("vector"), executor);
        }
        assertFalse(pids.contains(driver), "tasks ran in the driver's JVM");
        assertEquals(2, pids.size(), "two executor JVMs: " + executors);
    }
}
