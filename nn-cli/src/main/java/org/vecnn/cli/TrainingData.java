package org.vecnn.cli;

import java.util.List;
import org.vecnn.matrix.Matrix;

/**
 * A training CSV read into compact float matrices in two passes over the file: the first counts the rows
 * and checks the target (numbers for a regression, the classes for a classifier), the second fills x and y,
 * allocated once at their final size. Memory is rows × (features + 1) × 4 bytes, never the file's text.
 */
final class TrainingData {

    final Matrix x;
    final Matrix y;
    /** The classes, for a target read as class labels; empty for numeric targets. */
    final List<String> classes;
    /** The categorical features, whose values in x are indices until {@link CategoricalColumns#recode}. */
    final CategoricalColumns categorical;

    private TrainingData(Matrix x, Matrix y, List<String> classes, CategoricalColumns categorical) {
        this.x = x;
        this.y = y;
        this.classes = classes;
        this.categorical = categorical;
    }

    /**
     * Reads the feature columns and the target column.
     *
     * @param categorical the features named categorical; the others with text cells are found here
     * @param kind what the loss and output make of the target
     */
    static TrainingData read(CsvFile csv, int[] features, CategoricalColumns categorical, int target, TargetKind kind,
                             String setup) {
        Labels.Collector collector = new Labels.Collector(csv, target);
        int rows = csv.forEachRow((row, record) -> {
            categorical.scan(record);
            String cell = record.get(target);
            if (kind != TargetKind.NUMBER) {
                collector.add(row, cell);
            } else if (!CsvFile.isNumber(cell)) {
                throw TargetKind.notANumber(csv, row, target, cell, setup);
            }
        });
        Labels labels = collector.labels();
        boolean asClasses = kind.takesClasses(labels);
        if (kind != TargetKind.NUMBER) {
            kind.check(csv, target, labels, setup);
        }
        long cells = (long) rows * features.length;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new CliException(csv.file + " has " + rows + " rows of " + features.length + " features, more than"
                    + " one matrix holds (2^31 values); train on a sample of the rows");
        }
        Matrix x = Matrix.zeros(rows, features.length);
        Matrix y = Matrix.zeros(rows, 1);
        float[] xs = x.data();
        float[] ys = y.data();
        csv.forEachRow((row, record) -> {
            categorical.read(row, record, xs, (row - 1) * features.length);
            ys[row - 1] = asClasses ? labels.indexOf(record.get(target)) : csv.number(row, record, target);
        });
        return new TrainingData(x, y, asClasses ? labels.names() : List.of(), categorical);
    }
}
