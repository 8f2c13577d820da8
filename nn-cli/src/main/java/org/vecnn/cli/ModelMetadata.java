package org.vecnn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVRecord;
import org.vecnn.interop.ImportException;
import org.vecnn.interop.ModelImport;
import org.vecnn.nn.ModelFileException;
import org.vecnn.nn.Sequential;

/**
 * What the command line keeps in a model file besides the weights: the feature columns in order, the
 * target column, the class names of a classifier, the loss, the metrics, and an ID column that predict copies
 * into its output ("" for none). A model imported from another
 * tool has none of these: its inputs are then a CSV file's columns in order (the target's aside).
 */
record ModelMetadata(List<String> features, String target, List<String> classes, String loss, List<String> metrics,
                     String id) {

    private static final String SEPARATOR = "\n";

    Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("features", String.join(SEPARATOR, features));
        map.put("target", target);
        map.put("classes", String.join(SEPARATOR, classes));
        map.put("loss", loss);
        map.put("metrics", String.join(SEPARATOR, metrics));
        if (!id.isEmpty()) {
            map.put("id", id);
        }
        return map;
    }

    static ModelMetadata of(Sequential model, Path file) {
        Map<String, String> map = model.metadata();
        if (!map.containsKey("features") || !map.containsKey("loss")) {
            return new ModelMetadata(List.of(), "", List.of(), "", List.of(), "");
        }
        return new ModelMetadata(split(map.get("features")), map.getOrDefault("target", ""),
                split(map.getOrDefault("classes", "")), map.get("loss"), split(map.getOrDefault("metrics", "")),
                map.getOrDefault("id", ""));
    }

    private static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(SEPARATOR, -1));
    }

    /**
     * Loads a model file, with one-line errors for a missing or corrupt file: a vecnn model, or a Keras
     * {@code .keras} or {@code .h5} file, told apart by its first bytes.
     */
    static Sequential load(Path file) {
        if (!Files.exists(file)) {
            throw new CliException("cannot read " + file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException("cannot read " + file + ": not a regular file (a directory, pipe or device)");
        }
        try {
            return ModelImport.recognises(head(file)) ? ModelImport.read(file) : Sequential.load(file);
        } catch (ModelFileException e) {
            if (e.field().equals("magic")) {
                throw new CliException(file + " is not a model file vecnn reads: its first bytes are neither a vecnn"
                        + " model's, a Keras .keras archive's (zip), a Keras .h5 file's (HDF5) nor an ONNX model's");
            }
            throw new CliException(e.getMessage());
        } catch (ImportException e) {
            throw new CliException(e.getMessage());
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + Outputs.describe(e));
        }
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(16);
        }
    }

    /**
     * The feature columns of a CSV file: by the names the model was trained with (other columns ignored), or
     * for a model without them, every column in order but {@code excludedColumn} (the target or the ID column,
     * −1 for none).
     */
    int[] featureColumns(CsvFile csv, Sequential model, int excludedColumn) {
        if (features.isEmpty()) {
            int[] columns = IntStream.range(0, csv.columns.size()).filter(c -> c != excludedColumn)
                    .toArray();
            if (columns.length != model.inputWidth()) {
                String besides = excludedColumn >= 0 ? " besides " + csv.columns.get(excludedColumn) : "";
                throw new CliException(csv.file + " has " + columns.length + " input columns" + besides
                        + "; the model takes " + model.inputWidth()
                        + " inputs, and names none of them, so the file's columns are its inputs, in order");
            }
            return columns;
        }
        int[] columns = new int[features.size()];
        for (int i = 0; i < columns.length; i++) {
            if (!csv.columns.contains(features.get(i))) {
                throw new CliException("feature column '" + features.get(i) + "', used in training, is absent from "
                        + csv.file + "; its columns: " + String.join(", ", csv.columns));
            }
            columns[i] = csv.columns.indexOf(features.get(i));
        }
        return columns;
    }

    /** A target cell as the model's target: the class index for a classifier, the number otherwise. */
    float target(CsvFile csv, int row, CSVRecord record, int column, Labels labels) {
        if (classes.isEmpty()) {
            return csv.number(row, record, column);
        }
        int index = labels.indexOf(record.get(column));
        if (index < 0) {
            throw new CliException(csv.file + " row " + row + ", column '" + target + "': class '" + record.get(column)
                    + "' was not seen in training; the classes: " + String.join(", ", classes));
        }
        return index;
    }
}
