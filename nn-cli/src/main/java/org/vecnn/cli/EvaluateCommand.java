package org.vecnn.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Sequential;
import org.vecnn.train.Trainer;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./vecnn evaluate}: the loss and every compiled metric of a saved model on a CSV file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Score a saved model on a CSV file.")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;
    @Option(names = "--data", required = true, description = "the CSV file, with the target column")
    Path data;
    @Option(names = "--target", description = "the target column (default: the one trained on)")
    String target;
    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    private final PrintStream console;

    EvaluateCommand(PrintStream console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Sequential loaded = ModelMetadata.load(model.model);
        ModelMetadata saved = ModelMetadata.of(loaded, model.model);
        ModelMetadata metadata = target == null ? saved
                : new ModelMetadata(saved.features(), target, saved.classes(), saved.loss(), saved.metrics());
        CsvData csv = CsvData.read(data);
        Matrix x = metadata.featuresOf(csv);
        Matrix y = metadata.targetsOf(csv);
        boolean regression = metadata.classes().isEmpty();
        Set<String> metrics = new LinkedHashSet<>(metadata.metrics());
        if (regression) {
            metrics.addAll(List.of("mse", "mae"));
        }
        Trainer trainer = new Trainer(loaded, Loss.of(metadata.loss()), Optimizer.sgd(), metrics.toArray(String[]::new));
        Map<String, Double> scores = new LinkedHashMap<>(trainer.evaluate(x, y));
        if (regression) {
            scores.put("r2", rSquared(scores.get("mse"), y));
        }
        Map<String, Object> report = new LinkedHashMap<>(scores);
        report.put("samples", x.rows());
        console.println(json ? toJson(report) : toLines(report));
        return 0;
    }

    /** r² = 1 − mse / (the targets' variance), over every target value. */
    private static double rSquared(double mse, Matrix y) {
        double mean = 0;
        for (float v : y.data()) {
            mean += v / (double) y.data().length;
        }
        double variance = 0;
        for (float v : y.data()) {
            variance += (v - mean) * (v - mean) / y.data().length;
        }
        return variance == 0 ? 0 : 1 - mse / variance;
    }

    private static String toJson(Map<String, Object> report) {
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
