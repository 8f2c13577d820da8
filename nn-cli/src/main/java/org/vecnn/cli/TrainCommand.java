package org.vecnn.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Activation;
import org.vecnn.nn.CategoryLookup;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Layer;
import org.vecnn.nn.Normalization;
import org.vecnn.nn.Sequential;
import org.vecnn.train.Callback;
import org.vecnn.train.FitOptions;
import org.vecnn.train.History;
import org.vecnn.train.Trainer;
import org.vecnn.train.callback.EarlyStopping;
import org.vecnn.train.callback.ModelCheckpoint;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./vecnn train}: fits a model to a CSV file and saves it, with its feature and class names. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Train a model on a CSV file and save it.")
final class TrainCommand extends VecnnCommand {

    @Option(names = "--data", required = true, description = "the training CSV file (with a header row)")
    Path data;
    @Option(names = "--target", required = true, description = "the column to predict; every other column is a feature")
    String target;
    @Option(names = "--features", split = ",", description = "the feature columns, in order (default: every column"
            + " but the target, the --id and the --drop ones)")
    List<String> featureNames;
    @Option(names = "--drop", split = ",", description = "columns that are not features")
    List<String> drop = new ArrayList<>();
    @Option(names = "--id", description = "an ID column: never a feature; predict copies it into its output")
    String id;
    @Option(names = "--categorical", split = ",", description = "feature columns to one-hot encode even if their"
            + " values are numbers (a column with text values always is)")
    List<String> categorical = new ArrayList<>();
    @Option(names = "--max-categories", defaultValue = "50", description = "the most categories a column keeps, the"
            + " most frequent in the training rows; the rest, and any not seen, share an unknown bucket"
            + " (default ${DEFAULT-VALUE})")
    int maxCategories;
    @Option(names = "--layers", required = true,
            description = "layers, comma-separated: units:activation (Dense), bn (BatchNormalization),"
                    + " dropout:rate, activation:name; the last is the Dense output, e.g. 64:relu,bn,32:relu,1:sigmoid")
    String layers;
    @Option(names = "--loss", description = "the loss (default: from the output activation)")
    String loss;
    @Option(names = "--optimizer", defaultValue = "adam",
            description = "sgd, rmsprop, adagrad, adam or adamw (default ${DEFAULT-VALUE})")
    String optimizer;
    @Option(names = "--learning-rate", description = "the learning rate (default: the optimizer's)")
    Double learningRate;
    @Option(names = "--epochs", defaultValue = "10", description = "passes over the data (default ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--batch-size", defaultValue = "32", description = "samples per step (default ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--validation-split", defaultValue = "0", description = "fraction of the training rows held out for"
            + " validation: the last ones, as Keras takes them, unless --shuffle-split")
    double validationSplit;
    @Option(names = "--shuffle-split", description = "shuffle the training rows (from --seed) before the validation"
            + " split takes its last ones")
    boolean shuffleSplit;
    @Option(names = "--test-split", defaultValue = "0", description = "fraction of the rows held out for a test score"
            + " after training, drawn from --seed, stratified by class for a classifier")
    double testSplit;
    @Option(names = "--seed", defaultValue = "0", description = "seed of the weights, shuffles and dropout")
    long seed;
    @Option(names = "--normalize", description = "put a Normalization layer, adapted on the training data, first")
    boolean normalize;
    @Option(names = "--metrics", split = ",", description = "metrics, e.g. accuracy,auc")
    List<String> metrics = new ArrayList<>();
    @Option(names = "--class-weight", description = "balanced, or class:weight pairs such as bad:1,good:3")
    String classWeight;
    @Option(names = "--early-stopping", description = "stop after this many epochs without improvement of"
            + " val_loss (loss without a validation split), restoring the best weights")
    Integer earlyStopping;
    @Option(names = "--checkpoint", description = "a model file rewritten at each best epoch of val_loss (or loss)")
    Path checkpoint;
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
    int execute() throws IOException {
        step("checking the options");
        List<Layer> stack = LayerSpec.parse(layers);
        Dense last = LayerSpec.output(stack);
        Outputs outputs = new Outputs().input("--data", data).output("--out", out).output("--history", history)
                .output("--plot", plot).output("--checkpoint", checkpoint);
        if (!(testSplit >= 0 && testSplit < 1) || !(validationSplit >= 0 && validationSplit < 1)) {
            throw new CliException("--test-split and --validation-split must be in [0, 1), got " + testSplit + " and "
                    + validationSplit);
        }
        if (maxCategories < 1) {
            throw new CliException("--max-categories must be at least 1, got " + maxCategories);
        }
        CsvFile csv = CsvFile.open(data);
        int targetColumn = csv.column(target, "target");
        List<String> features = FeatureColumns.choose(csv, target, featureNames, drop, id);
        LayerSpec.checkSize(features.size(), stack, Runtime.getRuntime().maxMemory());
        Activation output = last.activation();
        Loss lossFunction = lossFor(output);
        TargetKind kind = TargetKind.of(lossFunction);
        String setup = "the loss " + lossFunction.name() + " with a " + output.name() + " output";
        int[] featureColumns = features.stream().mapToInt(csv.columns::indexOf).toArray();
        step("reading " + data);
        TrainingData read = TrainingData.read(csv, featureColumns, CategoricalColumns.named(csv, featureColumns,
                categorical), targetColumn, kind, setup);
        if (output.equals(Activation.SOFTMAX) && read.classes.size() > last.units()) {
            throw new CliException("the target has " + read.classes.size() + " classes but the output layer has "
                    + last.units() + " units");
        }
        DataSplit split = DataSplit.of(read.x, read.y, testSplit, shuffleSplit, kind != TargetKind.NUMBER, seed);
        step("building the model");
        // Vocabularies and statistics come from the rows the model trains on: not the validation or test rows.
        int fittedRows = (int) Math.floor(split.trainX().rows() * (1 - validationSplit));
        if (fittedRows < 1) {
            throw new CliException("--validation-split " + validationSplit + " leaves no rows to train on");
        }
        List<Layer> all = new ArrayList<>();
        CategoryLookup lookup = null;
        if (read.categorical.any()) {
            lookup = read.categorical.learn(split.trainX(), fittedRows, maxCategories,
                    verbose > 0 ? console : new PrintStream(OutputStream.nullOutputStream()));
            read.categorical.recode(lookup, split.trainX(), split.testX());
            LayerSpec.checkSize(lookup.outputWidth(), stack, Runtime.getRuntime().maxMemory());
            all.add(lookup);
        }
        if (normalize) {
            all.add(normalization(split.trainX(), fittedRows, lookup));
        }
        all.addAll(stack);
        Sequential model = new Sequential("sequential", all).build(features.size(), seed);
        ModelMetadata metadata = new ModelMetadata(features, target, read.classes, lossFunction.name(), metrics,
                id == null ? "" : id);
        try {
            model.setMetadata(metadata.toMap());
        } catch (IllegalArgumentException e) {
            throw new CliException("the column names of " + data + " are too long to keep in a model file ("
                    + features.size() + " features; a model keeps at most 16,383 characters of names per field):"
                    + " use fewer or shorter column names");
        }
        Optimizer chosen = Optimizer.of(optimizer);
        if (learningRate != null) {
            chosen.setLearningRate(learningRate);
        }
        Trainer trainer = new Trainer(model, lossFunction, chosen, metrics.toArray(String[]::new));
        FitOptions options = FitOptions.defaults().withEpochs(epochs).withBatchSize(batchSize)
                .withValidationSplit(validationSplit).withSeed(seed).withVerbose(verbose).withProgress(console);
        options = withControl(options, model, kind, split);
        step("training");
        History fitted = trainer.fit(split.trainX(), split.trainY(), options);
        if (split.testX().rows() > 0) {
            Map<String, Double> scores = trainer.evaluate(split.testX(), split.testY());
            StringBuilder line = new StringBuilder("test (" + split.testX().rows() + " rows):");
            scores.forEach((name, value) -> line.append(String.format(Locale.ROOT, " %s %.4f", name,
                    value)));
            console.println(line);
        }
        step("saving the model");
        try {
            outputs.prepare("--out", model::save);
            if (history != null) {
                outputs.prepare("--history", stream -> writeHistory(fitted, stream));
            }
            if (plot != null) {
                outputs.prepare("--plot", stream -> CurvesChart.write(fitted, stream));
            }
            outputs.commit();
        } finally {
            outputs.discard();
        }
        if (verbose > 0) {
            console.println("saved " + out);
        }
        return 0;
    }

