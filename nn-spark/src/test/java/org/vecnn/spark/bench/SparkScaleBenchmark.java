package org.vecnn.spark.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Sequential;
import org.vecnn.spark.SparkTrainer;
import org.vecnn.spark.VecnnPredictor;
import org.vecnn.train.FitOptions;
import org.vecnn.train.Trainer;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/**
 * The cost of scale, in one JVM running Spark in {@code local[2]}: scoring the rows with the transformer
 * against one JVM's {@code predict} on the same rows, and an epoch of synchronous training on one and on two
 * partitions against {@link Trainer#fit}. Each operation is one shot over all the rows; compare the scores
 * of one run ({@code ./vecnn bench --spark}). The JVM flags are spark-submit's, given on the command line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class SparkScaleBenchmark {

    private static final int FEATURES = 20;

    /** Rows scored and trained on. */
    @Param("200000")
    public int rows;
    /** Rows per global mini-batch. */
    @Param("4096")
    public int batch;

    private SparkSession spark;
    private Sequential model;
    private Matrix x;
    private Matrix y;
    private Dataset<Row> onePartition;
    private Dataset<Row> twoPartitions;
    private String[] featureNames;

    /** Starts Spark and caches the rows in one and in two partitions. */
    @Setup
    public void setUp() {
        spark = SparkSession.builder().master("local[2]").appName("vecnn-bench").config("spark.ui.enabled", "false")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        model = new Sequential(new Dense(64, "relu"), new Dense(32, "relu"), new Dense(1, "sigmoid"))
                .build(FEATURES, 1L);
        // Rows made on the executors (a local collection would travel inside every task), then collected
        // for the single-JVM runs.
        List<Column> columns = new ArrayList<>();
        for (int j = 0; j < FEATURES; j++) {
            columns.add(functions.rand(j).multiply(2).minus(1).as("f" + j));
        }
        Dataset<Row> generated = spark.range(0, rows, 1, 2).select(columns.toArray(Column[]::new));
        String[] names = generated.columns();
        generated = generated.withColumn("label", functions.when(functions.col("f0").plus(functions.col("f1")
                .multiply(functions.col("f2"))).gt(0), 1.0).otherwise(0.0));
        twoPartitions = generated.cache();
        onePartition = generated.coalesce(1).cache();
        List<Row> all = twoPartitions.collectAsList();
        x = Matrix.zeros(rows, FEATURES);
        y = Matrix.zeros(rows, 1);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < FEATURES; j++) {
                x.set(r, j, (float) all.get(r).getDouble(j));
            }
            y.set(r, 0, (float) all.get(r).getDouble(FEATURES));
        }
        featureNames = names;
        onePartition.count();
        twoPartitions.count();
    }

    /** Stops Spark. */
    @TearDown
    public void tearDown() {
        spark.stop();
    }

    /** All the rows scored by VecnnPredictor, two partitions on two cores. */
    @Benchmark
    public double scoreWithTheTransformer() {
        return new VecnnPredictor(model).setFeatureCols(featureNames).transform(twoPartitions)
                .agg(functions.sum(functions.element_at(functions.col("scores"), 1))).first().getDouble(0);
    }

    /** The same rows through one JVM's predict. */
    @Benchmark
    public Matrix scoreInOneJvm() {
        return model.predict(x);
    }

    /** One epoch of synchronous data-parallel training on one partition. */
    @Benchmark
    public double trainAnEpochOnOnePartition() {
        return train(onePartition);
    }

    /** One epoch of synchronous data-parallel training on two partitions. */
    @Benchmark
    public double trainAnEpochOnTwoPartitions() {
        return train(twoPartitions);
    }

    /** One epoch of fit on the same rows, in one JVM. */
    @Benchmark
    public double fitAnEpochInOneJvm() {
        Sequential copy = copy();
        return new Trainer(copy, Loss.BINARY_CROSSENTROPY, Optimizer.adam(0.01)).fit(x, y, FitOptions.defaults()
                .withEpochs(1).withBatchSize(batch).withVerbose(0)).get("loss").getLast();
    }

    private double train(Dataset<Row> data) {
        return new SparkTrainer(copy(), Loss.BINARY_CROSSENTROPY, Optimizer.adam(0.01)).setEpochs(1)
                .setFeatureCols(featureNames).setBatchSize(batch).progress(line -> { }).fit(data).get("loss")
                .getLast();
    }

    private Sequential copy() {
        Sequential copy = new Sequential(new Dense(64, "relu"), new Dense(32, "relu"), new Dense(1, "sigmoid"))
                .build(FEATURES, 1L);
        copy.setWeights(model.getWeights());
        return copy;
    }
}
