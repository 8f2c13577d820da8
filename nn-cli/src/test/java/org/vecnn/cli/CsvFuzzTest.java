package org.vecnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.cli.Cli.Run;
import org.vecnn.nn.Sequential;

/**
 * 400 mutated CSV files (bytes flipped, inserted or cut; quotes, byte-order marks, Latin-1 and UTF-16 text,
 * huge and odd numbers) through train and predict: every outcome is a clean one-line error or a valid run
 * whose model loads and whose predictions are numbers.
 */
class CsvFuzzTest {

    private static final String[] INSERTS = {"\"", "\"\"", ",", "\n", "\r\n", "\uFEFF", "1e39", "-0", "NaN", "1d",
        "0x1p3", "\u001b[2J", "\u00e9", "\t", " ", ",,", "\"a,b\"", "99999999999999999999"};

    @TempDir
    Path dir;

    @Test
    void everyMutatedFileGivesACleanErrorOrAValidRun() throws IOException {
        Path model = dir.resolve("base.vnn");
        Path base = dir.resolve("base.csv");
        Files.writeString(base, valid(new SplittableRandom(1)));
        assertEquals(0, Cli.run("train", "--data", base.toString(), "--target", "label", "--layers", "3:relu,1:sigmoid",
                "--epochs", "1", "--verbose", "0", "--out", model.toString()).status());
        SplittableRandom random = new SplittableRandom(2026);
        int ran = 0;
        for (int i = 0; i < 400; i++) {
            Path data = dir.resolve("fuzz.csv");
            Files.write(data, mutate(valid(random).getBytes(StandardCharsets.UTF_8), random));
            Path out = dir.resolve("fuzz.vnn");
            Files.deleteIfExists(out);
            Run trained = Cli.run("train", "--data", data.toString(), "--target", "label", "--layers",
                    "3:relu,1:sigmoid", "--epochs", "1", "--verbose", "0", "--out", out.toString());
            clean(trained, i);
            if (trained.status() == 0) {
                ran++;
                Sequential.load(out);
            } else {
                assertFalse(Files.exists(out), "case " + i + ": a failed train left a model");
            }
            Run predicted = Cli.run("predict", "--model", model.toString(), "--data", data.toString());
            clean(predicted, i);
            if (predicted.status() == 0) {
                predicted.out().lines().skip(1).forEach(line -> assertTrue(CsvFile.isNumber(line), line));
            }
        }
        assertTrue(ran > 20 && ran < 380, ran + " of 400 mutated files trained: the mutations are too weak or strong");
    }

    private static void clean(Run run, int i) {
        if (run.status() != 0) {
            assertTrue(run.err().startsWith("vecnn: "), "case " + i + ": " + run.err());
            assertEquals(1, run.err().lines().count(), "case " + i + ": " + run.err());
            assertFalse(run.err().contains("\tat "), "case " + i + ": " + run.err());
            assertTrue(run.err().strip().chars().noneMatch(c -> Character.isISOControl(c)), "case " + i + ": "
                    + run.err());
        }
    }

    private static String valid(SplittableRandom random) {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int r = 0; r < 12; r++) {
            double a = random.nextDouble(-3, 3);
            double b = random.nextDouble(-3, 3);
            csv.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%d%n", a, b, a > b ? 1 : 0));
        }
        return csv.toString();
    }

    /** One to three mutations of the bytes, or a re-encoding of the whole text. */
    private static byte[] mutate(byte[] bytes, SplittableRandom random) {
        if (random.nextInt(10) == 0) {
            String text = new String(bytes, StandardCharsets.UTF_8).replace("a,b", "\u00e4,b");
            return text.getBytes(random.nextBoolean() ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16);
        }
        byte[] mutated = bytes;
        for (int m = random.nextInt(1, 4); m > 0; m--) {
            int at = random.nextInt(mutated.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            switch (random.nextInt(4)) {
                case 0 -> {
                    out.write(mutated, 0, mutated.length);
                    byte[] flipped = out.toByteArray();
                    flipped[at] ^= (byte) (1 << random.nextInt(8));
                    mutated = flipped;
                    continue;
                }
                case 1 -> {
                    out.write(mutated, 0, at);
                    out.writeBytes(INSERTS[random.nextInt(INSERTS.length)].getBytes(StandardCharsets.UTF_8));
                    out.write(mutated, at, mutated.length - at);
                }
                case 2 -> out.write(mutated, 0, Math.max(1, at));
                default -> {
                    out.write(mutated, 0, at);
                    int skip = Math.min(mutated.length - at, random.nextInt(1, 6));
                    out.write(mutated, at + skip, mutated.length - at - skip);
                }
            }
            mutated = out.toByteArray();
        }
        return mutated;
    }
}
