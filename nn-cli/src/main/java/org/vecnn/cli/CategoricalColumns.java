package org.vecnn.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.CategoryLookup;

/**
 * The categorical feature columns of a training file, and their vocabularies. A column is categorical when
 * {@code --categorical} names it or when one of its cells is text (neither a number nor empty). While the
 * file is read, each such cell is kept as the index of its text among the column's distinct texts; once the
 * rows are split, the vocabularies are learnt from the rows the model trains on only
 * ({@link CategoryLookup#vocabularyOf}: the most frequent first, at most {@code --max-categories}), and the
 * indices become the lookup's codes: a text seen only in validation or test rows, or left out, is
 * {@link CategoryLookup#UNKNOWN}, as it will be at predict time.
 */
final class CategoricalColumns {

    /** Distinct texts a column may have while it is read: each is kept exactly as a float index. */
    static final int MAX_DISTINCT = 1 << 24;

    private final CsvFile csv;
    private final int[] features;
    private final boolean[] categorical;
    /** Per feature: each distinct text's index (empty for a numeric feature). */
    private final List<Map<String, Integer>> indices = new ArrayList<>();
    /** Per feature: its distinct texts in index order. */
    private final List<List<String>> texts = new ArrayList<>();

    private CategoricalColumns(CsvFile csv, int[] features, boolean[] categorical) {
        this.csv = csv;
        this.features = features;
        this.categorical = categorical;
        for (int f = 0; f < features.length; f++) {
            indices.add(new HashMap<>());
            texts.add(new ArrayList<>());
        }
    }

    /** The columns among {@code features} (column indices) that {@code --categorical} names, so far. */
    static CategoricalColumns named(CsvFile csv, int[] features, List<String> named) {
        boolean[] categorical = new boolean[features.length];
        for (String name : named) {
            int feature = indexOf(features, csv.column(name, "--categorical"));
            if (feature < 0) {
                throw new CliException("--categorical names '" + name + "', which is not a feature column");
            }
            categorical[feature] = true;
        }
        return new CategoricalColumns(csv, features, categorical);
    }

    /** Marks the features whose cell in this row is text: to be called for every row before {@link #read}. */
    void scan(CSVRecord record) {
        for (int f = 0; f < features.length; f++) {
            String cell = record.get(features[f]);
            categorical[f] |= !cell.isEmpty() && !CsvFile.isNumber(cell);
        }
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** Whether any feature is categorical. */
    boolean any() {
        for (boolean isCategorical : categorical) {
            if (isCategorical) {
                return true;
            }
        }
        return false;
    }

    /** A row's feature cells into {@code into} from {@code offset}: numbers, or a categorical cell's index. */
    void read(int row, CSVRecord record, float[] into, int offset) {
        for (int f = 0; f < features.length; f++) {
            String cell = record.get(features[f]);
            into[offset + f] = categorical[f] ? index(row, f, cell) : csv.number(row, record, features[f]);
        }
    }

    private float index(int row, int feature, String cell) {
        Map<String, Integer> column = indices.get(feature);
        Integer index = column.get(cell);
        if (index == null) {
            if (column.size() == MAX_DISTINCT) {
                throw new CliException(csv.file + " row " + row + ", column '" + csv.columns.get(features[feature])
                        + "': more than " + MAX_DISTINCT + " distinct values; a column like that is an ID"
                        + " (--id) or not a feature (--drop)");
            }
            index = column.size();
            column.put(cell, index);
            texts.get(feature).add(cell);
        }
        return index;
    }

    /**
     * The lookup learnt from the first {@code fittedRows} rows of {@code trainX} (read by {@link #read}), with
     * a note on {@code notes} for each column and for each one whose categories were cut to the limit.
     */
    CategoryLookup learn(Matrix trainX, int fittedRows, int maxCategories, PrintStream notes) {
        List<List<String>> vocabularies = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (int f = 0; f < features.length; f++) {
            if (!categorical[f]) {
                vocabularies.add(List.of());
                continue;
            }
            int[] counts = new int[texts.get(f).size()];
            for (int r = 0; r < fittedRows; r++) {
                counts[(int) trainX.get(r, f)]++;
            }
            Map<String, Integer> byText = new HashMap<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    byText.put(texts.get(f).get(i), counts[i]);
                }
            }
            List<String> vocabulary = CategoryLookup.vocabularyOf(byText, maxCategories);
            String name = csv.columns.get(features[f]);
            if (vocabulary.size() < byText.size()) {
                notes.println("note: column '" + name + "' has " + byText.size() + " categories in the training rows;"
                        + " the " + maxCategories + " most frequent are kept (--max-categories), the rest are unknown"
                        + (byText.size() > fittedRows / 2 ? "; if it is an ID, give --id or --drop" : ""));
            }
            described.add(name + " (" + vocabulary.size() + ")");
            vocabularies.add(vocabulary);
        }
        notes.println("categorical columns, one-hot with an unknown bucket: " + String.join(", ", described));
        try {
            return new CategoryLookup(vocabularies);
        } catch (IllegalArgumentException e) {
            throw new CliException("--max-categories " + maxCategories + ": " + e.getMessage());
        }
    }

    /** Turns the categorical features' indices in these matrices (read by {@link #read}) into the lookup's codes. */
    void recode(CategoryLookup lookup, Matrix... matrices) {
        for (int f = 0; f < features.length; f++) {
            if (!categorical[f]) {
                continue;
            }
            List<String> column = texts.get(f);
            float[] codes = new float[column.size()];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = lookup.code(f, column.get(i));
            }
            for (Matrix x : matrices) {
                for (int r = 0; r < x.rows(); r++) {
                    x.set(r, f, codes[(int) x.get(r, f)]);
                }
            }
        }
    }
}
