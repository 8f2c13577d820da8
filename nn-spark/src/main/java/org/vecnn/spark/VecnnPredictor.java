package org.vecnn.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.vecnn.nn.Sequential;

/**
 * A vecnn model as a Spark ML {@code Transformer}: scores a DataFrame's rows in batches, partition by
 * partition, and appends the model's outputs ({@code array<float>}, {@link #setOutputCol}), and for a
 * classifier optionally the class probabilities (a {@code Vector}: a single sigmoid output p gives
 * {@code [1 − p, p]}) and the predicted class index (a {@code double}), as Spark's classifiers do.
 *
 * <p>The features are one column holding a {@code Vector} or an {@code array} of numbers
 * ({@link #setFeaturesCol}), or a list of numeric columns ({@link #setFeatureCols}). The model file's bytes
 * are broadcast once per transform; each executor JVM decodes one model that its tasks share. A row whose
 * features are null, of the wrong length, NaN or infinite fails the job with an error naming its partition
 * and row ({@code badRows = "error"}, the default), or is scored as nulls ({@code "skip"}). The parameters
 * are Spark ML {@code Param}s, listed by {@code explainParams()}; {@link #save} and {@link #load} keep a
 * predictor (its params and its model file) as Spark ML keeps its stages, inside a saved pipeline too.
 */
public final class VecnnPredictor extends Transformer implements MLWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final byte[] modelFile;

    private final Param<String> featuresCol;
    private final StringArrayParam featureCols;
    private final Param<String> outputCol;
    private final Param<String> probabilityCol;
    private final Param<String> predictionCol;
    private final Param<String> badRows;
    private final IntParam batchSize;

    /** A predictor of a built model (its file's bytes are kept: later changes to the model are not seen). */
    public VecnnPredictor(Sequential model) {
        this(Identifiable$.MODULE$.randomUID("vecnnPredictor"), bytesOf(model));
    }

    private VecnnPredictor(String uid, byte[] modelFile) {
        this.uid = uid;
        this.modelFile = modelFile;
        featuresCol = new Param<String>(this, "featuresCol", "the column of features: a vector or"
                + " an array of numbers");
        featureCols = new StringArrayParam(this, "featureCols", "numeric columns, one"
                + " feature each (instead of featuresCol)");
        outputCol = new Param<String>(this, "outputCol", "the column of the model's outputs");
        probabilityCol = new Param<String>(this, "probabilityCol", "the column of class"
                + " probabilities (empty: none)");
        predictionCol = new Param<String>(this, "predictionCol", "the column of the predicted"
                + " class index (empty: none)");
        badRows = new Param<String>(this, "badRows", "error (fail naming the row) or skip (null"
                + " outputs) for rows that cannot be scored");
        batchSize = new IntParam(this, "batchSize", "rows per predict call");
        setDefault(featuresCol, "features");
        setDefault(featureCols, new String[0]);
        setDefault(outputCol, "scores");
        setDefault(probabilityCol, "");
        setDefault(predictionCol, "");
        setDefault(badRows, "error");
        setDefault(batchSize, 256);
    }

    /** A predictor of a model file's bytes, for {@link PredictorFiles}. */
    static VecnnPredictor of(String uid, byte[] modelFile) {
        return new VecnnPredictor(uid, modelFile);
    }

    /** How Spark ML writes this predictor: {@code predictor.write().overwrite().save(path)}. */
    @Override
    public MLWriter write() {
        return new PredictorFiles.Writer(this, modelFile);
    }

    /** How Spark ML reads predictors, as {@code PipelineModel.load} does. */
    public static MLReader<VecnnPredictor> read() {
        return new PredictorFiles.Reader();
    }

    /**
     * A predictor saved by {@link #save}, from any file system Hadoop reaches.
     *
     * @throws IllegalArgumentException if the model file there is not a valid vecnn model
     */
    public static VecnnPredictor load(String path) {
        return read().load(path);
    }

    static byte[] bytesOf(Sequential model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            model.save(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The one column of features: a vector or an array of numbers. */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** Numeric columns, one feature each, instead of {@link #featuresCol}. */
    public StringArrayParam featureCols() {
        return featureCols;
    }

    /** The column of the model's outputs. */
    public Param<String> outputCol() {
        return outputCol;
    }

    /** The column of class probabilities, or empty for none. */
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    /** The column of the predicted class index, or empty for none. */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /** {@code error} or {@code skip}: see {@link BadRows}. */
    public Param<String> badRows() {
        return badRows;
    }

    /** Rows per predict call. */
    public IntParam batchSize() {
        return batchSize;
    }

    /** Reads the features from this vector or array column; returns this predictor. */
    public VecnnPredictor setFeaturesCol(String column) {
        set(featuresCol, column);
        return this;
    }

    /** Reads one feature from each of these numeric columns, in order; returns this predictor. */
    public VecnnPredictor setFeatureCols(String... columns) {
        set(featureCols, columns);
        return this;
    }

    /** Names the outputs' column; returns this predictor. */
    public VecnnPredictor setOutputCol(String column) {
        set(outputCol, column);
        return this;
    }

    /** Adds a column of class probabilities; returns this predictor. */
    public VecnnPredictor setProbabilityCol(String column) {
        set(probabilityCol, column);
        return this;
    }

    /** Adds a column of the predicted class index; returns this predictor. */
    public VecnnPredictor setPredictionCol(String column) {
        set(predictionCol, column);
        return this;
    }

    /** {@code error} or {@code skip}; returns this predictor. */
    public VecnnPredictor setBadRows(String policy) {
        set(badRows, BadRows.of(policy).name().toLowerCase(Locale.ROOT));
        return this;
    }

    /** Rows per predict call (at least 1); returns this predictor. */
    public VecnnPredictor setBatchSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + rows);
        }
        set(batchSize, rows);
        return this;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        features(schema);
        StructType out = schema.add(getOrDefault(outputCol), DataTypes.createArrayType(DataTypes.FloatType, false));
        if (!getOrDefault(probabilityCol).isEmpty()) {
            out = out.add(getOrDefault(probabilityCol), SQLDataTypes.VectorType());
        }
        if (!getOrDefault(predictionCol).isEmpty()) {
            out = out.add(getOrDefault(predictionCol), DataTypes.DoubleType);
        }
        return out;
    }

    private FeatureColumns features(StructType schema) {
        String[] columns = getOrDefault(featureCols);
        return columns.length > 0 ? FeatureColumns.separate(schema, columns)
                : FeatureColumns.packed(schema, getOrDefault(featuresCol));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType schema = transformSchema(dataset.schema());
        FeatureColumns features = features(dataset.schema());
        Broadcast<byte[]> file = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext())
                .broadcast(modelFile);
        BadRows policy = BadRows.of(getOrDefault(badRows));
        PartitionScorer.Outputs outputs = new PartitionScorer.Outputs(!getOrDefault(probabilityCol).isEmpty(),
                !getOrDefault(predictionCol).isEmpty());
        int rows = (Integer) getOrDefault(batchSize);
        return dataset.toDF().mapPartitions((MapPartitionsFunction<Row, Row>) input -> new PartitionScorer(input,
                SharedModels.of(file), features, policy, outputs, rows), Encoders.row(schema));
    }

    @Override
    public VecnnPredictor copy(ParamMap extra) {
        return copyValues(new VecnnPredictor(uid, modelFile), extra);
    }
}
