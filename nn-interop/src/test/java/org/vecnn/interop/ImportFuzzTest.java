package org.vecnn.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Mutated Keras files (truncations, bit flips, runs of 0xFF and 0x00 where lengths and dimensions sit, and
 * for archives a mutated config or weight file zipped again with valid checksums) and mutated ONNX files
 * import or fail with an {@link ImportException}: never another exception, an error, or a hang. 2,000 files
 * per format, from a fixed seed.
 */
class ImportFuzzTest {

    private static final long SEED = Long.getLong("vecnn.test.seed", 0xF022_2026L);
    private static final int MUTANTS = 2_000;
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "import-fuzz");
        thread.setDaemon(true);
        return thread;
    });

    @AfterAll
    static void stop() {
        WORKER.shutdownNow();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ImportFuzzTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    /** One random mutation of a file's bytes. */
    private static byte[] mutate(byte[] original, SplittableRandom random) {
        byte[] bytes = original.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            case 1 -> {
                for (int flips = 1 + random.nextInt(16); flips > 0; flips--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 2 -> {
                int at = random.nextInt(bytes.length);
                byte fill = random.nextBoolean() ? (byte) 0xFF : 0;
                for (int i = at; i < Math.min(bytes.length, at + 1 + random.nextInt(8)); i++) {
                    bytes[i] = fill;
                }
            }
            default -> {
                int at = random.nextInt(bytes.length);
                bytes[at] = (byte) random.nextInt(256);
            }
        }
        return bytes;
    }

    /** An archive of these entries, each with a valid CRC. */
    private static byte[] zip(byte[] config, byte[] weights) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("config.json"));
            zip.write(config);
            zip.putNextEntry(new ZipEntry("model.weights.h5"));
            zip.write(weights);
        }
        return out.toByteArray();
    }

    /** Imports every mutant, requiring a model or an ImportException, each within ten seconds. */
    private static void survives(String name, List<byte[]> mutants) throws Exception {
        int refused = 0;
        for (int i = 0; i < mutants.size(); i++) {
            byte[] mutant = mutants.get(i);
            Future<Boolean> attempt = WORKER.submit(() -> {
                try {
                    ModelImport.read(mutant, name);
                    return true;
                } catch (ImportException e) {
                    assertTrue(e.getMessage().startsWith(name), e.getMessage());
                    return false;
                }
            });
            try {
                refused += attempt.get(10, TimeUnit.SECONDS) ? 0 : 1;
            } catch (TimeoutException e) {
                fail(name + " mutant " + i + " did not finish in 10 s");
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError(name + " mutant " + i + " failed with " + e.getCause(), e.getCause());
            }
        }
        assertTrue(refused > mutants.size() / 4, refused + " of " + mutants.size() + " refused: too few mutants bite");
    }

    @Test
    void mutatedLegacyHdf5FilesImportOrFailClearly() throws Exception {
        byte[] original = resource("tiny.h5");
        SplittableRandom random = new SplittableRandom(SEED);
        List<byte[]> mutants = new ArrayList<>();
        for (int i = 0; i < MUTANTS; i++) {
            mutants.add(mutate(original, random));
        }
        survives("tiny.h5", mutants);
    }

    @Test
    void mutatedOnnxFilesImportOrFailClearly() throws Exception {
        byte[] original = resource("tiny.onnx");
        SplittableRandom random = new SplittableRandom(SEED + 2);
        List<byte[]> mutants = new ArrayList<>();
        for (int i = 0; i < MUTANTS; i++) {
            byte[] mutant = mutate(original, random);
            if (mutant.length > 0) {
                mutant[0] = 0x08;  // still an ONNX file by its first byte: the parser, not the sniffing, is tested
            }
            mutants.add(mutant);
        }
        survives("tiny.onnx", mutants);
    }

    @Test
    void mutatedKerasArchivesImportOrFailClearly() throws Exception {
        byte[] original = resource("tiny.keras");
        KerasArchive archive = KerasArchive.read(original, "tiny.keras");
        byte[] config = archive.config().getBytes(StandardCharsets.UTF_8);
        SplittableRandom random = new SplittableRandom(SEED + 1);
        List<byte[]> mutants = new ArrayList<>();
        for (int i = 0; i < MUTANTS; i++) {
            mutants.add(switch (i % 3) {
                case 0 -> mutate(original, random);
                case 1 -> zip(mutate(config, random), archive.weights());
                default -> zip(config, mutate(archive.weights(), random));
            });
        }
        survives("tiny.keras", mutants);
    }
}
