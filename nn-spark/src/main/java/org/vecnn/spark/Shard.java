package org.vecnn.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.WeakHashMap;
import org.apache.spark.broadcast.Broadcast;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Sequential;
import org.vecnn.train.DataParallel;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/**
 * One partition's training rows, kept by the executor that holds the partition: their global row numbers,
 * features and targets. For a step it computes the gradient of its rows of the global batch; for a round of
 * parameter averaging it trains its rows of several batches locally. Which rows belong to a batch follows
 * from each row's position in the epoch's order, sorted once per epoch.
 */
final class Shard implements Serializable {

    private static final long serialVersionUID = 1L;
    /** One worker per model file and thread of each JVM. */
    private static final Map<byte[], ThreadLocal<DataParallel.Worker>> WORKERS =
            Collections.synchronizedMap(new WeakHashMap<>());

    final int partition;
    private final int[] rows;
    private final float[] x;
    private final float[] y;
    private final int width;
    private final int targetWidth;
    /** The epoch {@link #byPosition} is sorted for, and the local rows by their position in its order. */
    private transient int sortedEpoch = -1;
    private transient int[] byPosition;
    private transient int[] positions;

    Shard(int partition, int[] rows, float[] x, float[] y, int width, int targetWidth) {
        this.partition = partition;
        this.rows = rows;
        this.x = x;
        this.y = y;
        this.width = width;
        this.targetWidth = targetWidth;
    }

    /** The number of rows this shard holds. */
    long rowCount() {
        return rows.length;
    }

    /**
     * What the job of a step needs: the model file, its loss, the step's place in training, and whether the
     * driver measures metrics (then each part brings its outputs and targets back).
     */
    record Job(Broadcast<byte[]> modelFile, String loss, int batchSize, long seed, int epoch,
               Broadcast<int[]> positions, boolean measures) implements Serializable {
    }

    /**
     * A shard's part of a step: its rows' summed loss, its gradient (or weights; null when it had no rows),
     * and for the metrics the model's outputs and the targets of those rows (null unless measured).
     */
    record Part(double loss, float[] gradient, int rows, float[] outputs, float[] targets) implements Serializable {
    }

    /** The gradient of this shard's rows of the global batch at positions [from, to). */
    Part gradient(Job job, int step, int from, int to, float[] weights) {
        int[] local = rowsOf(job, from, to);
        if (local.length == 0) {
            return new Part(0, null, 0, null, null);
        }
        float[] gradient = new float[weights.length];
        Matrix targets = rowsMatrix(y, targetWidth, local);
        DataParallel.Worker worker = worker(job);
        double loss = worker.gradient(weights, rowsMatrix(x, width, local), targets, to - from, random(job, step),
                gradient);
        return job.measures() ? new Part(loss, gradient, local.length, worker.outputs(), targets.data())
                : new Part(loss, gradient, local.length, null, null);
    }

    /**
     * Parameter averaging's local round: from {@code weights}, one step of a fresh optimiser on this shard's
     * rows of each global batch [from_s, to_s) in turn; returns the weights it reaches (in gradient), its
     * summed loss, and if measured the outputs and targets of every local step's rows.
     */
    Part localSteps(Job job, int firstStep, int[] bounds, float[] weights, String optimizer, double learningRate) {
        float[] local = weights.clone();
        Optimizer steps = Optimizer.of(optimizer);
        steps.setLearningRate(learningRate);
        float[] gradient = new float[weights.length];
        double loss = 0;
        int seen = 0;
        float[] outputs = new float[0];
        float[] targets = new float[0];
        DataParallel.Worker worker = worker(job);
        for (int s = 0; s + 1 < bounds.length; s++) {
            int[] mine = rowsOf(job, bounds[s], bounds[s + 1]);
            if (mine.length == 0) {
                continue;
            }
            Matrix shardTargets = rowsMatrix(y, targetWidth, mine);
            loss += worker.gradient(local, rowsMatrix(x, width, mine), shardTargets, mine.length,
                    random(job, firstStep + s), gradient);
            steps.step(new float[][] {local}, new float[][] {gradient});
            seen += mine.length;
            if (job.measures()) {
                outputs = concat(outputs, worker.outputs());
                targets = concat(targets, shardTargets.data());
            }
        }
        return new Part(loss, seen == 0 ? null : local, seen, job.measures() ? outputs : null,
                job.measures() ? targets : null);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** This shard's rows at positions [from, to) of the epoch's order, in that order. */
    private int[] rowsOf(Job job, int from, int to) {
        if (sortedEpoch != job.epoch()) {
            int[] position = job.positions().value();
            Integer[] local = new Integer[rows.length];
            for (int i = 0; i < rows.length; i++) {
                local[i] = i;
            }
            Arrays.sort(local, (a, b) -> Integer.compare(position[rows[a]], position[rows[b]]));
            byPosition = new int[rows.length];
            positions = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                byPosition[i] = local[i];
                positions[i] = position[rows[local[i]]];
            }
            sortedEpoch = job.epoch();
        }
        int start = lowerBound(positions, from);
        int end = lowerBound(positions, to);
        return Arrays.copyOfRange(byPosition, start, end);
    }

    private static int lowerBound(int[] sorted, int value) {
        int at = Arrays.binarySearch(sorted, value);
        return at >= 0 ? at : -at - 1;
    }

    private static Matrix rowsMatrix(float[] values, int cols, int[] local) {
        float[] out = new float[local.length * cols];
        for (int r = 0; r < local.length; r++) {
            System.arraycopy(values, local[r] * cols, out, r * cols, cols);
        }
        return Matrix.wrap(local.length, cols, out);
    }

    private SplittableRandom random(Job job, int step) {
        return new SplittableRandom(job.seed() ^ (0x9E37_79B9_7F4A_7C15L * (1 + job.epoch()))
                ^ ((long) step << 20) ^ partition);
    }

    private static DataParallel.Worker worker(Job job) {
        byte[] file = job.modelFile().value();
        Sequential model = SharedModels.of(job.modelFile());
        ThreadLocal<DataParallel.Worker> workers = WORKERS.computeIfAbsent(file, key -> new ThreadLocal<>());
        DataParallel.Worker worker = workers.get();
        if (worker == null) {
            worker = new DataParallel.Worker(model, Loss.of(job.loss()), job.batchSize());
            workers.set(worker);
        }
        return worker;
    }
}
