package org.vecnn.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file with a header row (or, for {@code --no-header}, without), read with Commons CSV as a stream of
 * rows, never held whole: each pass over
 * its rows reads the file again. Text must be UTF-8 (a leading byte-order mark is dropped); header names must
 * be distinct; every row must have the header's width; numbers are plain decimals. Every problem is a
 * {@link CliException} naming the file, the row (from 1, after the header) and the column.
 */
final class CsvFile {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get();
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    final Path file;
    final List<String> columns;
    /** Whether the first row is the header; without one, the columns are named column_1, column_2, …. */
    private final boolean header;

    private CsvFile(Path file, List<String> columns, boolean header) {
        this.file = file;
        this.columns = columns;
        this.header = header;
    }

    /** What a pass does with each data row. */
    @FunctionalInterface
    interface RowVisitor {
        void row(int row, CSVRecord record);
    }

    /** Opens a CSV file and reads its header. */
    static CsvFile open(Path file) {
        return open(file, true);
    }

    /**
     * Opens a CSV file and reads its header, or with {@code header} false its first row's width, naming the
     * columns {@code column_1}, {@code column_2}, ….
     */
    static CsvFile open(Path file, boolean header) {
        if (!Files.exists(file)) {
            throw new CliException("cannot read " + file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException("cannot read " + file + ": not a regular file (a directory, pipe or device)");
        }
        if (!Files.isReadable(file)) {
            throw new CliException("cannot read " + file + ": permission denied");
        }
        List<String> names = new ArrayList<>();
        read(file, (parser, records) -> {
            if (!records.hasNext()) {
                throw new CliException(file + " is empty: " + (header ? "a header row and " : "") + "at least one"
                        + " data row " + (header ? "are" : "is") + " needed");
            }
            List<String> first = records.next().toList();
            for (int c = 0; c < first.size(); c++) {
                names.add(header ? first.get(c) : "column_" + (c + 1));
            }
        });
        Set<String> seen = new LinkedHashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (int c = 0; c < names.size(); c++) {
            if (names.get(c).isEmpty()) {
                throw new CliException(file + ": column " + (c + 1) + " of the header has no name");
            }
            if (!seen.add(names.get(c))) {
                repeated.add("'" + names.get(c) + "'");
            }
        }
        if (!repeated.isEmpty()) {
            throw new CliException(file + ": the header names " + String.join(", ", repeated)
                    + " more than once; every column needs a name of its own");
        }
        return new CsvFile(file, List.copyOf(names), header);
    }

    /** Reads every data row in order; returns how many there were (an error if none). */
    int forEachRow(RowVisitor visitor) {
        int[] rows = {0};
        read(file, (parser, records) -> {
            if (header) {
                records.next();
            }
            while (records.hasNext()) {
                CSVRecord record = records.next();
                int row = ++rows[0];
                if (record.size() != columns.size()) {
                    throw new CliException(file + " row " + row + " has " + record.size() + " values; the "
                            + (header ? "header has " : "first row has ") + columns.size());
                }
                visitor.row(row, record);
            }
        });
        if (rows[0] == 0) {
            throw new CliException(file + " has a header but no data rows");
        }
        return rows[0];
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

    /** A cell as a finite float, or an error naming the row, the column and the cell. */
    float number(int row, CSVRecord record, int column) {
        String cell = record.get(column);
        if (!isNumber(cell)) {
            throw new CliException(file + " row " + row + ", column '" + columns.get(column) + "': '" + cell
                    + "' is not a number");
        }
        float value = Float.parseFloat(cell);
        if (!Float.isFinite(value)) {
            throw new CliException(file + " row " + row + ", column '" + columns.get(column) + "': " + cell
                    + " is too large for a 32-bit float");
        }
        return value;
    }

    /**
     * Whether a cell is a plain decimal number: an optional sign, digits with an optional point (or a point
     * and digits), an optional exponent. Not Java's literals ({@code 1d}, {@code 0x1p3}), not NaN or Infinity.
     */
    static boolean isNumber(String cell) {
        int i = 0;
        int n = cell.length();
        if (i < n && (cell.charAt(i) == '+' || cell.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(cell.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && cell.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(cell.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (cell.charAt(i) == 'e' || cell.charAt(i) == 'E')) {
            i++;
            if (i < n && (cell.charAt(i) == '+' || cell.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(cell.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    @FunctionalInterface
    private interface Pass {
        void run(CSVParser parser, java.util.Iterator<CSVRecord> records);
    }

    /** Parses the file from its start, strict UTF-8, turning every read or parse failure into one line. */
    private static void read(Path file, Pass pass) {
        try (Reader reader = utf8(file); CSVParser parser = FORMAT.parse(reader)) {
            try {
                pass.run(parser, parser.iterator());
            } catch (UncheckedIOException | IllegalStateException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                if (cause instanceof CharacterCodingException) {
                    throw new CliException(file + " is not UTF-8 text (line " + parser.getCurrentLineNumber()
                            + "): save it as UTF-8");
                }
                throw new CliException("cannot read " + file + " near line " + parser.getCurrentLineNumber() + ": "
                        + cause.getMessage());
            }
        } catch (CharacterCodingException e) {
            throw new CliException(file + " is not UTF-8 text: save it as UTF-8");
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** A strict UTF-8 reader of the file, without its byte-order mark if it has one. */
    private static Reader utf8(Path file) throws IOException {
        PushbackReader reader = new PushbackReader(new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16));
        int first = reader.read();
        if (first >= 0 && first != BYTE_ORDER_MARK) {
            reader.unread(first);
        }
        return reader;
    }
}
