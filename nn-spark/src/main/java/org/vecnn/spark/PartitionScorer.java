package org.vecnn.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.NonFiniteOutputException;
import org.vecnn.nn.Sequential;

/**
 * One partition's rows, scored in batches through {@link Sequential#predict(Matrix, Matrix)}: each input
 * row comes out with the output columns appended (the outputs, and if asked the class probabilities and the
 * predicted class). A bad row fails the task naming its partition and its row, or is scored as nulls.
 */
final class PartitionScorer implements Iterator<Row> {

    /** What the scorer appends to each row. */
    record Outputs(boolean probability, boolean prediction) implements java.io.Serializable {
    }

    private final Iterator<Row> input;
    private final Sequential model;
    private final FeatureColumns features;
    private final BadRows badRows;
    private final Outputs outputs;
    private final int width;
    private final int outputWidth;
    private final int batchSize;
    private final float[] xs;
    private final float[] ys;
    private final List<Row> batch = new ArrayList<>();
    private final boolean[] bad;
    private final int[] slot;
    private final List<Row> scored = new ArrayList<>();
    private int next;
    private long rowInPartition;

    PartitionScorer(Iterator<Row> input, Sequential model, FeatureColumns features, BadRows badRows, Outputs outputs,
                    int batchSize) {
        this.input = input;
        this.model = model;
        this.features = features;
        this.badRows = badRows;
        this.outputs = outputs;
        this.width = model.inputWidth();
        this.outputWidth = model.outputWidth();
        this.batchSize = batchSize;
        this.xs = new float[batchSize * width];
        this.ys = new float[batchSize * outputWidth];
        this.bad = new boolean[batchSize];
        this.slot = new int[batchSize];
    }

    @Override
    public boolean hasNext() {
        if (next < scored.size()) {
            return true;
        }
        scored.clear();
        next = 0;
        batch.clear();
        while (batch.size() < batchSize && input.hasNext()) {
            batch.add(input.next());
        }
        if (batch.isEmpty()) {
            return false;
        }
        scoreBatch();
        return true;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return scored.get(next++);
    }

    private void scoreBatch() {
        int good = 0;
        for (int r = 0; r < batch.size(); r++) {
            String problem = features.read(batch.get(r), width, xs, good * width);
            bad[r] = problem != null;
            if (bad[r] && badRows == BadRows.ERROR) {
                throw badRow(rowInPartition + r, problem);
            }
            slot[r] = bad[r] ? -1 : good++;
        }
        if (good > 0) {
            predict(good);
        }
        for (int r = 0; r < batch.size(); r++) {
            scored.add(append(batch.get(r), slot[r]));
        }
        rowInPartition += batch.size();
    }

    private void predict(int rows) {
        Matrix x = rows == batchSize ? Matrix.wrap(rows, width, xs)
                : Matrix.wrap(rows, width, Arrays.copyOf(xs, rows * width));
        Matrix out = rows == batchSize ? Matrix.wrap(rows, outputWidth, ys) : Matrix.zeros(rows, outputWidth);
        try {
            model.predict(x, out);
        } catch (NonFiniteOutputException e) {
            throw badRow(rowInPartition + rowOfSlot(e.row()), "gives " + e.problem());
        }
        if (out.data() != ys) {
            System.arraycopy(out.data(), 0, ys, 0, rows * outputWidth);
        }
    }

    private int rowOfSlot(int wanted) {
        for (int r = 0; r < batch.size(); r++) {
            if (slot[r] == wanted) {
                return r;
            }
        }
        return wanted;
    }

    private IllegalArgumentException badRow(long row, String problem) {
        TaskContext task = TaskContext.get();
        String partition = task == null ? "" : "partition " + task.partitionId() + ", ";
        return new IllegalArgumentException("vecnn: " + partition + "row " + row + " (features "
                + features.description() + ") " + problem + "; setBadRows(\"skip\") scores such rows as null");
    }

    /** The input row with the output columns appended: nulls for a bad row (slot −1). */
    private Row append(Row row, int at) {
        int extra = 1 + (outputs.probability() ? 1 : 0) + (outputs.prediction() ? 1 : 0);
        Object[] values = new Object[row.length() + extra];
        for (int i = 0; i < row.length(); i++) {
            values[i] = row.get(i);
        }
        if (at < 0) {
            return RowFactory.create(values);
        }
        int from = at * outputWidth;
        float[] scores = Arrays.copyOfRange(ys, from, from + outputWidth);
        int i = row.length();
        values[i++] = scores;
        double[] probabilities = outputWidth == 1 ? new double[] {1 - scores[0], scores[0]} : toDouble(scores);
        if (outputs.probability()) {
            values[i++] = Vectors.dense(probabilities);
        }
        if (outputs.prediction()) {
            values[i] = (double) argmax(probabilities);
        }
        return RowFactory.create(values);
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
