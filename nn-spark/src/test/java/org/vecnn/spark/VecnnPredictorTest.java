package org.vecnn.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Sequential;

/**
 * Scoring DataFrames in {@code local[2]}: the transformer and the SQL function give the bits of
 * {@link Sequential#predict} for vector, array and separate numeric columns; bad rows follow the policy.
 */
class VecnnPredictorTest {

    private static final int ROWS = 1000;

    private final SparkSession spark = LocalSpark.session();
    private final Sequential model = new Sequential(new Dense(8, "relu"), new Dense(3, "softmax")).build(4, 9L);
    private final Matrix x = Matrix.random(ROWS, 4, 3);

    private Dataset<Row> table() {
        StructType schema = new StructType().add("id", DataTypes.LongType).add("features", SQLDataTypes.VectorType())
                .add("values", DataTypes.createArrayType(DataTypes.DoubleType)).add("a", DataTypes.DoubleType)
                .add("b", DataTypes.FloatType).add("c", DataTypes.DoubleType).add("d", DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            double[] v = new double[4];
            List<Double> list = new ArrayList<>();
            for (int j = 0; j < 4; j++) {
                v[j] = x.get(r, j);
                list.add(v[j]);
            }
            x.set(r, 3, Math.round(x.get(r, 3)));
            v[3] = x.get(r, 3);
            list.set(3, v[3]);
            rows.add(RowFactory.create((long) r, Vectors.dense(v), scala.jdk.javaapi.CollectionConverters.asScala(list)
                    .toSeq(), v[0], (float) v[1], v[2], (int) v[3]));
        }
        return spark.createDataFrame(rows, schema).repartition(3);
    }

    private void assertScores(Dataset<Row> scored, String column) {
        Matrix expected = model.predict(x);
        List<Row> rows = scored.select("id", column).collectAsList();
        assertEquals(ROWS, rows.size());
        for (Row row : rows) {
            int r = (int) row.getLong(0);
            List<Object> scores = row.getList(1);
            for (int j = 0; j < 3; j++) {
                assertEquals(expected.get(r, j), (Float) scores.get(j), () -> "row " + r + " of " + column);
            }
        }
    }

    @Test
    void vectorArrayAndSeparateColumnsScoreTheBitsOfPredict() {
        Dataset<Row> table = table();
        assertScores(new VecnnPredictor(model).setFeaturesCol("features").setBatchSize(64).transform(table),
                "scores");
        assertScores(new VecnnPredictor(model).setFeaturesCol("values").setOutputCol("out").transform(table), "out");
        assertScores(new VecnnPredictor(model).setFeatureCols("a", "b", "c", "d").transform(table), "scores");
    }

    @Test
    void probabilitiesAndThePredictedClassAsSparkClassifiersGiveThem() {
        Row row = new VecnnPredictor(model).setProbabilityCol("probability").setPredictionCol("prediction")
                .transform(table()).filter("id = 7").first();
        float[] expected = model.predict(java.util.Arrays.copyOfRange(x.data(), 28, 32));
        Vector probability = row.getAs("probability");
        assertEquals(expected[1], (float) probability.apply(1));
        int best = expected[0] >= expected[1] && expected[0] >= expected[2] ? 0 : expected[1] >= expected[2] ? 1 : 2;
        assertEquals(best, row.<Double>getAs("prediction"));
    }

    @Test
    void theSqlFunctionScoresOneRowPerCall() {
        VecnnSql.register(spark, model);
        table().createOrReplaceTempView("samples");
        assertScores(spark.sql("SELECT id, vecnn_predict(features) AS s FROM samples"), "s");
        assertScores(spark.sql("SELECT id, vecnn_predict(values) AS s FROM samples"), "s");
    }

    @Test
    void badRowsFailNamingTheRowOrAreSkipped() {
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType(), true);
        List<Row> rows = List.of(RowFactory.create(Vectors.dense(1, 2, 3, 4)), RowFactory.create(Vectors.dense(1, 2)),
                RowFactory.create((Object) null), RowFactory.create(Vectors.dense(1, Double.NaN, 3, 4)));
        Dataset<Row> bad = spark.createDataFrame(rows, schema).coalesce(1);
        Exception e = assertThrows(Exception.class, () -> new VecnnPredictor(model).transform(bad).collectAsList());
        String message = rootMessage(e);
        assertTrue(message.contains("partition 0, row 1 (features 'features') has 2 features; the model takes 4"),
                message);
        List<Row> skipped = new VecnnPredictor(model).setBadRows("skip").transform(bad).collectAsList();
        assertEquals(4, skipped.size());
        assertEquals(3, skipped.get(0).getList(1).size());
        for (int r = 1; r < 4; r++) {
            assertNull(skipped.get(r).get(1), "row " + r);
        }
        assertThrows(IllegalArgumentException.class, () -> new VecnnPredictor(model).setBadRows("ignore"));
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> new VecnnPredictor(model).setFeaturesCol("id").transform(table()));
        assertTrue(type.getMessage().contains("features column 'id' is bigint"), type::getMessage);
    }

    private static String rootMessage(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void aSavedPredictorAndAPipelineHoldingOneLoadAndScoreTheSameBits(@TempDir Path dir) throws Exception {
        VecnnPredictor predictor = new VecnnPredictor(model).setFeatureCols("a", "b", "c", "d").setOutputCol("out")
                .setBadRows("skip").setBatchSize(32);
        String path = dir.resolve("predictor").toUri().toString();
        predictor.save(path);
        VecnnPredictor loaded = VecnnPredictor.load(path);
        assertEquals(predictor.uid(), loaded.uid());
        assertEquals(32, loaded.getOrDefault(loaded.batchSize()));
        assertEquals("skip", loaded.getOrDefault(loaded.badRows()));
        assertScores(loaded.transform(table()), "out");

        PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {predictor}).fit(table());
        String pipelinePath = dir.resolve("pipeline").toUri().toString();
        pipeline.write().overwrite().save(pipelinePath);
        assertScores(PipelineModel.load(pipelinePath).transform(table()), "out");

        // A file corrupted where no checksum guards it (Hadoop's local file system keeps one beside it).
        java.nio.file.Files.write(dir.resolve("predictor").resolve("model.vnn"), new byte[] {1, 2, 3});
        java.nio.file.Files.deleteIfExists(dir.resolve("predictor").resolve(".model.vnn.crc"));
        IllegalArgumentException corrupt = assertThrows(IllegalArgumentException.class,
                () -> VecnnPredictor.load(path));
        assertTrue(corrupt.getMessage().contains("model.vnn"), corrupt::getMessage);
    }

    @Test
    void copiesKeepTheirParameters() {
        VecnnPredictor predictor = new VecnnPredictor(model).setOutputCol("z");
        VecnnPredictor copy = predictor.copy(new org.apache.spark.ml.param.ParamMap());
        assertEquals("z", copy.getOrDefault(copy.outputCol()));
        assertEquals(predictor.uid(), copy.uid());
        assertArrayEquals(new String[0], copy.getOrDefault(copy.featureCols()));
    }
}
