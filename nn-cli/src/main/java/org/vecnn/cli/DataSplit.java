package org.vecnn.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.vecnn.matrix.Matrix;

/**
 * A training file's rows as the rows to train on and the rows held out for testing ({@code --test-split}):
 * the test rows drawn from a seeded shuffle, in proportion within every class for a classifier (stratified),
 * the training rows in file order, or in the shuffled order with {@code --shuffle-split} so that the
 * validation split's last rows are a random sample rather than the file's tail.
 *
 * @param trainX the training inputs
 * @param trainY the training targets
 * @param testX the held-out inputs (no rows without a test split)
 * @param testY the held-out targets
 */
record DataSplit(Matrix trainX, Matrix trainY, Matrix testX, Matrix testY) {

    /**
     * Splits rows; {@code stratify} groups the test draw by the target's value (a class index). With no test
     * split and no shuffle the training rows are the given matrices themselves.
     */
    static DataSplit of(Matrix x, Matrix y, double testFraction, boolean shuffle, boolean stratify, long seed) {
        if (testFraction == 0 && !shuffle) {
            return new DataSplit(x, y, rows(x, List.of()), rows(y, List.of()));
        }
        int n = x.rows();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5E1F_7E57L);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        boolean[] test = new boolean[n];
        Map<Float, List<Integer>> groups = new LinkedHashMap<>();
        for (int row : order) {
            groups.computeIfAbsent(stratify ? y.get(row, 0) : 0f, key -> new ArrayList<>()).add(row);
        }
        int held = 0;
        for (List<Integer> group : groups.values()) {
            int take = (int) Math.round(group.size() * testFraction);
            for (int i = 0; i < take; i++) {
                test[group.get(i)] = true;
            }
            held += take;
        }
        if (held >= n) {
            throw new CliException("--test-split " + testFraction + " leaves no rows to train on, of " + n);
        }
        List<Integer> trainRows = new ArrayList<>();
        List<Integer> testRows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int row = shuffle ? order[i] : i;
            (test[row] ? testRows : trainRows).add(row);
        }
        return new DataSplit(rows(x, trainRows), rows(y, trainRows), rows(x, testRows), rows(y, testRows));
    }

    private static Matrix rows(Matrix m, List<Integer> rows) {
        int cols = m.cols();
        float[] data = new float[rows.size() * cols];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(m.data(), rows.get(r) * cols, data, r * cols, cols);
        }
        return Matrix.wrap(rows.size(), cols, data);
    }
}
