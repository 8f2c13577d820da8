package org.vecnn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vecnn.cli.Cli.fails;
import static org.vecnn.cli.Cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.cli.Cli.Run;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.CategoryLookup;
import org.vecnn.nn.Normalization;
import org.vecnn.nn.Sequential;

/**
 * A new user's credit table, end to end in three commands with no preprocessing: string categorical columns,
 * an ID column and a yes/no label train, evaluate with a confusion matrix, and predict from the raw CSV with
 * the IDs kept; an unseen category follows the unknown rule.
 */
class CreditTableTest {

    private static final String[] EMPLOYMENT = {"employed", "employed", "employed", "self-employed", "unemployed",
        "retired"};
    private static final String[] HOUSING = {"own", "rent", "free"};

    @TempDir
    Path dir;
    private Path credit;
    private Path applicants;
    private Path model;

    /** Defaults that follow from unemployment, renting, a low income and youth, with noise. */
    @BeforeEach
    void writeTables() throws IOException {
        SplittableRandom random = new SplittableRandom(21);
        StringBuilder table = new StringBuilder("customer_id,age,income,employment,housing,region,default\n");
        StringBuilder fresh = new StringBuilder("housing,employment,income,age,customer_id,region\n");
        for (int i = 0; i < 900; i++) {
            int age = 19 + random.nextInt(57);
            int income = (int) (12_000 + 60_000 * random.nextDouble());
            String employment = EMPLOYMENT[random.nextInt(EMPLOYMENT.length)];
            String housing = HOUSING[random.nextInt(HOUSING.length)];
            double z = -0.8 + (employment.equals("unemployed") ? 2.5 : 0) + (housing.equals("rent") ? 1.2 : 0)
                    - (income - 40_000) / 12_000.0 - (age - 45) / 25.0;
            boolean defaults = random.nextDouble() < 1 / (1 + Math.exp(-3 * z));
            if (i < 800) {
                table.append(String.format(Locale.ROOT, "C%04d,%d,%d,%s,%s,%d,%s%n", i, age, income, employment,
                        housing, 1 + random.nextInt(4), defaults ? "yes" : "no"));
            } else {
                fresh.append(String.format(Locale.ROOT, "%s,%s,%d,%d,N%04d,2%n", housing, employment, income, age, i));
            }
        }
        fresh.append("houseboat,student,30000,30,N-unseen,2\n");
        credit = Files.writeString(dir.resolve("credit.csv"), table);
        applicants = Files.writeString(dir.resolve("applicants.csv"), fresh);
        model = dir.resolve("credit.vnn");
    }

