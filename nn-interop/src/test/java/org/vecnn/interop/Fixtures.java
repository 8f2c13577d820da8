package org.vecnn.interop;

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

    /** The shape a case's row is fed to a runtime as. */
    static long[] runShape(Case c) {
        return c.runShape();
    }

    /** The rows of a headerless CSV of numbers. */
    static float[][] csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
        float[][] rows = new float[lines.size()][];
        for (int r = 0; r < rows.length; r++) {
            String[] cells = lines.get(r).split(",");
            rows[r] = new float[cells.length];
            for (int c = 0; c < cells.length; c++) {
                rows[r][c] = Float.parseFloat(cells[c].strip());
            }
        }
        return rows;
    }

    /** The same as {@link #csv} in double, for the references. */
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
}
