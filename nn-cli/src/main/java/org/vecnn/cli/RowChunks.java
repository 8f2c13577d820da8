package org.vecnn.cli;

import java.util.Arrays;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.CategoryLookup;
import org.vecnn.nn.Sequential;

/**
 * Streams a CSV file's rows in chunks of at most {@link #ROWS} rows as float matrices, so that predict and
 * evaluate use memory for one chunk whatever the file's length. The chunk's matrices are reused: a visitor
 * must not keep them.
 */
final class RowChunks {

    /** Rows per chunk: a multiple of the rows evaluation sums its loss over, so parts add up as one. */
    static final int ROWS = 8192;

    private RowChunks() {
    }

    /**
     * What is done with each chunk: its first row's number in the file (from 1), its inputs and targets, and
     * its rows' ID cells (null without an ID column).
     */
    @FunctionalInterface
    interface ChunkVisitor {
        void chunk(int firstRow, Matrix x, Matrix y, String[] ids);
    }

    /**
     * Reads the model's feature columns (a categorical one's text as the code of the model's
     * {@link CategoryLookup}), and the target column through the metadata when {@code target} is at least 0
     * (y is then one column; else it has none), one chunk at a time.
     */
    static void read(CsvFile csv, Sequential model, ModelMetadata metadata, int[] features, int target,
                     ChunkVisitor visitor) {
        read(csv, model, metadata, features, target, -1, visitor);
    }

    /** As {@link #read(CsvFile, Sequential, ModelMetadata, int[], int, ChunkVisitor)}, with column {@code id}. */
    static void read(CsvFile csv, Sequential model, ModelMetadata metadata, int[] features, int target, int id,
                     ChunkVisitor visitor) {
        CategoryLookup lookup = model.layers().getFirst() instanceof CategoryLookup first ? first : null;
        Labels labels = new Labels(metadata.classes());
        int width = features.length;
        int targetWidth = target >= 0 ? 1 : 0;
        float[] xs = new float[ROWS * width];
        float[] ys = new float[ROWS * targetWidth];
        String[] ids = id >= 0 ? new String[ROWS] : null;
        int[] filled = {0};
        int rows = csv.forEachRow((row, record) -> {
            int i = filled[0];
            for (int f = 0; f < width; f++) {
                boolean categorical = lookup != null && lookup.isCategorical(f);
                xs[i * width + f] = categorical ? lookup.code(f, record.get(features[f]))
                        : csv.number(row, record, features[f]);
            }
            if (target >= 0) {
                ys[i] = metadata.target(csv, row, record, target, labels);
            }
            if (ids != null) {
                ids[i] = record.get(id);
            }
            filled[0] = i + 1;
            if (filled[0] == ROWS) {
                visitor.chunk(row - ROWS + 1, Matrix.wrap(ROWS, width, xs), Matrix.wrap(ROWS, targetWidth, ys), ids);
                filled[0] = 0;
            }
        });
        int rest = filled[0];
        if (rest > 0) {
            visitor.chunk(rows - rest + 1, Matrix.wrap(rest, width, Arrays.copyOf(xs, rest * width)),
                    Matrix.wrap(rest, targetWidth, Arrays.copyOf(ys, rest * targetWidth)), ids);
        }
    }
}
