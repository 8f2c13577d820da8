package org.vecnn.spark;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.storage.StorageLevel;
import org.vecnn.nn.Sequential;
import org.vecnn.train.DataParallel;
import org.vecnn.train.History;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;
import scala.Tuple2;

/**
 * Trains a vecnn model on a DataFrame across a Spark cluster.
 *
 * <p><b>Synchronous</b> (the default): {@link org.vecnn.train.Trainer#fit}'s epochs and mini-batches, each
 * global batch split across the partitions that hold its rows. Each partition computes the gradient of its
 * rows with vecnn's trainer; the driver adds the partitions' gradients in partition order (a fixed order:
 * the same data and partitioning give the same bits every run), takes the optimiser step, and broadcasts
 * the new weights. The same data, seed, batch size and optimiser give {@code fit}'s weights: bit for bit on
 * one partition, and to rounding on several, where each step's gradient is summed partition by partition.
 *
 * <p><b>Parameter averaging</b> ({@link #averageEvery}{@code (k)}): each partition takes k local steps on its
 * rows of k global batches with a fresh optimiser of the same name and learning rate, then the driver
 * averages the partitions' weights (by their rows). It needs k times fewer rounds, and is <em>not</em> equal
 * to single-machine training.
 *
 * <p>With {@link #checkpoint} the model is saved after every epoch to a directory Hadoop's file systems reach,
 * and a fit started again resumes after the last saved epoch (bit for bit with plain SGD; an optimiser's
 * moments, such as Adam's, start afresh). Progress goes to the driver's log ({@code org.vecnn.spark}), one
 * line per epoch with its loss and {@link #setMetrics metrics}, which {@link History} also keeps. Models
 * with batch statistics or a weight penalty are refused: their gradients do not add up over partitions.
 */
public final class SparkTrainer {

    private static final Logger LOG = Logger.getLogger("org.vecnn.spark");

    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private String featuresCol = "features";
    private String[] featureCols = new String[0];
    private String labelCol = "label";
    private int epochs = 10;
    private int batchSize = 32;
    private long seed;
    private boolean shuffle = true;
    private int averageEvery;
    private String[] metrics = new String[0];
    private String checkpoint;
    private Consumer<String> progress = LOG::info;

    /** A trainer of the model with this loss and optimiser (the driver's: it keeps the optimiser's state). */
    public SparkTrainer(Sequential model, Loss loss, Optimizer optimizer) {
        this.model = Objects.requireNonNull(model, "model");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    }

    /** The features are this vector or array column (default {@code features}); returns this trainer. */
    public SparkTrainer setFeaturesCol(String column) {
        featuresCol = column;
        featureCols = new String[0];
        return this;
    }

    /** The features are these numeric columns, one each; returns this trainer. */
    public SparkTrainer setFeatureCols(String... columns) {
        featureCols = columns.clone();
        return this;
    }

    /** The targets are this column: a number, or a vector or array of them (default {@code label}). */
    public SparkTrainer setLabelCol(String column) {
        labelCol = column;
        return this;
    }

    /** Passes over the data (default 10); returns this trainer. */
    public SparkTrainer setEpochs(int count) {
        epochs = requirePositive("epochs", count);
        return this;
    }

    /** Rows per global mini-batch, across all partitions (default 32); returns this trainer. */
    public SparkTrainer setBatchSize(int rows) {
        batchSize = requirePositive("batch size", rows);
        return this;
    }

    /** The seed of the weights, the shuffles and dropout (default 0); returns this trainer. */
    public SparkTrainer setSeed(long value) {
        seed = value;
        return this;
    }

    /** Whether each epoch reshuffles the rows (default true, as fit); returns this trainer. */
    public SparkTrainer setShuffle(boolean value) {
        shuffle = value;
        return this;
    }

    /**
     * Training metrics by Keras name, reported per epoch as fit reports them (from each step's outputs);
     * returns this trainer.
     */
    public SparkTrainer setMetrics(String... names) {
        metrics = names.clone();
        return this;
    }

