package org.vecnn.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.NonFiniteOutputException;
import org.vecnn.nn.Sequential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./vecnn predict}: one output row per input row, the model's output values (for a classifier, each
 * class's probability, {@code p_<class>}) and, for a classifier, the predicted class name. Columns the model
 * was not trained on are ignored; for a model that names no columns (one imported from Keras or ONNX), the
 * columns are its inputs, in order. The file is streamed in
 * chunks; {@code --out} is written atomically, and standard output only after a first pass has checked
 * every row, so that a bad row leaves no partial output.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Predict with a saved model on a CSV file.")
final class PredictCommand extends VecnnCommand {

    @Mixin
    ModelOption model;
    @Option(names = "--data", required = true, description = "the CSV file of inputs")
    Path data;
    @Option(names = "--out", description = "the CSV file to write (default: standard output)")
    Path out;
    @Option(names = "--no-header", description = "the data has no header row (its columns are the inputs, in order)")
    boolean noHeader;
    @Option(names = "--raw", description = "only the output values, one column per output unit (no ID or class"
            + " column, and no header row with --no-header)")
    boolean raw;
    @Option(names = "--id", description = "a column copied into the output as its first (default: the model's ID"
            + " column, where the data has it)")
    String id;

    private final PrintStream console;

    PredictCommand(PrintStream console) {
        this.console = console;
    }

    @Override
    int execute() throws IOException {
        step("checking the options");
        Outputs outputs = new Outputs().input("--model", model.model).input("--data", data).output("--out", out);
        step("loading the model");
        Sequential loaded = ModelMetadata.load(model.model);
        ModelMetadata metadata = ModelMetadata.of(loaded, model.model);
        CsvFile csv = CsvFile.open(data, !noHeader);
        int idColumn = raw ? -1 : id != null ? csv.column(id, "--id")
                : metadata.id().isEmpty() ? -1 : csv.columns.indexOf(metadata.id());
        int[] features = metadata.featureColumns(csv, loaded, idColumn);
        step("predicting");
        if (out == null) {
            // Standard output cannot be taken back: a first pass finds any bad row before a line is printed.
            RowChunks.read(csv, loaded, metadata, features, -1, (first, x, y, ids) -> predict(loaded, x, first));
            write(loaded, metadata, csv, features, idColumn, console);
            console.flush();
            return 0;
        }
        try {
            outputs.prepare("--out", stream -> write(loaded, metadata, csv, features, idColumn, stream));
            outputs.commit();
        } finally {
            outputs.discard();
        }
        return 0;
    }

    private void write(Sequential loaded, ModelMetadata metadata, CsvFile csv, int[] features, int idColumn,
                       OutputStream stream) throws IOException {
        List<String> header = new ArrayList<>();
        if (idColumn >= 0) {
            header.add(csv.columns.get(idColumn));
        }
        int outputs = loaded.outputWidth();
        List<String> classes = metadata.classes();
        for (int j = 0; j < outputs; j++) {
            // A classifier's outputs are its classes' probabilities (a sigmoid's, the second class's).
            header.add(outputs == 1 && classes.size() == 2 ? "p_" + classes.get(1)
                    : outputs == classes.size() ? "p_" + classes.get(j) : outputs == 1 ? "output" : "output_" + j);
        }
        boolean classifier = !raw && !classes.isEmpty();
        if (classifier) {
            header.add("class");
        }
        OutputStreamWriter writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        CSVFormat.Builder format = CSVFormat.DEFAULT.builder();
        if (!(raw && noHeader)) {
            format.setHeader(header.toArray(String[]::new));
        }
        CSVPrinter printer = new CSVPrinter(writer, format.get());
        List<Object> row = new ArrayList<>();
        RowChunks.read(csv, loaded, metadata, features, -1, idColumn, (first, x, y, ids) -> {
            Matrix predictions = predict(loaded, x, first);
            try {
                for (int r = 0; r < predictions.rows(); r++) {
                    row.clear();
                    if (ids != null) {
                        row.add(ids[r]);
                    }
                    for (int j = 0; j < outputs; j++) {
                        row.add(predictions.get(r, j));
                    }
                    if (classifier) {
                        row.add(metadata.classes().get(predictedClass(predictions, r)));
                    }
                    printer.printRecord(row);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        printer.flush();
    }

    /** The chunk's predictions; a non-finite output is an error naming the file's row. */
    private Matrix predict(Sequential loaded, Matrix x, int firstRow) {
        try {
            return loaded.predict(x);
        } catch (NonFiniteOutputException e) {
            throw new CliException(data + " row " + (firstRow + e.row()) + " gives " + e.problem());
        }
    }

    /** The largest output's index, or for one sigmoid output, 1 at probability 0.5 and above. */
    private static int predictedClass(Matrix predictions, int row) {
        return predictions.cols() == 1 ? (predictions.get(row, 0) >= 0.5f ? 1 : 0) : predictions.argmaxOfRow(row);
    }
}
