package org.vecnn.spark;

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
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Sequential;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/**
 * A driver program for {@code SparkTrainerTest}: trains the test's model on the test's rows with a checkpoint
 * directory, up to an epoch count, and saves the model. Run as its own JVM, twice, it is a driver restarted.
 * Arguments: the checkpoint directory URI, the epochs, the model file to write.
 */
final class RestartedDriver {

    static final int ROWS = 300;

    private RestartedDriver() {
    }

    /** Trains, saves, and says how many epochs this driver trained. */
    public static void main(String[] args) throws Exception {
        SparkSession spark = LocalSpark.builder("local[2]", "vecnn-restarted-driver").getOrCreate();
        try {
            Sequential model = new Sequential(new Dense(6, "tanh"), new Dense(1, "sigmoid"));
            int trained = trainer(model, Integer.parseInt(args[1])).checkpoint(args[0]).fit(table(spark)).epochs();
            model.save(Path.of(args[2]));
            System.out.println("epochs trained by this driver: " + trained);
        } finally {
            spark.stop();
        }
    }

    /** The test's trainer: plain SGD, whose resumed training is bit for bit the uninterrupted one. */
    static SparkTrainer trainer(Sequential model, int epochs) {
        return new SparkTrainer(model, Loss.BINARY_CROSSENTROPY, Optimizer.sgd(0.5, 0, false)).setEpochs(epochs)
                .setBatchSize(32).setSeed(3).progress(line -> { });
    }

    /** The test's rows, in two partitions. */
    static Dataset<Row> table(SparkSession spark) {
        Matrix x = Matrix.random(ROWS, 3, 13);
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            rows.add(RowFactory.create(Vectors.dense(x.get(r, 0), x.get(r, 1), x.get(r, 2)),
                    x.get(r, 0) * x.get(r, 1) > 0 ? 1.0 : 0.0));
        }
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType()).add("label",
                DataTypes.DoubleType);
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2),
                schema);
    }
}
