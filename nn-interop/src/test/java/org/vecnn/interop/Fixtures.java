package org.vecnn.interop;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Sequential;

/**
 * The shared corpus of model files written by other tools, {@code ../shared/fixtures/interop} beside the
 * repository (never copied into it): its cases, their inputs and expected outputs. Tests skip, saying why,
 * where the folder is absent.
 */
final class Fixtures {

    /** One case: its id, model file, input rows, expected output rows, and the shape one row is fed as. */
    record Case(String id, Path model, Path input, Path expected, long[] runShape) {
        @Override
        public String toString() {
            return id;
        }
    }

    private Fixtures() {
    }

    /** The corpus folder ({@code -Dvecnn.fixtures} or {@code ../shared/fixtures/interop} above the build), or null. */
    static Path root() {
        String property = System.getProperty("vecnn.fixtures");
        if (property != null) {
            return Files.isDirectory(Path.of(property)) ? Path.of(property) : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/fixtures/interop").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The cases of one corpus ({@code keras} or {@code onnx}), skipping the test where the corpus is absent. */
    static List<Case> cases(String corpus) throws IOException {
        Path root = root();
        assumeTrue(root != null, "the shared fixtures (../shared/fixtures/interop) are not here: skipped");
        Path folder = root.resolve(corpus);
        JsonObject manifest = JsonParser.parseString(Files.readString(folder.resolve("manifest.json")))
                .getAsJsonObject();
        List<Case> cases = new ArrayList<>();
        for (JsonElement element : manifest.getAsJsonArray("cases")) {
            JsonObject entry = element.getAsJsonObject();
            Path dir = folder.resolve(entry.get("dir").getAsString());
            long[] runShape = entry.has("run_shape") ? StreamSupport.stream(entry.getAsJsonArray("run_shape")
                    .spliterator(), false).mapToLong(JsonElement::getAsLong).toArray() : null;
            cases.add(new Case(entry.get("id").getAsString(), folder.resolve(entry.get("file").getAsString()),
                    dir.resolve("input.csv"), dir.resolve("expected.csv"), runShape));
        }
        return cases;
    }

    /** The rows of a headerless CSV of numbers, as floats. */
    static float[][] csv(Path file) throws IOException {
        double[][] values = csvDouble(file);
        float[][] rows = new float[values.length][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = new float[values[r].length];
            for (int c = 0; c < rows[r].length; c++) {
                rows[r][c] = (float) values[r][c];
            }
        }
        return rows;
    }

    /** The rows of a headerless CSV of numbers, in double (the references). */
    static double[][] csvDouble(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
        double[][] rows = new double[lines.size()][];
        for (int r = 0; r < rows.length; r++) {
            String[] cells = lines.get(r).split(",");
            rows[r] = new double[cells.length];
            for (int c = 0; c < cells.length; c++) {
                rows[r][c] = Double.parseDouble(cells[c].strip());
            }
        }
        return rows;
    }

    /**
     * Imports every case of a corpus and predicts its input rows in one batch, failing with each case that
     * does not give its expected outputs within the corpus's rule; returns how many passed.
     */
    static int checkCorpus(String corpus) throws IOException {
        List<String> failures = new ArrayList<>();
        int passed = 0;
        List<Case> cases = cases(corpus);
        for (Case c : cases) {
            try {
                Sequential model = ModelImport.read(c.model());
                Matrix out = model.predict(Matrix.of(csv(c.input())));
                String mismatch = compare(out, csvDouble(c.expected()));
                if (mismatch == null) {
                    passed++;
                } else {
                    failures.add(c.id() + ": " + mismatch);
                }
            } catch (IOException | RuntimeException e) {
                failures.add(c.id() + ": " + e);
            }
        }
        System.out.println(corpus + " corpus: " + passed + " of " + cases.size() + " cases pass");
        if (!failures.isEmpty()) {
            fail(passed + " of " + cases.size() + " passed; failures:\n" + String.join("\n", failures));
        }
        return passed;
    }

    /** The first output outside the corpus's rule, {@code 1e-4 + 1e-4·|expected|}, or null. */
    static String compare(Matrix out, double[][] expected) {
        if (out.rows() != expected.length || out.cols() != expected[0].length) {
            return "shape " + out.shape() + ", expected " + expected.length + "x" + expected[0].length;
        }
        for (int r = 0; r < expected.length; r++) {
            for (int j = 0; j < expected[r].length; j++) {
                double error = Math.abs(out.get(r, j) - expected[r][j]);
                if (!(error <= 1e-4 + 1e-4 * Math.abs(expected[r][j]))) {
                    return "row " + r + " col " + j + ": " + out.get(r, j) + ", expected " + expected[r][j];
                }
            }
        }
        return null;
    }
}
