package org.vecnn.nn;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.ShapeException;
import org.vecnn.nn.io.SafeText;

/**
 * The columns of a table, numeric or categorical, as a model's first layer: Keras's {@code StringLookup}
 * and {@code CategoryEncoding} (one-hot) in one. A numeric column passes through; a categorical column's
 * value is a category's code and becomes a one-hot block of {@code 1 + categories} values: the first for
 * {@link #UNKNOWN}, then one per category of its vocabulary, in order. The vocabularies are the layer's
 * config, saved in the model file, so that one model maps rows of text ({@link Sequential#predictRows}) to
 * scores.
 *
 * <p><b>Codes.</b> {@link #code} gives category i of a column's vocabulary the code {@code i + 1}, and any
 * other text (a category not seen when the vocabulary was learnt, or left out by {@code maxCategories}) the
 * code {@link #UNKNOWN}, whose one-hot value is the first of the block. A value that is not a whole
 * number from 0 to the vocabulary's size (such as −1 or 2.5) is read as unknown too.
 */
public final class CategoryLookup extends Layer {

    /** The code of a category outside the vocabulary; the first value of each one-hot block. */
    public static final int UNKNOWN = 0;
    /** The most bytes a column's vocabulary takes as text in a model file (its config value's limit). */
    public static final int MAX_VOCABULARY_BYTES = LayerConfig.MAX_BYTES;

    private static final String COLUMNS = "columns";
    private static final String VOCABULARY = "vocabulary_";

    /** Per input column its vocabulary (empty for a numeric column). */
    private final List<List<String>> vocabularies;
    /** Per input column its categories' codes; null for a numeric column. */
    private final List<Map<String, Integer>> codes;
    /** Per input column the number of categories, 0 for a numeric column. */
    private final int[] categories;
    private final int outputs;

    /**
     * A lookup of these columns: for each input column in order, its vocabulary (the categories, distinct, in
     * code order), or an empty list for a numeric column.
     *
     * @throws IllegalArgumentException for no columns, a category given twice, or a vocabulary longer than
     *     {@link #MAX_VOCABULARY_BYTES} as text
     */
    public CategoryLookup(List<List<String>> vocabularies) {
        if (vocabularies.isEmpty()) {
            throw new IllegalArgumentException("a CategoryLookup needs at least one column");
        }
        this.vocabularies = vocabularies.stream().map(List::copyOf).toList();
        categories = new int[vocabularies.size()];
        codes = new ArrayList<>();
        int width = 0;
        for (int c = 0; c < categories.length; c++) {
            List<String> vocabulary = this.vocabularies.get(c);
            categories[c] = vocabulary.size();
            codes.add(vocabulary.isEmpty() ? null : codesOf(c, vocabulary));
            width += vocabulary.isEmpty() ? 1 : 1 + vocabulary.size();
        }
        outputs = width;
    }

