package org.vecnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vecnn.cli.Cli.fails;
import static org.vecnn.cli.Cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.cli.Cli.Run;

/**
 * train, evaluate, predict and summary through the real entry point on CSV files written here: a binary
 * target, string class labels with softmax, and a regression; then each error with its one line and status.
 */
class CommandsTest {

    @TempDir
    Path dir;

    /** Roasts with temperature, duration and the label as 0/1, a name, or a score. */
    private Path roasts(String name, int rows, long seed, String labelKind) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("temperature,duration,label\n");
        for (int i = 0; i < rows; i++) {
            double t = 150 + 135 * random.nextDouble();
            double d = 11.5 + 4 * random.nextDouble();
            boolean good = CoffeeData.isGood((float) t, (float) d);
            String label = switch (labelKind) {
                case "binary" -> good ? "1" : "0";
                case "names" -> good ? "good" : t <= 175 ? "underdone" : "burnt";
                default -> String.format(java.util.Locale.ROOT, "%.4f", 0.01 * t + 0.5 * d);
            };
            csv.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f", t, d)).append(',')
                    .append(label).append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, csv);
        return file;
    }

    private static double jsonNumber(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([-0-9.eE]+)").matcher(json);
        assertTrue(m.find(), () -> key + " missing in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theIdColumnIsNeverAFeatureAndPredictCopiesIt() throws IOException {
        StringBuilder csv = new StringBuilder("customer,noise,temperature,duration,label\n");
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 120; i++) {
            double t = 150 + 150 * random.nextDouble();
            double d = 11 + 5 * random.nextDouble();
            csv.append(String.format(java.util.Locale.ROOT, "c%03d,%.3f,%.3f,%.3f,%d%n", i, random.nextDouble(), t, d,
                    t > 200 && d < 14 ? 1 : 0));
        }
        Path data = dir.resolve("customers.csv");
        Files.writeString(data, csv);
        Path model = dir.resolve("customers.vnn");
        Run trained = run("train", "--data", data.toString(), "--target", "label", "--id", "customer", "--drop",
                "noise", "--layers", "1:sigmoid", "--normalize", "--epochs", "2", "--verbose", "0", "--out",
                model.toString());
        assertEquals(0, trained.status(), trained.err());
        Run summary = run("summary", "--model", model.toString());
        assertTrue(summary.out().contains("(None, 2)") && summary.out().contains("Total params: 8"),
                "two features, the ID and the dropped column left out: " + summary.out());
        assertTrue(summary.out().contains("Features (2): temperature, duration\nTarget: label\nID column: customer"),
                summary.out());
        Path scores = dir.resolve("scores.csv");
        Files.writeString(dir.resolve("new.csv"), "duration,customer,temperature\n12.5,x1,210\n15.0,x2,180\n");
        Run predicted = run("predict", "--model", model.toString(), "--data", dir.resolve("new.csv").toString(),
                "--out", scores.toString());
        assertEquals(0, predicted.status(), predicted.err());
        List<String> lines = Files.readAllLines(scores);
        assertEquals("customer,output", lines.get(0));
        assertTrue(lines.get(1).startsWith("x1,") && lines.get(2).startsWith("x2,"), lines.toString());

        fails("no --drop column 'nosuch'", "train", "--data", data.toString(), "--target", "label", "--drop",
                "nosuch", "--layers", "1:sigmoid", "--out", dir.resolve("x.vnn").toString());
        fails("--id 'label' is the target column", "train", "--data", data.toString(), "--target", "label", "--id",
                "label", "--layers", "1:sigmoid", "--out", dir.resolve("x.vnn").toString());
        fails("--features names 'customer', which is the --id column", "train", "--data", data.toString(),
                "--target", "label", "--id", "customer", "--features", "temperature,customer", "--layers",
                "1:sigmoid", "--out", dir.resolve("x.vnn").toString());
    }

    @Test
    void aTestSplitHoldsOutAStratifiedShareAndScoresIt() throws IOException {
        // Sorted by label: the last rows, Keras's validation split, would be all one class.
        StringBuilder csv = new StringBuilder("temperature,duration,label\n");
        SplittableRandom random = new SplittableRandom(9);
        List<String> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double t = 150 + 150 * random.nextDouble();
            double d = 11 + 5 * random.nextDouble();
            rows.add(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%s", t, d, t > 200 && d < 14 ? "good" : "bad"));
        }
        rows.sort((a, b) -> a.substring(a.lastIndexOf(',')).compareTo(b.substring(b.lastIndexOf(','))));
        rows.forEach(row -> csv.append(row).append('\n'));
        Path data = dir.resolve("sorted.csv");
        Files.writeString(data, csv);
        Run trained = run("train", "--data", data.toString(), "--target", "label", "--layers", "8:relu,2:softmax",
                "--normalize", "--epochs", "40", "--learning-rate", "0.05", "--test-split", "0.25",
                "--validation-split", "0.2", "--shuffle-split", "--metrics", "accuracy", "--seed", "4", "--verbose",
                "0", "--out", dir.resolve("split.vnn").toString());
        assertEquals(0, trained.status(), trained.err());
        Matcher test = Pattern.compile("test \\(([0-9]+) rows\\): loss [0-9.]+ accuracy ([0-9.]+)")
                .matcher(trained.out());
        assertTrue(test.find(), trained.out());
        int held = Integer.parseInt(test.group(1));
        assertTrue(held >= 49 && held <= 51, "a quarter of each class, rounded: " + held);
        assertTrue(Double.parseDouble(test.group(2)) > 0.8, "a stratified, shuffled split learns: " + trained.out());
        fails("--test-split and --validation-split must be in [0, 1)", "train", "--data", data.toString(),
                "--target", "label", "--layers", "2:softmax", "--test-split", "1", "--out",
                dir.resolve("x.vnn").toString());
    }

    @Test
    void classWeightsEarlyStoppingAndACheckpoint() throws IOException {
        Path data = roasts("weighted.csv", 300, 8, "names");
        Path model = dir.resolve("weighted.vnn");
        Path checkpoint = dir.resolve("best.vnn");
        Path history = dir.resolve("history.csv");
        Run trained = run("train", "--data", data.toString(), "--target", "label", "--layers", "8:relu,3:softmax",
                "--normalize", "--epochs", "300", "--learning-rate", "0.05", "--validation-split", "0.2",
                "--shuffle-split", "--class-weight", "balanced", "--early-stopping", "3", "--checkpoint",
                checkpoint.toString(), "--history", history.toString(), "--verbose", "0", "--out", model.toString());
        assertEquals(0, trained.status(), trained.err());
        int epochs = Files.readAllLines(history).size() - 1;
        assertTrue(epochs < 300, "early stopping ends the fit before 300 epochs: " + epochs);
        Run best = run("summary", "--model", checkpoint.toString());
        assertEquals(0, best.status(), "the checkpoint is a model file: " + best.err());
        Run weighted = run("train", "--data", data.toString(), "--target", "label", "--layers", "3:softmax",
                "--epochs", "1", "--class-weight", "burnt:2,good:1,underdone:1", "--verbose", "0", "--out",
                dir.resolve("w.vnn").toString());
        assertEquals(0, weighted.status(), weighted.err());
        fails("--class-weight: no class 'toast'; the classes: burnt, good, underdone", "train", "--data",
                data.toString(), "--target", "label", "--layers", "3:softmax", "--class-weight", "toast:2",
                "--out", dir.resolve("x.vnn").toString());
    }

    @Test
    void everyCommandTellsItsVersion() {
        for (String[] args : new String[][] {{"--version"}, {"train", "-V"}, {"import", "--version"}}) {
            Run version = run(args);
            assertEquals(0, version.status(), version.err());
            assertTrue(version.out().startsWith("vecnn "), String.join(" ", args) + ": " + version.out());
        }
    }

    /** The Keras and ONNX files nn-interop's make_*_fixtures.py write, in that module's test resources. */
    private static final Path INTEROP = Path.of("../nn-interop/src/test/resources/org/vecnn/interop");

    @Test
    void kerasAndOnnxModelsImportPredictAndExport() throws IOException {
        Path vnn = dir.resolve("tiny.vnn");
        Run imported = run("import", INTEROP.resolve("tiny.keras").toString(), "--out", vnn.toString());
        assertEquals(0, imported.status(), imported.err());
        assertTrue(imported.out().contains("Total params: 26"), imported.out());
        List<String> expected = Files.readAllLines(INTEROP.resolve("tiny_expected.csv"));
        for (String model : List.of(INTEROP.resolve("tiny.h5").toString(), vnn.toString())) {
            Path out = dir.resolve("out.csv");
            Run predicted = run("predict", "--model", model, "--data", INTEROP.resolve("tiny_input.csv").toString(),
                    "--no-header", "--raw", "--out", out.toString());
            assertEquals(0, predicted.status(), predicted.err());
            List<String> rows = Files.readAllLines(out);
            assertEquals(expected.size(), rows.size(), "one row per input row, no header");
            for (int r = 0; r < rows.size(); r++) {
                String[] got = rows.get(r).split(",");
                String[] want = expected.get(r).split(",");
                assertEquals(want.length, got.length, "only the output values");
                for (int j = 0; j < want.length; j++) {
                    assertEquals(Double.parseDouble(want[j]), Double.parseDouble(got[j]), 1e-5, model + " row " + r);
                }
            }
        }
        Path onnx = dir.resolve("tiny.onnx");
        Run exported = run("export", vnn.toString(), "--out", onnx.toString());
        assertEquals(0, exported.status(), exported.err());
        Run summary = run("summary", "--model", onnx.toString());
        assertEquals(0, summary.status(), summary.err());
        assertTrue(summary.out().contains("Total params: 26"), summary.out());
    }

    @Test
    void batchNormalizationDropoutAndActivationLayersFromTheLayersOption() throws IOException {
        Path train = roasts("train.csv", 400, 1, "binary");
        Path model = dir.resolve("bn.vnn");
        Run trained = run("train", "--data", train.toString(), "--target", "label", "--layers",
                "16:linear,bn,activation:relu,dropout:0.1,8:relu,bn,1:sigmoid", "--normalize", "--optimizer",
                "adam", "--learning-rate", "0.02", "--epochs", "40", "--seed", "3", "--metrics", "accuracy",
                "--out", model.toString(), "--verbose", "0");
        assertEquals(0, trained.status(), trained.err());
        Run summary = run("summary", "--model", model.toString());
        assertTrue(summary.out().contains(" batch_normalization (Batch"), summary.out());
        assertTrue(summary.out().contains("activation (Activation)"), summary.out());
        assertTrue(summary.out().contains("Non-trainable params: 53"), summary.out());
        Run scored = run("evaluate", "--model", model.toString(), "--data",
                roasts("test.csv", 200, 2, "binary").toString(), "--target", "label", "--json");
        assertEquals(0, scored.status(), scored.err());
        assertTrue(jsonNumber(scored.out(), "accuracy") > 0.85, scored.out());
        fails("bad layer 'bm' in --layers: expected units:activation", "train", "--data", train.toString(),
                "--target", "label", "--layers", "8:relu,bm,1:sigmoid", "--out", model.toString());
        fails("the last layer must be units:activation", "train", "--data", train.toString(), "--target", "label",
                "--layers", "8:relu,bn", "--out", model.toString());
        fails("bad layer 'dropout:1.5' in --layers: Dropout rate must be in [0, 1), got 1.5", "train", "--data",
                train.toString(), "--target", "label", "--layers", "8:relu,dropout:1.5,1:sigmoid", "--out",
                model.toString());
    }

    @Test
    void binaryClassifierTrainEvaluatePredictSummary() throws IOException {
        Path train = roasts("train.csv", 400, 1, "binary");
        Path model = dir.resolve("model.vnn");
        Path history = dir.resolve("history.csv");
        Run trained = run("train", "--data", train.toString(), "--target", "label", "--layers", "8:relu,1:sigmoid",
                "--loss", "binary_crossentropy", "--optimizer", "adam", "--learning-rate", "0.02", "--epochs", "60",
                "--validation-split", "0.2", "--seed", "1", "--normalize", "--metrics", "accuracy", "--out",
                model.toString(), "--history", history.toString(), "--plot", dir.resolve("curves.png").toString(),
                "--verbose", "2");
        assertEquals(0, trained.status(), trained.err());
        assertTrue(trained.out().contains("Epoch 60/60"), trained.out());
        List<String> lines = Files.readAllLines(history);
        assertEquals("epoch,loss,accuracy,val_loss,val_accuracy", lines.get(0));
        assertEquals(61, lines.size());
        byte[] png = Files.readAllBytes(dir.resolve("curves.png"));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG of the curves");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(dir.resolve("curves.png").toFile());
        assertEquals(2 * 320, image.getHeight(), "a panel for the loss and one for accuracy");

        Run scored = run("evaluate", "--model", model.toString(), "--data",
                roasts("test.csv", 200, 2, "binary").toString(), "--target", "label", "--json");
        assertEquals(0, scored.status(), scored.err());
        assertTrue(jsonNumber(scored.out(), "accuracy") > 0.85, scored.out());
        assertEquals(200, (int) jsonNumber(scored.out(), "samples"));
        assertTrue(jsonNumber(scored.out(), "loss") < 0.4, scored.out());

        Path inputs = dir.resolve("inputs.csv");
        Files.writeString(inputs, "duration,temperature,note\n13.9,200,x\n17,200,y\n");
        Run predicted = run("predict", "--model", model.toString(), "--data", inputs.toString());
        assertEquals(0, predicted.status(), predicted.err());
        assertEquals("output", predicted.out().lines().findFirst().orElseThrow());
        assertEquals(3, predicted.out().lines().count());

        Run summary = run("summary", "--model", model.toString());
        assertTrue(summary.out().contains(" normalization (Normalizatio  (None, 2)"), summary.out());
    }

    @Test
    void stringLabelsWithSoftmaxAreClassNamesKeptInTheModel() throws IOException {
        Path model = dir.resolve("classes.vnn");
        Run trained = run("train", "--data", roasts("named.csv", 600, 3, "names").toString(), "--target", "label",
                "--layers", "16:relu,3:softmax", "--learning-rate", "0.02", "--epochs", "40", "--normalize",
                "--metrics", "accuracy", "--out", model.toString(), "--verbose", "0");
        assertEquals(0, trained.status(), trained.err());
        Run scored = run("evaluate", "--model", model.toString(), "--data", roasts("named-test.csv", 200, 4, "names")
                .toString(), "--json");
        assertTrue(jsonNumber(scored.out(), "accuracy") > 0.8, scored.out());
        assertTrue(scored.out().contains("\"confusion\":{\"classes\":[\"burnt\",\"good\",\"underdone\"],\"matrix\":[["),
                scored.out());
        assertTrue(scored.out().contains("\"per_class\":{\"burnt\":{\"precision\":"), scored.out());
        Run table = run("evaluate", "--model", model.toString(), "--data", roasts("named-test.csv", 200, 4, "names")
                .toString());
        assertTrue(table.out().contains("confusion matrix (rows: actual, columns: predicted):"), table.out());
        assertTrue(table.out().lines().anyMatch(line -> line.startsWith("underdone")), table.out());
        Path out = dir.resolve("predictions.csv");
        Run predicted = run("predict", "--model", model.toString(), "--data", roasts("named-in.csv", 5, 5, "names")
                .toString(), "--out", out.toString());
        assertEquals(0, predicted.status(), predicted.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("p_burnt,p_good,p_underdone,class", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(line.endsWith(",burnt") || line.endsWith(",good") || line.endsWith(",underdone"), line);
        }
    }

    @Test
    void aRegressionReportsMseMaeAndR2() throws IOException {
        Path model = dir.resolve("regression.vnn");
        Run trained = run("train", "--data", roasts("scores.csv", 400, 6, "score").toString(), "--target", "label",
                "--layers", "8:relu,1:linear", "--loss", "mean_squared_error", "--learning-rate", "0.01", "--epochs",
                "80", "--normalize", "--out", model.toString(), "--verbose", "0");
        assertEquals(0, trained.status(), trained.err());
        Run scored = run("evaluate", "--model", model.toString(), "--data", roasts("scores-test.csv", 100, 7, "score")
                .toString(), "--json");
        assertEquals(0, scored.status(), scored.err());
        assertTrue(jsonNumber(scored.out(), "r2") > 0.9, scored.out());
        jsonNumber(scored.out(), "mse");
        jsonNumber(scored.out(), "mae");
    }

    private String[] train(Path data, String layers, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", data.toString(), "--target", "label",
                "--layers", layers, "--epochs", "1", "--verbose", "0", "--out", dir.resolve("bad.vnn").toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void everyErrorIsOneClearLine() throws IOException {
        Path good = roasts("good.csv", 20, 8, "binary");
        fails("cannot read " + dir.resolve("missing.csv"), train(dir.resolve("missing.csv"), "1:sigmoid"));
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        fails("is empty", train(empty, "1:sigmoid"));
        Path header = dir.resolve("header.csv");
        Files.writeString(header, "a,b,label\n");
        fails("has a header but no data rows", train(header, "1:sigmoid"));
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "a,b,label\n1,2,0\n3,1\n");
        fails("row 2 has 2 values; the header has 3", train(ragged, "1:sigmoid"));
        Path gap = dir.resolve("gap.csv");
        Files.writeString(gap, "a,b,label\n1,2,0\n3,,1\n");
        fails("row 2, column 'b': '' is not a number", train(gap, "1:sigmoid"));
        fails("no target column 'outcome'", "train", "--data", good.toString(), "--target", "outcome", "--layers",
                "1:sigmoid", "--out", dir.resolve("x.vnn").toString());
        fails("bad layer '25relu' in --layers: expected units:activation", train(good, "25relu,1:sigmoid"));
        fails("unknown activation 'sigmoidal'; known: linear", train(good, "1:sigmoidal"));
        fails("unknown loss 'hinge'; known:", train(good, "1:sigmoid", "--loss", "hinge"));
        fails("unknown optimizer 'lbfgs'; known: sgd", train(good, "1:sigmoid", "--optimizer", "lbfgs"));
        assertFalse(Files.exists(dir.resolve("bad.vnn")), "a failed train leaves no model file");

        Path corrupt = dir.resolve("corrupt.vnn");
        Files.write(corrupt, new byte[] {1, 2, 3, 4});
        fails("is not a model file vecnn reads", "summary", "--model", corrupt.toString());
        fails("cannot read " + dir.resolve("none.vnn"), "summary", "--model", dir.resolve("none.vnn").toString());

        Path model = dir.resolve("ok.vnn");
        assertEquals(0, run("train", "--data", good.toString(), "--target", "label", "--layers", "1:sigmoid",
                "--epochs", "1", "--verbose", "0", "--out", model.toString()).status());
        Path truncated = dir.resolve("truncated.vnn");
        Files.write(truncated, Arrays.copyOf(Files.readAllBytes(model), 40));
        fails("bad model file", "summary", "--model", truncated.toString());
        Path unknown = dir.resolve("mystery.bin");
        Files.write(unknown, new byte[] {9, 9, 9, 9, 9, 9, 9, 9});
        fails("is not a model file vecnn reads", "import", unknown.toString(), "--out",
                dir.resolve("m.vnn").toString());
        assertFalse(Files.exists(dir.resolve("m.vnn")), "a failed import leaves no model file");
        Path missingFeature = dir.resolve("partial.csv");
        Files.writeString(missingFeature, "temperature,label\n200,1\n");
        fails("feature column 'duration', used in training, is absent from", "predict", "--model", model.toString(),
                "--data", missingFeature.toString());
    }
}
