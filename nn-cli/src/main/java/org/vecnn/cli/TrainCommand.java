package org.vecnn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Layer;
import org.vecnn.nn.Normalization;
import org.vecnn.nn.Sequential;
import org.vecnn.train.FitOptions;
import org.vecnn.train.History;
import org.vecnn.train.Trainer;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./vecnn train}: fits a model to a CSV file and saves it, with its feature and class names. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model on a CSV file and save it.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "the training CSV file (with a header row)")
    Path data;
    @Option(names = "--target", required = true, description = "the column to predict; every other column is a feature")
    String target;
    @Option(names = "--layers", required = true, description = "Dense layers as units:activation, e.g. 25:relu,15:relu,1:sigmoid")
    String layers;
    @Option(names = "--loss", description = "the loss (default: from the output activation)")
    String loss;
    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, rmsprop, adagrad, adam or adamw (default ${DEFAULT-VALUE})")
    String optimizer;
    @Option(names = "--learning-rate", description = "the learning rate (default: the optimizer's)")
    Double learningRate;
    @Option(names = "--epochs", defaultValue = "10", description = "passes over the data (default ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--batch-size", defaultValue = "32", description = "samples per step (default ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--validation-split", defaultValue = "0", description = "fraction held out for validation")
    double validationSplit;
    @Option(names = "--seed", defaultValue = "0", description = "seed of the weights, shuffles and dropout")
    long seed;
    @Option(names = "--normalize", description = "put a Normalization layer, adapted on the training data, first")
    boolean normalize;
    @Option(names = "--metrics", split = ",", description = "metrics, e.g. accuracy,auc")
    List<String> metrics = new ArrayList<>();
    @Option(names = "--out", required = true, description = "the model file to write")
    Path out;
    @Option(names = "--history", description = "a CSV file of the loss and metrics per epoch")
    Path history;
    @Option(names = "--plot", description = "a PNG of the loss and metric curves by epoch")
    Path plot;
    @Option(names = "--verbose", defaultValue = "1", description = "0 silent, 1 progress bar, 2 one line per epoch")
    int verbose;

    private final PrintStream console;

    TrainCommand(PrintStream console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        CsvData csv = CsvData.read(data);
        int targetColumn = csv.column(target, "target");
        List<String> features = new ArrayList<>(csv.columns);
        features.remove(targetColumn);
        if (features.isEmpty()) {
            throw new CliException(data + " has no feature columns besides '" + target + "'");
        }
        Matrix x = csv.numeric(features, "feature");
        List<Dense> dense = LayerSpec.parse(layers);
        Activation output = dense.getLast().activation();
        List<String> classes = classes(csv, targetColumn, output);
        if (output.equals(Activation.SOFTMAX) && classes.size() > dense.getLast().units()) {
            throw new CliException("the target has " + classes.size() + " classes but the output layer has "
                    + dense.getLast().units() + " units");
        }
        Loss lossFunction = lossFor(output);
        ModelMetadata metadata = new ModelMetadata(features, target, classes, lossFunction.name(), metrics);
        Matrix y = metadata.targetsOf(csv);
        List<Layer> all = new ArrayList<>();
        if (normalize) {
            all.add(new Normalization().adapt(x));
        }
        all.addAll(dense);
        Sequential model = new Sequential("sequential", all).build(x.cols(), seed);
        Optimizer chosen = Optimizer.of(optimizer);
        if (learningRate != null) {
            chosen.setLearningRate(learningRate);
        }
        Trainer trainer = new Trainer(model, lossFunction, chosen, metrics.toArray(String[]::new));
        FitOptions options = FitOptions.defaults().withEpochs(epochs).withBatchSize(batchSize)
                .withValidationSplit(validationSplit).withSeed(seed).withVerbose(verbose).withProgress(console);
        History fitted = trainer.fit(x, y, options);
        model.setMetadata(metadata.toMap());
        model.save(out);
        if (history != null) {
            writeHistory(fitted);
        }
        if (plot != null) {
            CurvesChart.write(fitted, plot);
        }
        if (verbose > 0) {
            console.println("saved " + out);
        }
        return 0;
    }

    /** Class names for a string target, or for integer classes with a softmax output; none for a regression. */
    private static List<String> classes(CsvData csv, int column, Activation output) {
        boolean numeric = csv.isNumeric(column);
        if (numeric && !output.equals(Activation.SOFTMAX)) {
            return List.of();
        }
        TreeSet<String> names = numeric
                ? new TreeSet<>((a, b) -> Float.compare(Float.parseFloat(a), Float.parseFloat(b)))
                : new TreeSet<>();
        for (List<String> row : csv.rows) {
            names.add(row.get(column));
        }
        return List.copyOf(names);
    }

    private Loss lossFor(Activation output) {
        if (loss != null) {
            return Loss.of(loss);
        }
        if (output.equals(Activation.SOFTMAX)) {
            return Loss.SPARSE_CATEGORICAL_CROSSENTROPY;
        }
        return output.equals(Activation.SIGMOID) ? Loss.BINARY_CROSSENTROPY : Loss.MEAN_SQUARED_ERROR;
    }

    private void writeHistory(History fitted) throws IOException {
        Map<String, List<Double>> values = fitted.all();
        List<String> header = new ArrayList<>(List.of("epoch"));
        header.addAll(values.keySet());
        try (CSVPrinter printer = new CSVPrinter(Files.newBufferedWriter(history, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (int epoch = 0; epoch < fitted.epochs(); epoch++) {
                List<Object> row = new ArrayList<>(List.of(epoch + 1));
                for (List<Double> series : values.values()) {
                    row.add(series.get(epoch));
                }
                printer.printRecord(row);
            }
        }
    }
}