    /** Parameter averaging every {@code steps} local steps; 0 (the default) trains synchronously. */
    public SparkTrainer averageEvery(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("averageEvery must be at least 0, got " + steps);
        }
        averageEvery = steps;
        return this;
    }

    /** Saves a checkpoint after every epoch in this directory (any Hadoop file system URI), and resumes from it. */
    public SparkTrainer checkpoint(String directory) {
        checkpoint = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /** Where the per-epoch progress lines go (default: the {@code org.vecnn.spark} logger at INFO). */
    public SparkTrainer progress(Consumer<String> lines) {
        progress = Objects.requireNonNull(lines, "lines");
        return this;
    }

    private static int requirePositive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
        return value;
    }

    /**
     * Trains the model on the rows of {@code data} (an unbuilt model is built from the seed), publishing its
     * weights after every epoch; returns the loss and metrics of each epoch trained in this call.
     *
     * @throws IllegalArgumentException for no rows, a bad row (its global number named), or columns that do
     *     not fit the model or the loss
     */
    public History fit(Dataset<Row> data) {
        FeatureColumns features = featureCols.length > 0 ? FeatureColumns.separate(data.schema(), featureCols)
                : FeatureColumns.packed(data.schema(), featuresCol);
        FeatureColumns labels = data.schema().apply(data.schema().fieldIndex(labelCol)).dataType()
                instanceof NumericType
                ? FeatureColumns.separate(data.schema(), labelCol) : FeatureColumns.packed(data.schema(), labelCol);
        int width = model.isBuilt() ? model.inputWidth() : firstWidth(data, features);
        if (!model.isBuilt()) {
            model.build(width, seed);
        }
        int targetWidth = loss.targetWidth(model.outputWidth());
        JavaRDD<Shard> shards = data.toDF().javaRDD().zipWithIndex().mapPartitionsWithIndex(
                (partition, rows) -> List.of(shardOf(partition, rows, features, labels, width, targetWidth))
                        .iterator(), true).persist(StorageLevel.MEMORY_AND_DISK());
        // Each step is a job over the shards: cut their lineage, so that no step's tasks carry the source's.
        shards.rdd().localCheckpoint();
        try {
            long count = shards.map(shard -> shard.rowCount()).reduce(Long::sum);
            if (count == 0 || count > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("training needs 1 to " + Integer.MAX_VALUE + " rows, got " + count);
            }
            return train(JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext()), shards, (int) count);
        } finally {
            shards.unpersist(false);
        }
    }

    private static int firstWidth(Dataset<Row> data, FeatureColumns features) {
        Row first = data.first();
        int width = features.width(first);
        if (width < 1) {
            throw new IllegalArgumentException("the first row's features " + features.description() + " are null or"
                    + " empty: build the model with its input width first");
        }
        return width;
    }

    private static Shard shardOf(int partition, Iterator<Tuple2<Row, Long>> rows, FeatureColumns features,
                                 FeatureColumns labels, int width, int targetWidth) {
        int[] index = new int[64];
        float[] x = new float[64 * width];
        float[] y = new float[64 * targetWidth];
        int n = 0;
        while (rows.hasNext()) {
            Tuple2<Row, Long> row = rows.next();
            if (n == index.length) {
                index = Arrays.copyOf(index, 2 * n);
                x = Arrays.copyOf(x, 2 * n * width);
                y = Arrays.copyOf(y, 2 * n * targetWidth);
            }
            String problem = features.read(row._1(), width, x, n * width);
            if (problem == null) {
                problem = labels.read(row._1(), targetWidth, y, n * targetWidth);
                problem = problem == null ? null : "its label " + labels.description() + " " + problem;
            }
            if (problem != null) {
                throw new IllegalArgumentException("vecnn: training row " + row._2() + " (features "
                        + features.description() + ") " + problem);
            }
            index[n++] = Math.toIntExact(row._2());
        }
        return new Shard(partition, Arrays.copyOf(index, n), Arrays.copyOf(x, n * width),
                Arrays.copyOf(y, n * targetWidth), width, targetWidth);
    }

    private History train(JavaSparkContext spark, JavaRDD<Shard> shards, int samples) {
        TrainingCheckpoint saved = checkpoint == null ? null
                : new TrainingCheckpoint(checkpoint, spark.hadoopConfiguration());
        int done = saved == null ? 0 : saved.resume(model);
        DataParallel coordinator = new DataParallel(model, model.inputWidth(), loss, optimizer, samples, batchSize,
                seed, metrics);
        for (int e = 0; e < done; e++) {
            coordinator.nextEpoch(shuffle);
        }
        Broadcast<byte[]> file = spark.broadcast(VecnnPredictor.bytesOf(model));
        try {
            for (int epoch = done + 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                int[] order = coordinator.nextEpoch(shuffle);
                int[] position = new int[samples];
                for (int p = 0; p < samples; p++) {
                    position[order[p]] = p;
                }
                Broadcast<int[]> positions = spark.broadcast(position);
                Shard.Job job = new Shard.Job(file, loss.name(), batchSize, seed, epoch, positions,
                        coordinator.measures());
                double lossSum = averageEvery == 0 ? synchronous(spark, shards, coordinator, job)
                        : averaged(spark, shards, coordinator, job);
                positions.destroy();
                coordinator.endEpoch(lossSum);
                if (saved != null) {
                    saved.save(model, epoch);
                }
                progress.accept(progressLine(coordinator.history(), epoch, coordinator.steps(), start));
            }
        } finally {
            file.destroy();
        }
        return coordinator.history();
    }

    /** {@code epoch 2/5: loss 0.1873 - accuracy 0.9412 (59 steps, 3.1 s)}. */
    private String progressLine(History history, int epoch, int steps, long start) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d:", epoch, epochs));
        history.all().forEach((name, values) -> line.append(line.charAt(line.length() - 1) == ':' ? " " : " - ")
                .append(name).append(String.format(Locale.ROOT, " %.4f", values.getLast())));
        int rounds = averageEvery == 0 ? steps : (steps + averageEvery - 1) / averageEvery;
        return line.append(String.format(Locale.ROOT, " (%d %s, %.1f s)", rounds, averageEvery == 0 ? "steps"
                : "averaging rounds", (System.nanoTime() - start) / 1e9)).toString();
    }

    /** One epoch of synchronous steps; returns its summed loss. */
    private double synchronous(JavaSparkContext spark, JavaRDD<Shard> shards, DataParallel coordinator,
                               Shard.Job job) {
        double lossSum = 0;
        for (int step = 0; step < coordinator.steps(); step++) {
            int from = step * batchSize;
            int to = coordinator.batchEnd(step);
            Broadcast<float[]> weights = spark.broadcast(coordinator.weights());
            int s = step;
            List<Shard.Part> parts = shards.map(shard -> shard.gradient(job, s, from, to, weights.value())).collect();
            weights.destroy();
            float[] sum = new float[coordinator.weightCount()];
            for (Shard.Part part : parts) {
                lossSum += part.loss();
                if (part.gradient() != null) {
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += part.gradient()[i];
                    }
                    measure(coordinator, part);
                }
            }
            coordinator.step(sum);
        }
        return lossSum;
    }

    private static void measure(DataParallel coordinator, Shard.Part part) {
        if (part.outputs() != null) {
            coordinator.measure(part.rows(), part.outputs(), part.targets());
        }
    }

    /** One epoch of parameter averaging; returns its summed loss. */
    private double averaged(JavaSparkContext spark, JavaRDD<Shard> shards, DataParallel coordinator,
                            Shard.Job job) {
        double lossSum = 0;
        String name = optimizer.name();
        double rate = optimizer.learningRate();
        for (int first = 0; first < coordinator.steps(); first += averageEvery) {
            int last = Math.min(coordinator.steps(), first + averageEvery);
            int[] bounds = new int[last - first + 1];
            for (int s = first; s <= last; s++) {
                bounds[s - first] = s == last ? coordinator.batchEnd(s - 1) : s * batchSize;
            }
            Broadcast<float[]> weights = spark.broadcast(coordinator.weights());
            int round = first;
            List<Shard.Part> parts = shards.map(shard -> shard.localSteps(job, round, bounds, weights.value(), name,
                    rate)).collect();
            weights.destroy();
            double[] mean = new double[coordinator.weightCount()];
            long rows = 0;
            for (Shard.Part part : parts) {
                lossSum += part.loss();
                if (part.gradient() != null) {
                    for (int i = 0; i < mean.length; i++) {
                        mean[i] += (double) part.rows() * part.gradient()[i];
                    }
                    rows += part.rows();
                    measure(coordinator, part);
                }
            }
            float[] averaged = new float[mean.length];
            for (int i = 0; i < mean.length; i++) {
                averaged[i] = (float) (mean[i] / rows);
            }
            coordinator.setWeights(averaged);
        }
        return lossSum;
    }
}
