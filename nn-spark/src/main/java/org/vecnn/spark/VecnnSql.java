package org.vecnn.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.vecnn.nn.Sequential;

/**
 * vecnn models as Spark SQL functions: {@code SELECT vecnn_predict(features) FROM t} gives the model's
 * outputs as {@code array<float>} for a vector or array-of-numbers argument, null for a null one. A SQL
 * function scores one row per call; the {@link VecnnPredictor} transformer scores in batches and is faster.
 */
public final class VecnnSql {

    /** The name {@link #register(SparkSession, Sequential)} gives the function. */
    public static final String FUNCTION = "vecnn_predict";

    private VecnnSql() {
    }

    /** Registers the model as {@code vecnn_predict}. */
    public static void register(SparkSession spark, Sequential model) {
        register(spark, FUNCTION, model);
    }

    /**
     * Registers the model as the SQL function {@code name}; its file's bytes are broadcast once.
     *
     * @throws IllegalArgumentException (at query time) for features of the wrong length, NaN or infinite
     */
    public static void register(SparkSession spark, String name, Sequential model) {
        Broadcast<byte[]> file = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(VecnnPredictor.bytesOf(model));
        int width = model.inputWidth();
        spark.udf().register(name, (UDF1<Object, float[]>) value -> {
            if (value == null) {
                return null;
            }
            float[] input = new float[width];
            String problem = FeatureColumns.read(value, width, input, 0);
            if (problem != null) {
                throw new IllegalArgumentException(name + ": a value that " + problem);
            }
            return SharedModels.of(file).predict(input);
        }, DataTypes.createArrayType(DataTypes.FloatType, false));
    }
}
