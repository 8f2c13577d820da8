package org.vecnn.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.vecnn.matrix.Matrix;

/**
 * A CSV file with a header row, read with Commons CSV: its column names and its rows as strings, with every
 * problem named by file, row (from 1, after the header) and column.
 */
final class CsvData {

    final Path file;
    final List<String> columns;
    final List<List<String>> rows;

    private CsvData(Path file, List<String> columns, List<List<String>> rows) {
        this.file = file;
        this.columns = columns;
        this.rows = rows;
    }

    static CsvData read(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CliException("cannot read " + file + ": no such readable file");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<CSVRecord> records = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get().parse(reader)
                    .getRecords();
            if (records.isEmpty()) {
                throw new CliException(file + " is empty: a header row and at least one data row are needed");
            }
            List<String> header = records.get(0).toList();
            if (records.size() == 1) {
                throw new CliException(file + " has a header but no data rows");
            }
            List<List<String>> rows = new ArrayList<>();
            for (int r = 1; r < records.size(); r++) {
                List<String> row = records.get(r).toList();
                if (row.size() != header.size()) {
                    throw new CliException(file + " row " + r + " has " + row.size() + " values; the header has "
                            + header.size());
                }
                rows.add(row);
            }
            return new CsvData(file, List.copyOf(header), rows);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The index of a column, or a clear error listing the columns there are. */
    int column(String name, String role) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new CliException("no " + role + " column '" + name + "' in " + file + "; its columns: "
                    + String.join(", ", columns));
        }
        return index;
    }

    /** The named columns as a numeric matrix, one row per CSV row. */
    Matrix numeric(List<String> names, String role) {
        int[] indexes = names.stream().mapToInt(name -> column(name, role)).toArray();
        Matrix m = Matrix.zeros(rows.size(), indexes.length);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < indexes.length; c++) {
                m.set(r, c, number(r, indexes[c]));
            }
        }
        return m;
    }

    /** Whether every cell of a column is a number. */
    boolean isNumeric(int column) {
        for (List<String> row : rows) {
            if (!parses(row.get(column))) {
                return false;
            }
        }
        return true;
    }

    float number(int row, int column) {
        String cell = rows.get(row).get(column);
        if (!parses(cell)) {
            throw new CliException(file + " row " + (row + 1) + ", column '" + columns.get(column) + "': '" + cell
                    + "' is not a number");
        }
        float value = Float.parseFloat(cell);
        if (!Float.isFinite(value)) {
            throw new CliException(file + " row " + (row + 1) + ", column '" + columns.get(column) + "': " + cell
                    + " is not finite");
        }
        return value;
    }

    private static boolean parses(String cell) {
        try {
            Float.parseFloat(cell);
            return !cell.isBlank();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
