package org.vecnn.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Sequential;
import org.vecnn.train.History;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/**
 * {@code ./vecnn spark-demo}: scores and trains a 20→64→32→1 network on a generated DataFrame of a million
 * rows (by default) in {@code local[2]}, and prints each step's throughput: the transformer against
 * single-JVM {@code predict} on the same rows, then an epoch of synchronous training and one of parameter
 * averaging. Arguments: {@code --rows N}, {@code --partitions P}, {@code --master URL}.
 */
public final class SparkDemo {

    private static final int FEATURES = 20;

    private SparkDemo() {
    }

    /** Runs the demo; see the class comment for the arguments. */
    public static void main(String[] args) {
        long rows = 1_000_000;
        int partitions = 2;
        String master = "local[2]";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[i + 1]);
                case "--partitions" -> partitions = Integer.parseInt(args[i + 1]);
                case "--master" -> master = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; the options are --rows N, --partitions P, --master URL");
            }
        }
        SparkSession spark = SparkSession.builder().master(master).appName("vecnn-spark-demo")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            run(spark, rows, partitions);
        } finally {
            spark.stop();
        }
    }

    private static void run(SparkSession spark, long rows, int partitions) {
        Dataset<Row> table = table(spark, rows, partitions).cache();
        say("generated %,d rows of %d features in %d partitions", table.count(), FEATURES, partitions);
        String[] features = new String[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            features[j] = "f" + j;
        }
        Sequential model = new Sequential(new Dense(64, "relu"), new Dense(32, "relu"), new Dense(1, "sigmoid"))
                .build(FEATURES, 1L);

        VecnnPredictor predictor = new VecnnPredictor(model).setFeatureCols(features).setPredictionCol("prediction");
        predictor.transform(table).agg(sum("prediction")).first();
        long start = System.nanoTime();
        double positives = predictor.transform(table).agg(sum("prediction")).first()
                .getDouble(0);
        double scoring = seconds(start);
        Matrix x = collect(table, features);
        model.predict(x);
        start = System.nanoTime();
        model.predict(x);
        double single = seconds(start);
        say("scored %,d rows (%,.0f positive) in %.2f s with VecnnPredictor: %,.0f rows/s; one JVM's"
                + " predict on the same rows: %.2f s, %,.0f rows/s", rows, positives, scoring, rows / scoring,
                single, rows / single);

        int batch = 4096;
        History synchronous = new SparkTrainer(model, Loss.BINARY_CROSSENTROPY, Optimizer.adam(0.01))
                .setFeatureCols(features).setEpochs(1).setBatchSize(batch).progress(SparkDemo::say).fit(table);
        History averaged = new SparkTrainer(model, Loss.BINARY_CROSSENTROPY, Optimizer.adam(0.01))
                .setFeatureCols(features).setEpochs(1).setBatchSize(batch).averageEvery(16)
                .progress(SparkDemo::say).fit(table);
        say("synchronous loss %.4f, then parameter averaging every 16 steps %.4f; batch %d", synchronous.get("loss")
                .getLast(), averaged.get("loss").getLast(), batch);
    }

    /** Uniform features in [−1, 1) and a label that depends on a few of them. */
    private static Dataset<Row> table(SparkSession spark, long rows, int partitions) {
        List<Column> columns = new ArrayList<>();
        for (int j = 0; j < FEATURES; j++) {
            columns.add(rand(j).multiply(2).minus(1).as("f" + j));
        }
        Dataset<Row> features = spark.range(0, rows, 1, partitions).select(columns.toArray(Column[]::new));
        Column score = col("f0").plus(col("f1").multiply(col("f2"))).minus(col("f3").multiply(0.5));
        return features.withColumn("label", when(score.gt(0), 1.0).otherwise(0.0));
    }

    private static Matrix collect(Dataset<Row> table, String[] features) {
        List<Row> rows = table.select(features[0], Arrays.copyOfRange(features, 1, FEATURES))
                .collectAsList();
        Matrix x = Matrix.zeros(rows.size(), FEATURES);
        for (int r = 0; r < rows.size(); r++) {
            for (int j = 0; j < FEATURES; j++) {
                x.set(r, j, (float) rows.get(r).getDouble(j));
            }
        }
        return x;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void say(String format, Object... values) {
        System.out.println("spark-demo: " + String.format(Locale.ROOT, format, values));
    }

    private static void say(String line) {
        System.out.println("spark-demo: " + line);
    }
}