    private static Map<String, Integer> codesOf(int column, List<String> vocabulary) {
        Map<String, Integer> codes = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            if (codes.put(vocabulary.get(i), i + 1) != null) {
                throw new IllegalArgumentException("column " + column + " has the category '"
                        + SafeText.escape(vocabulary.get(i)) + "' twice in its vocabulary");
            }
        }
        int bytes = encode(vocabulary).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_VOCABULARY_BYTES) {
            throw new IllegalArgumentException("column " + column + "'s vocabulary (" + vocabulary.size()
                    + " categories) takes " + bytes + " bytes as text, more than a model file keeps ("
                    + MAX_VOCABULARY_BYTES + "): keep fewer categories");
        }
        return codes;
    }

    /**
     * Learns the vocabularies from rows of text, as Keras's {@code adapt}: for each column marked categorical,
     * its categories from the most frequent down (equal counts in text order), at most {@code maxCategories};
     * the rest are {@link #UNKNOWN}. Other columns are numeric.
     *
     * @throws IllegalArgumentException for no rows, a row of another width, or maxCategories below 1
     */
    public static CategoryLookup adapt(List<String[]> rows, boolean[] categorical, int maxCategories) {
        if (rows.isEmpty() || maxCategories < 1) {
            throw new IllegalArgumentException("adapting a CategoryLookup needs rows and maxCategories of at least 1,"
                    + " got " + rows.size() + " rows and " + maxCategories);
        }
        List<Map<String, Integer>> counts = new ArrayList<>();
        for (boolean isCategorical : categorical) {
            counts.add(isCategorical ? new HashMap<>() : null);
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            if (row.length != categorical.length) {
                throw new ShapeException("row " + r + " has " + row.length + " values; the lookup has "
                        + categorical.length + " columns");
            }
            for (int c = 0; c < row.length; c++) {
                if (categorical[c]) {
                    counts.get(c).merge(row[c], 1, Integer::sum);
                }
            }
        }
        List<List<String>> vocabularies = new ArrayList<>();
        for (Map<String, Integer> count : counts) {
            vocabularies.add(count == null ? List.of() : vocabularyOf(count, maxCategories));
        }
        return new CategoryLookup(vocabularies);
    }

    /**
     * The vocabulary {@link #adapt} learns from a column's category counts (for counts kept elsewhere, such
     * as over a stream of rows): the {@code maxCategories} most frequent, from the most frequent down, equal
     * counts in text order.
     */
    public static List<String> vocabularyOf(Map<String, Integer> counts, int maxCategories) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(maxCategories).map(Map.Entry::getKey).toList();
    }

    /** A CategoryLookup from its {@link #config()}: {@code columns}, and each categorical one's vocabulary. */
    static CategoryLookup fromConfig(LayerConfig config) {
        int columns = config.getInt(COLUMNS);
        if (columns < 1) {
            throw new IllegalArgumentException("config '" + COLUMNS + "' must be at least 1, got " + columns);
        }
        List<List<String>> vocabularies = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            String text = config.getString(VOCABULARY + c, null);
            vocabularies.add(text == null ? List.of() : decode(VOCABULARY + c, text));
        }
        return new CategoryLookup(vocabularies);
    }

    /** A vocabulary as text: each category as its length in chars, a colon, and its chars. */
    private static String encode(List<String> vocabulary) {
        StringBuilder text = new StringBuilder();
        for (String category : vocabulary) {
            text.append(category.length()).append(':').append(category);
        }
        return text.toString();
    }

    private static List<String> decode(String key, String text) {
        List<String> vocabulary = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int at = 0;
        while (at < text.length()) {
            int colon = text.indexOf(':', at);
            int length = colon > at ? length(text.substring(at, colon)) : -1;
            if (length < 0 || length > text.length() - colon - 1) {
                throw new IllegalArgumentException("config '" + key + "' is not a vocabulary (length:text"
                        + " entries) at char " + at + ": '" + SafeText.escape(text) + "'");
            }
            String category = text.substring(colon + 1, colon + 1 + length);
            if (!seen.add(category)) {
                throw new IllegalArgumentException("config '" + key + "' has the category '"
                        + SafeText.escape(category) + "' twice");
            }
            vocabulary.add(category);
            at = colon + 1 + length;
        }
        if (vocabulary.isEmpty()) {
            throw new IllegalArgumentException("config '" + key + "' is an empty vocabulary");
        }
        return vocabulary;
    }

    /** A category's length as a vocabulary writes it (at most nine decimal digits), or −1. */
    private static int length(String digits) {
        boolean decimal = digits.length() <= 9 && digits.chars().allMatch(ch -> ch >= '0' && ch <= '9');
        return decimal ? Integer.parseInt(digits) : -1;
    }

    @Override
    public CategoryLookup named(String name) {
        setName(name);
        return this;
    }

    @Override
    public String type() {
        return "CategoryLookup";
    }

    @Override
    public LayerConfig config() {
        LayerConfig config = LayerConfig.create().put(COLUMNS, categories.length);
        for (int c = 0; c < categories.length; c++) {
            if (categories[c] > 0) {
                config.put(VOCABULARY + c, encode(vocabularies.get(c)));
            }
        }
        return config;
    }

    /** The number of input columns. */
    public int columns() {
        return categories.length;
    }

    /** Whether input column {@code column} is categorical. */
    public boolean isCategorical(int column) {
        return categories[column] > 0;
    }

    /** A column's categories in code order (code i + 1 for the i-th); empty for a numeric column. */
    public List<String> vocabulary(int column) {
        return vocabularies.get(column);
    }

    /**
     * The code of a categorical column's cell: its category's, or {@link #UNKNOWN}.
     *
     * @throws IllegalArgumentException for a numeric column
     */
    public int code(int column, String cell) {
        Map<String, Integer> columnCodes = codes.get(column);
        if (columnCodes == null) {
            throw new IllegalArgumentException("column " + column + " is numeric, not categorical");
        }
        return columnCodes.getOrDefault(cell, UNKNOWN);
    }

    /**
     * A row of text as the layer's input: a categorical cell's {@link #code}, a numeric cell's number.
     *
     * @throws IllegalArgumentException for a row of another width, or a numeric cell that is not a finite
     *     number (the column named)
     */
    public float[] encode(String... row) {
        if (row.length != categories.length) {
            throw new ShapeException("a row of " + row.length + " values; the lookup has " + categories.length
                    + " columns");
        }
        float[] values = new float[row.length];
        for (int c = 0; c < row.length; c++) {
            values[c] = isCategorical(c) ? code(c, row[c]) : number(c, row[c]);
        }
        return values;
    }

    private static float number(int column, String cell) {
        float value;
        try {
            value = Float.parseFloat(cell.strip());
        } catch (NumberFormatException e) {
            value = Float.NaN;
        }
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("column " + column + ": '" + SafeText.escape(cell)
                    + "' is not a finite number");
        }
        return value;
    }

    /** The layer's output for rows of codes and numbers, as its forward pass computes it; works unbuilt too. */
    public Matrix apply(Matrix codesAndNumbers) {
        if (codesAndNumbers.cols() != categories.length) {
            throw new ShapeException("the lookup has " + categories.length + " columns; the rows have "
                    + codesAndNumbers.cols());
        }
        Matrix out = Matrix.zeros(codesAndNumbers.rows(), outputs);
        for (int r = 0; r < codesAndNumbers.rows(); r++) {
            oneHotRow(codesAndNumbers.data(), r * categories.length, out.data(), r * outputs);
        }
        return out;
    }

    /** Which output values are one-hot (true) rather than a numeric column's value (false). */
    public boolean[] oneHotOutputs() {
        boolean[] oneHot = new boolean[outputs];
        int at = 0;
        for (int category : categories) {
            if (category > 0) {
                Arrays.fill(oneHot, at, at + 1 + category, true);
            }
            at += category > 0 ? 1 + category : 1;
        }
        return oneHot;
    }

    @Override
    public int outputWidth() {
        return outputs;
    }

    @Override
    protected int knownInputWidth() {
        return categories.length;
    }

    @Override
    protected Parameters createParameters(int width, SplittableRandom random) {
        if (width != categories.length) {
            throw new ShapeException("CategoryLookup '" + name() + "' has " + categories.length
                    + " columns, but its input has " + width);
        }
        return Parameters.none();
    }

    @Override
    public void forward(Batch in, Batch out, Parameters params) {
        for (int r = 0; r < in.rows(); r++) {
            oneHotRow(in.data(), in.offset(r), out.data(), out.offset(r));
        }
    }

    private void oneHotRow(float[] in, int from, float[] out, int to) {
        int at = to;
        for (int c = 0; c < categories.length; c++) {
            float value = in[from + c];
            int count = categories[c];
            if (count == 0) {
                out[at++] = value;
                continue;
            }
            Arrays.fill(out, at, at + 1 + count, 0f);
            int code = value >= 1 && value <= count && value == (int) value ? (int) value : UNKNOWN;
            out[at + code] = 1f;
            at += 1 + count;
        }
    }

    /** A numeric column's gradient flows back as it is; a code's is zero (the output is constant in it). */
    @Override
    protected void backward(BatchRows rows, Parameters params) {
        Batch gradIn = rows.gradIn();
        if (gradIn == null) {
            return;
        }
        Batch gradOut = rows.gradOut();
        for (int r = 0; r < gradIn.rows(); r++) {
            int at = gradOut.offset(r);
            int to = gradIn.offset(r);
            for (int c = 0; c < categories.length; c++) {
                gradIn.data()[to + c] = categories[c] == 0 ? gradOut.data()[at] : 0f;
                at += categories[c] == 0 ? 1 : 1 + categories[c];
            }
        }
    }
}