    /**
     * A Normalization adapted on the first {@code rows} training rows, after the lookup if there is one; the
     * lookup's one-hot values pass unchanged (mean 0, variance 1): scaled by their spread, a category rare in
     * training would give huge inputs.
     */
    private static Normalization normalization(Matrix trainX, int rows, CategoryLookup lookup) {
        Matrix fitted = Matrix.wrap(rows, trainX.cols(), Arrays.copyOf(trainX.data(), rows * trainX.cols()));
        if (lookup == null) {
            return new Normalization().adapt(fitted);
        }
        Normalization normalization = new Normalization().adapt(lookup.apply(fitted));
        float[] mean = normalization.mean();
        float[] variance = normalization.variance();
        boolean[] oneHot = lookup.oneHotOutputs();
        for (int j = 0; j < oneHot.length; j++) {
            if (oneHot[j]) {
                mean[j] = 0f;
                variance[j] = 1f;
            }
        }
        normalization.setStatistics(mean, variance, normalization.count());
        return normalization;
    }

    /** The class weights, early stopping and checkpoint the options ask for. */
    private FitOptions withControl(FitOptions options, Sequential model, TargetKind kind, DataSplit split) {
        FitOptions controlled = options;
        if (classWeight != null) {
            if (kind == TargetKind.NUMBER) {
                throw new CliException("--class-weight needs a classifier; " + target + " is a regression target");
            }
            controlled = controlled.withClassWeights(ClassWeights.parse(classWeight, split.trainY(),
                    ModelMetadata.of(model, out).classes()));
        }
        String monitor = validationSplit > 0 ? "val_loss" : "loss";
        List<Callback> callbacks = new ArrayList<>();
        if (earlyStopping != null) {
            if (earlyStopping < 0) {
                throw new CliException("--early-stopping must be at least 0, got " + earlyStopping);
            }
            callbacks.add(new EarlyStopping(monitor, earlyStopping, 0, true));
        }
        if (checkpoint != null) {
            callbacks.add(new ModelCheckpoint(model, checkpoint, monitor, true));
        }
        return callbacks.isEmpty() ? controlled : controlled.withCallbacks(callbacks.toArray(Callback[]::new));
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

    private static void writeHistory(History fitted, OutputStream stream) throws IOException {
        Map<String, List<Double>> values = fitted.all();
        List<String> header = new ArrayList<>(List.of("epoch"));
        header.addAll(values.keySet());
        Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
                .get());
        for (int epoch = 0; epoch < fitted.epochs(); epoch++) {
            List<Object> row = new ArrayList<>(List.of(epoch + 1));
            for (List<Double> series : values.values()) {
                row.add(series.get(epoch));
            }
            printer.printRecord(row);
        }
        printer.flush();
    }
}
