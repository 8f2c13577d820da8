package org.vecnn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.testkit.Readme;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Sequential;
import org.vecnn.train.History;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/** The README's Spark example runs as written, and its model learns the four rows. */
class ReadmeSparkTest {

    private static final List<String> SNIPPET = List.of(
            "import java.util.List;",
            "import org.apache.spark.ml.linalg.SQLDataTypes;",
            "import org.apache.spark.ml.linalg.Vectors;",
            "import org.apache.spark.sql.*;",
            "import org.apache.spark.sql.types.*;",
            "import org.vecnn.nn.*;",
            "import org.vecnn.spark.*;",
            "import org.vecnn.train.History;",
            "import org.vecnn.train.loss.Loss;",
            "import org.vecnn.train.optim.Optimizer;",
            "",
            "SparkSession spark = SparkSession.builder().master(\"local[2]\").getOrCreate();",
            "StructType schema = new StructType().add(\"features\", SQLDataTypes.VectorType())",
            "        .add(\"label\", DataTypes.DoubleType);",
            "Dataset<Row> table = spark.createDataFrame(List.of(",
            "        RowFactory.create(Vectors.dense(0.9, 0.1), 1.0), RowFactory.create(Vectors.dense(0.2, 0.8), 0.0),",
            "        RowFactory.create(Vectors.dense(0.7, 0.3), 1.0),"
                    + " RowFactory.create(Vectors.dense(0.1, 0.6), 0.0)),",
            "        schema);",
            "Sequential model = new Sequential(new Dense(4, \"relu\"), new Dense(1, \"sigmoid\")).build(2, 1L);",
            "",
            "// Train: synchronous data-parallel steps, fit's batches and optimiser across the partitions.",
            "History history = new SparkTrainer(model, Loss.BINARY_CROSSENTROPY, Optimizer.adam(0.05))",
            "        .setFeaturesCol(\"features\").setLabelCol(\"label\").setEpochs(50).setBatchSize(4).setSeed(1)",
            "        .fit(table);                      // .checkpoint(\"hdfs:///models/x\") saves and resumes epochs",
            "",
            "// Score: batches of rows per partition, one shared model per executor JVM.",
            "Dataset<Row> scored = new VecnnPredictor(model)",
            "        .setFeaturesCol(\"features\")       // a Vector or array<float|double> column, or setFeatureCols",
            "        .setProbabilityCol(\"probability\").setPredictionCol(\"prediction\")",
            "        .setBadRows(\"skip\")               // null outputs"
                    + " for null, short or NaN rows; \"error\" names them",
            "        .transform(table);",
            "",
            "// Or in SQL.",
            "VecnnSql.register(spark, model);",
            "table.createOrReplaceTempView(\"applicants\");",
            "Dataset<Row> sql = spark.sql(\"SELECT vecnn_predict(features) AS scores FROM applicants\");");

    @Test
    void theReadmeHoldsThisSnippet() throws IOException {
        Readme.assertContains(SNIPPET, "Spark example");
    }

    @Test
    void theSnippetRunsAndLearns() {
        LocalSpark.session();
        SparkSession spark = SparkSession.builder().master("local[2]").getOrCreate();
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType())
                .add("label", DataTypes.DoubleType);
        Dataset<Row> table = spark.createDataFrame(List.of(
                RowFactory.create(Vectors.dense(0.9, 0.1), 1.0), RowFactory.create(Vectors.dense(0.2, 0.8), 0.0),
                RowFactory.create(Vectors.dense(0.7, 0.3), 1.0), RowFactory.create(Vectors.dense(0.1, 0.6), 0.0)),
                schema);
        Sequential model = new Sequential(new Dense(4, "relu"), new Dense(1, "sigmoid")).build(2, 1L);

        // Train: synchronous data-parallel steps, fit's batches and optimiser across the partitions.
        History history = new SparkTrainer(model, Loss.BINARY_CROSSENTROPY, Optimizer.adam(0.05))
                .setFeaturesCol("features").setLabelCol("label").setEpochs(50).setBatchSize(4).setSeed(1)
                .fit(table);                      // .checkpoint("hdfs:///models/x") saves and resumes epochs

        // Score: batches of rows per partition, one shared model per executor JVM.
        Dataset<Row> scored = new VecnnPredictor(model)
                .setFeaturesCol("features")       // a Vector or array<float|double> column, or setFeatureCols
                .setProbabilityCol("probability").setPredictionCol("prediction")
                .setBadRows("skip")               // null outputs for null, short or NaN rows; "error" names them
                .transform(table);

        // Or in SQL.
        VecnnSql.register(spark, model);
        table.createOrReplaceTempView("applicants");
        Dataset<Row> sql = spark.sql("SELECT vecnn_predict(features) AS scores FROM applicants");

        assertTrue(history.get("loss").getLast() < 0.3 * history.get("loss").getFirst(), history::toString);
        List<Row> rows = scored.select("label", "prediction").collectAsList();
        for (Row row : rows) {
            assertEquals(row.getDouble(0), row.getDouble(1), rows::toString);
        }
        assertEquals(4, sql.count());
    }
}
