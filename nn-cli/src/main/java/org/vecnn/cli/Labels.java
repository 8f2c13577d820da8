package org.vecnn.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The classes of a classifier's target column and the index of each. When every class name is a number,
 * labels are compared by value ({@code 2}, {@code 2.0} and {@code 2e0} are one class) and classes are sorted
 * numerically; otherwise they are compared as text and sorted as strings.
 */
final class Labels {

    /** More distinct labels than this is taken for a mistaken regression target. */
    static final int MAX_CLASSES = 10_000;

    private final List<String> names;
    private final boolean numeric;
    private final Map<String, Integer> byName = new LinkedHashMap<>();
    private final Map<Float, Integer> byValue = new LinkedHashMap<>();

    Labels(List<String> names) {
        this.names = List.copyOf(names);
        this.numeric = !names.isEmpty() && names.stream().allMatch(CsvFile::isNumber);
        for (int i = 0; i < names.size(); i++) {
            byName.put(names.get(i), i);
            if (numeric) {
                byValue.putIfAbsent(Float.parseFloat(names.get(i)), i);
            }
        }
    }

    /** Gathers the distinct labels of a column as rows stream past. */
    static final class Collector {
        private final CsvFile csv;
        private final int column;
        private final Map<String, String> text = new TreeMap<>();
        private final Map<Float, String> numbers = new TreeMap<>();
        private boolean allNumbers = true;

        Collector(CsvFile csv, int column) {
            this.csv = csv;
            this.column = column;
        }

        void add(int row, String cell) {
            if (text.putIfAbsent(cell, cell) == null && text.size() > MAX_CLASSES) {
                throw new CliException(csv.file + " row " + row + ", column '" + csv.columns.get(column)
                        + "': more than " + MAX_CLASSES + " distinct labels; is this a regression target?"
                        + " Use a linear output for numbers");
            }
            if (allNumbers && CsvFile.isNumber(cell)) {
                numbers.putIfAbsent(Float.parseFloat(cell), cell);
            } else {
                allNumbers = false;
            }
        }

        /** The classes seen, numbers by value (keeping the first spelling seen), in class order. */
        Labels labels() {
            return new Labels(new ArrayList<>(allNumbers ? numbers.values() : text.values()));
        }
    }

    /** Whether every class is a number. */
    boolean numeric() {
        return numeric;
    }

    List<String> names() {
        return names;
    }

    int size() {
        return names.size();
    }

    /** The class index of a cell, or -1 for a label that is not one of the classes. */
    int indexOf(String cell) {
        if (numeric) {
            return CsvFile.isNumber(cell) ? byValue.getOrDefault(Float.parseFloat(cell), -1) : -1;
        }
        return byName.getOrDefault(cell, -1);
    }
}
