package org.vecnn.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vecnn.nn.Sequential;
import org.vecnn.train.Evaluation;
import org.vecnn.train.Trainer;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./vecnn evaluate}: the loss and every compiled metric of a saved model on a CSV file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Score a saved model on a CSV file.")
final class EvaluateCommand extends VecnnCommand {

    @Mixin
    ModelOption model;
    @Option(names = "--data", required = true, description = "the CSV file, with the target column")
    Path data;
    @Option(names = "--target", description = "the target column (default: the one trained on)")
    String target;
    @Option(names = "--loss", description = "the loss, by Keras name (default: the one trained with)")
    String lossName;
    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    private final PrintStream console;

    EvaluateCommand(PrintStream console) {
        this.console = console;
    }

    @Override
    int execute() {
        step("loading the model");
        Sequential loaded = ModelMetadata.load(model.model);
        ModelMetadata saved = ModelMetadata.of(loaded, model.model);
        ModelMetadata metadata = new ModelMetadata(saved.features(), target == null ? saved.target() : target,
                saved.classes(), lossName == null ? saved.loss() : lossName, saved.metrics(), saved.id());
        if (metadata.target().isEmpty() || metadata.loss().isEmpty()) {
            throw new CliException(model.model + " names no target column or loss (it was not trained by"
                    + " ./vecnn train): give --target COLUMN and --loss NAME");
        }
        CsvFile csv = CsvFile.open(data);
        int targetColumn = csv.column(metadata.target(), "target");
        int[] features = metadata.featureColumns(csv, loaded, targetColumn);
        Loss loss = lossOf(metadata.loss());
        boolean regression = TargetKind.of(loss) == TargetKind.NUMBER;
        Set<String> metrics = new LinkedHashSet<>(metadata.metrics());
        if (regression) {
            metrics.addAll(List.of("mse", "mae"));
        }
        ConfusionMatrix confusion = regression ? null : new ConfusionMatrix(classNames(metadata, loaded));
        Evaluation evaluation = new Trainer(loaded, loss, Optimizer.sgd(), metrics.toArray(String[]::new)).evaluation();
        TargetSpread spread = new TargetSpread();
        step("evaluating on " + data);
        RowChunks.read(csv, loaded, metadata, features, targetColumn, (first, x, y, ids) -> {
            try {
                evaluation.add(x, y);
            } catch (IllegalArgumentException e) {
                throw new CliException(data + " rows " + first + " to " + (first + x.rows() - 1) + ": "
                        + e.getMessage());
            }
            spread.add(y.data());
            if (confusion != null) {
                confusion.add(loaded.predict(x), y);
            }
        });
        Map<String, Object> report = new LinkedHashMap<String, Object>(evaluation.result());
        if (regression) {
            report.put("r2", spread.rSquared((Double) report.get("mse")));
        } else {
            report.putIfAbsent("accuracy", confusion.accuracy());
        }
        report.put("samples", evaluation.samples());
        if (json) {
            String text = toJson(report);
            console.println(confusion == null ? text : text.substring(0, text.length() - 1) + ",\"confusion\":"
                    + confusion.toJson() + ",\"per_class\":" + perClassJson(confusion) + "}");
        } else {
            console.println(toLines(report));
            if (confusion != null) {
                console.println(confusion.toTable());
            }
        }
        return 0;
    }

    /** The class names: the model's, or for 0/1 numeric labels "0" and "1". */
    private static List<String> classNames(ModelMetadata metadata, Sequential model) {
        if (!metadata.classes().isEmpty()) {
            return metadata.classes();
        }
        int count = Math.max(2, model.outputWidth());
        List<String> names = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }

    private static String perClassJson(ConfusionMatrix confusion) {
        StringBuilder text = new StringBuilder("{");
        confusion.perClass().forEach((name, scores) -> text.append(text.length() > 1 ? "," : "").append('"')
                .append(name.replace("\\", "\\\\").replace("\"", "\\\"")).append("\":")
                .append(toJson(scores)));
        return text.append('}').toString();
    }

    private static Loss lossOf(String name) {
        try {
            return Loss.of(name);
        } catch (IllegalArgumentException e) {
            throw new CliException("--loss: " + e.getMessage());
        }
    }

    /** The targets' mean and variance, streamed (Welford's update), for r². */
    private static final class TargetSpread {
        private long count;
        private double mean;
        private double squares;

        void add(float[] values) {
            for (float v : values) {
                count++;
                double delta = v - mean;
                mean += delta / count;
                squares += delta * (v - mean);
            }
        }

        /** r² = 1 − mse / (the targets' variance); 0 for constant targets. */
        double rSquared(double mse) {
            double variance = squares / count;
            return variance == 0 ? 0 : 1 - mse / variance;
        }
    }

    private static String toJson(Map<String, ?> report) {
        StringBuilder text = new StringBuilder("{");
        report.forEach((name, value) -> text.append(text.length() > 1 ? "," : "").append('"').append(name).append("\":")
                .append(value instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : value));
        return text.append('}').toString();
    }

    private static String toLines(Map<String, Object> report) {
        StringBuilder text = new StringBuilder();
        report.forEach((name, value) -> text.append(text.isEmpty() ? "" : "\n").append(name).append(": ")
                .append(value instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : value));
        return text.toString();
    }
}
