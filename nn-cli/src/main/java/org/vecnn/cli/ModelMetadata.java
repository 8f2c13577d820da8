package org.vecnn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Sequential;

/**
 * What the command line keeps in a model file besides the weights: the feature columns in order, the
 * target column, the class names of a classifier, the loss and the metrics.
 */
record ModelMetadata(List<String> features, String target, List<String> classes, String loss, List<String> metrics) {

    private static final String SEPARATOR = "\n";

    Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("features", String.join(SEPARATOR, features));
        map.put("target", target);
        map.put("classes", String.join(SEPARATOR, classes));
        map.put("loss", loss);
        map.put("metrics", String.join(SEPARATOR, metrics));
        return map;
    }

    static ModelMetadata of(Sequential model, Path file) {
        Map<String, String> map = model.metadata();
        if (!map.containsKey("features") || !map.containsKey("loss")) {
            throw new CliException(file + " was not saved by ./vecnn train: it names no feature columns or loss");
        }
        return new ModelMetadata(split(map.get("features")), map.getOrDefault("target", ""),
                split(map.getOrDefault("classes", "")), map.get("loss"), split(map.getOrDefault("metrics", "")));
    }

    private static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(SEPARATOR, -1));
    }

    /** Loads a model file, with one-line errors for a missing or corrupt file. */
    static Sequential load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CliException("cannot read " + file + ": no such file");
        }
        try {
            return Sequential.load(file);
        } catch (IOException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** The feature columns of a CSV file, by the names the model was trained with (other columns ignored). */
    Matrix featuresOf(CsvData data) {
        for (String feature : features) {
            if (!data.columns.contains(feature)) {
                throw new CliException("feature column '" + feature + "', used in training, is absent from " + data.file
                        + "; its columns: " + String.join(", ", data.columns));
            }
        }
        return data.numeric(features, "feature");
    }

    /** The target column as the model's targets: class indices for a classifier, numbers otherwise. */
    Matrix targetsOf(CsvData data) {
        int column = data.column(target, "target");
        Matrix y = Matrix.zeros(data.rows.size(), 1);
        for (int r = 0; r < data.rows.size(); r++) {
            if (classes.isEmpty()) {
                y.set(r, 0, data.number(r, column));
            } else {
                String label = data.rows.get(r).get(column);
                int index = classes.indexOf(label);
                if (index < 0) {
                    throw new CliException(data.file + " row " + (r + 1) + ", column '" + target + "': class '" + label
                            + "' was not seen in training; the classes: " + String.join(", ", classes));
                }
                y.set(r, 0, index);
            }
        }
        return y;
    }
}
