package org.vecnn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Sequential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./vecnn predict}: one output row per input row, the model's output values and, for a classifier,
 * the predicted class name. Columns the model was not trained on are ignored.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, description = "Predict with a saved model on a CSV file.")
final class PredictCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;
    @Option(names = "--data", required = true, description = "the CSV file of inputs")
    Path data;
    @Option(names = "--out", description = "the CSV file to write (default: standard output)")
    Path out;

    private final PrintStream console;

    PredictCommand(PrintStream console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        Sequential loaded = ModelMetadata.load(model.model);
        ModelMetadata metadata = ModelMetadata.of(loaded, model.model);
        Matrix predictions = loaded.predict(metadata.featuresOf(CsvData.read(data)));
        List<String> header = new ArrayList<>();
        for (int j = 0; j < predictions.cols(); j++) {
            header.add(predictions.cols() == 1 ? "output" : "output_" + j);
        }
        boolean classifier = !metadata.classes().isEmpty();
        if (classifier) {
            header.add("class");
        }
        StringBuilder text = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
                .get())) {
            for (int r = 0; r < predictions.rows(); r++) {
                List<Object> row = new ArrayList<>();
                for (int j = 0; j < predictions.cols(); j++) {
                    row.add(predictions.get(r, j));
                }
                if (classifier) {
                    row.add(metadata.classes().get(predictedClass(predictions, r)));
                }
                printer.printRecord(row);
            }
        }
        if (out == null) {
            console.print(text);
        } else {
            Files.writeString(out, text, StandardCharsets.UTF_8);
        }
        return 0;
    }

    /** The largest output's index, or for one sigmoid output, 1 at probability 0.5 and above. */
    private static int predictedClass(Matrix predictions, int row) {
        return predictions.cols() == 1 ? (predictions.get(row, 0) >= 0.5f ? 1 : 0) : predictions.argmaxOfRow(row);
    }
}