    @Test
    void trainsEvaluatesAndPredictsFromTheRawTableInThreeCommands() throws IOException {
        Run trained = run("train", "--data", credit.toString(), "--target", "default", "--id", "customer_id",
                "--categorical", "region", "--layers", "16:relu,1:sigmoid", "--normalize", "--epochs", "40",
                "--test-split", "0.2", "--metrics", "accuracy", "--seed", "3", "--verbose", "2", "--out",
                model.toString());
        assertEquals(0, trained.status(), trained.err());
        assertTrue(trained.out().contains("categorical columns, one-hot with an unknown bucket: employment (4),"
                + " housing (3), region (4)"), trained.out());
        Matcher test = Pattern.compile("test \\(160 rows\\): loss [0-9.]+ accuracy ([0-9.]+)").matcher(trained.out());
        assertTrue(test.find(), trained.out());
        double majority = majorityShare();
        assertTrue(Double.parseDouble(test.group(1)) > majority + 0.05, "test accuracy " + test.group(1)
                + " against the majority class's " + majority);

        Run evaluated = run("evaluate", "--model", model.toString(), "--data", credit.toString());
        assertEquals(0, evaluated.status(), evaluated.err());
        assertTrue(evaluated.out().contains("confusion matrix (rows: actual, columns: predicted)"), evaluated.out());
        assertTrue(evaluated.out().lines().anyMatch(line -> line.startsWith("yes ")), evaluated.out());
        Matcher accuracy = Pattern.compile("accuracy: ([0-9.]+)").matcher(evaluated.out());
        assertTrue(accuracy.find() && Double.parseDouble(accuracy.group(1)) > majority + 0.05, evaluated.out());

        Path scores = dir.resolve("scores.csv");
        Run predicted = run("predict", "--model", model.toString(), "--data", applicants.toString(), "--out",
                scores.toString());
        assertEquals(0, predicted.status(), predicted.err());
        List<String> lines = Files.readAllLines(scores);
        assertEquals("customer_id,p_yes,class", lines.getFirst());
        assertEquals(102, lines.size());
        assertTrue(lines.get(1).startsWith("N0800,") && lines.getLast().startsWith("N-unseen,"), lines.toString());

        // One model object maps the raw rows to the same scores, an unseen category to the unknown bucket.
        Sequential loaded = Sequential.load(model);
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(applicants).subList(1, 102)) {
            String[] cells = line.split(",");
            rows.add(new String[] {cells[3], cells[2], cells[1], cells[0], "2"});
        }
        Matrix raw = loaded.predictRows(rows);
        for (int r = 0; r < rows.size(); r++) {
            assertEquals(raw.get(r, 0), Float.parseFloat(lines.get(r + 1).split(",")[1]), lines.get(r + 1));
        }
        CategoryLookup lookup = (CategoryLookup) loaded.layers().getFirst();
        float[] unseen = lookup.encode("30", "30000", "student", "houseboat", "2");
        float[] unknown = lookup.encode("30", "30000", "no such", "nor this", "2");
        assertArrayEquals(unknown, unseen);
        assertEquals(CategoryLookup.UNKNOWN, (int) unseen[2]);
        assertEquals(loaded.predict(unknown)[0], raw.get(rows.size() - 1, 0));
    }

    @Test
    void vocabulariesAndStatisticsComeFromTheTrainingRowsOnly() throws IOException {
        // The last tenth, the validation rows, has an employment no training row has.
        List<String> lines = new ArrayList<>(Files.readAllLines(credit));
        for (int i = 721; i < lines.size(); i++) {
            lines.set(i, lines.get(i).replace(",retired,", ",sabbatical,"));
        }
        Files.write(credit, lines);
        Run trained = run("train", "--data", credit.toString(), "--target", "default", "--id", "customer_id",
                "--layers", "1:sigmoid", "--normalize", "--validation-split", "0.1", "--max-categories", "2",
                "--epochs", "1", "--verbose", "1", "--out", model.toString());
        assertEquals(0, trained.status(), trained.err());
        assertTrue(trained.out().contains("note: column 'employment' has 4 categories in the training rows; the 2"
                + " most frequent are kept"), trained.out());
        Sequential loaded = Sequential.load(model);
        CategoryLookup lookup = (CategoryLookup) loaded.layers().getFirst();
        assertEquals(2, lookup.vocabulary(2).size());
        assertEquals("employed", lookup.vocabulary(2).getFirst(), "the most frequent first");
        assertEquals(CategoryLookup.UNKNOWN, lookup.code(2, "sabbatical"), "seen in validation rows only");
        assertFalse(lookup.isCategorical(4), "region is numeric without --categorical");
        Normalization normalization = (Normalization) loaded.layers().get(1);
        boolean[] oneHot = lookup.oneHotOutputs();
        for (int j = 0; j < oneHot.length; j++) {
            if (oneHot[j]) {
                assertEquals(0f, normalization.mean()[j], "one-hot value " + j + " passes unscaled");
                assertEquals(1f, normalization.variance()[j]);
            }
        }
        assertTrue(normalization.variance()[0] > 100, "age is standardised");
        Run summary = run("summary", "--model", model.toString());
        assertTrue(summary.out().contains("Categories of employment (2, others unknown): employed, "), summary.out());
    }

    @Test
    void badCategoricalOptionsAreOneLine() {
        fails("--categorical names 'customer_id', which is not a feature column", "train", "--data",
                credit.toString(), "--target", "default", "--id", "customer_id", "--categorical", "customer_id",
                "--layers", "1:sigmoid", "--out", model.toString());
        fails("no --categorical column 'nosuch'", "train", "--data", credit.toString(), "--target", "default",
                "--categorical", "nosuch", "--layers", "1:sigmoid", "--out", model.toString());
        fails("--max-categories must be at least 1, got 0", "train", "--data", credit.toString(), "--target",
                "default", "--max-categories", "0", "--layers", "1:sigmoid", "--out", model.toString());
        assertFalse(Files.exists(model));
    }

    private double majorityShare() throws IOException {
        List<String> lines = Files.readAllLines(credit);
        long yes = lines.stream().skip(1).filter(line -> line.endsWith(",yes")).count();
        long all = lines.size() - 1;
        return Math.max(yes, all - yes) / (double) all;
    }
}
