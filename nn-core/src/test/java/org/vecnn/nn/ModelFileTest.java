package org.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.matrix.Matrix;

/**
 * Model files: bitwise round trips, atomic writes, and every kind of bad file giving only
 * {@link ModelFileException} with the field and offset, including thousands of fuzzed files.
 */
class ModelFileTest {
    private static final Path NAME = Path.of("model.vnn");
    /** A fuzzed file must be rejected (or loaded) in well under this. */
    private static final long MAX_NANOS_PER_FILE = 200_000_000L;

    @TempDir
    Path dir;

    private static Sequential small() {
        return new Sequential(new Normalization().adapt(Matrix.random(9, 2, 3)),
                new Dense(3, "sigmoid").named("layer1"), new Dropout(0.1f), new Dense(1, Activation.leakyRelu(0.05f))
                        .useBias(false)).build(5L);
    }

    @Test
    void saveLoadPredictIsBitwiseIdenticalForRandomArchitectures() {
        qt().withFixedSeed(0xF11E_2026L).withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            Sequential model = Networks.random(seed);
            Path file = dir.resolve("m" + Long.toHexString(seed) + ".vnn");
            try {
                model.save(file);
                Sequential loaded = Sequential.load(file);
                assertEquals(model.summary(), loaded.summary());
                for (int i = 0; i < model.layers().size(); i++) {
                    assertEquals(model.layers().get(i).weights(), loaded.layers().get(i).weights());
                }
                Matrix x = Networks.inputs(model, 17, seed);
                assertArrayEquals(model.predict(x).data(), loaded.predict(x).data());
                assertArrayEquals(ModelWriter.encode(model), Files.readAllBytes(file));
                assertArrayEquals(ModelWriter.encode(model), ModelWriter.encode(loaded));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void writesAreAtomicAndLeaveNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("atomic.vnn");
        Files.writeString(file, "an older model");
        small().save(file);
        small().save(file);
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList());
        }
        Path missingDir = dir.resolve("no/such/dir/model.vnn");
        assertThrows(IOException.class, () -> small().save(missingDir));
    }

    private static ModelFileException rejects(byte[] bytes) {
        return assertThrows(ModelFileException.class, () -> ModelReader.decode(NAME, bytes));
    }

    @Test
    void wrongMagicAndUnsupportedVersionsAreNamed() {
        byte[] good = ModelWriter.encode(small());
        byte[] png = good.clone();
        png[1] = 'P';
        ModelFileException magic = rejects(png);
        assertEquals("magic", magic.field());
        assertEquals(0, magic.offset());
        byte[] future = good.clone();
        future[8] = 9;
        ModelFileException version = rejects(future);
        assertEquals("bad model file model.vnn: version at byte 8: unsupported format version 9; this reader"
                + " supports versions 1 to 3", version.getMessage());
        assertEquals(3, ModelFormat.VERSION);
        assertEquals("magic", rejects(new byte[0]).field());
    }

    @Test
    void truncationAtAnyByteIsRejected() {
        byte[] good = ModelWriter.encode(small());
        for (int length = 0; length < good.length; length++) {
            byte[] cut = Arrays.copyOf(good, length);
            ModelFileException e = rejects(cut);
            assertTrue(e.offset() <= length, e::getMessage);
        }
    }

    @Test
    void anyFlippedBitIsRejected() {
        byte[] good = ModelWriter.encode(small());
        for (int bit = 0; bit < good.length * 8; bit++) {
            byte[] flipped = good.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            rejects(flipped);
        }
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] good = ModelWriter.encode(small());
        byte[] longer = Arrays.copyOf(good, good.length + 3);
        ModelFileException e = rejects(longer);
        assertEquals("trailing bytes", e.field());
        assertEquals(good.length, e.offset());
        // Extra bytes inside a consistent envelope (length and checksum fixed up) are caught by the parser.
        byte[] padded = sealed(Arrays.copyOf(good, good.length - 4), new byte[] {0, 0});
        assertEquals("trailing bytes", rejects(padded).field());
    }

    /** A crafted name with a newline and an ANSI escape (valid CRC) reaches the message escaped. */
    @Test
    void textFromTheFileIsEscapedInErrors() {
        byte[] file = ModelWriter.encode(small());
        int at = stringAt(file, "sigmoid") + 2;
        byte[] evil = "sig\n\u001b[1".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(evil, 0, file, at, evil.length);
        ModelFileException e = rejects(reseal(file));
        assertTrue(e.getMessage().contains("'sig\\n\\u001b[1'"), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), e.getMessage());
    }

    /** A file with the given body (everything before the checksum) plus extra bytes, re-sealed with length and CRC. */
    private static byte[] sealed(byte[] body, byte[] extra) {
        byte[] file = new byte[body.length + extra.length + 4];
        System.arraycopy(body, 0, file, 0, body.length);
        System.arraycopy(extra, 0, file, body.length, extra.length);
        return reseal(file);
    }

    /** Rewrites the length field and the checksum of a whole file so that only the parser can object. */
    private static byte[] reseal(byte[] file) {
        ByteBuffer view = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        view.putInt(12, file.length);
        CRC32C crc = new CRC32C();
        crc.update(file, 0, file.length - 4);
        view.putInt(file.length - 4, (int) crc.getValue());
        return file;
    }

    /** The offset of the first occurrence of a length-prefixed string in the file. */
    private static int stringAt(byte[] file, String value) {
        return stringAt(file, value, 0);
    }

    /** The offset of occurrence {@code skip} (from 0) of a length-prefixed string in the file. */
    private static int stringAt(byte[] file, String value, int skip) {
        int seen = 0;
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + 2 + utf8.length <= file.length; i++) {
            if ((file[i] & 0xff) != utf8.length || file[i + 1] != 0) {
                continue;
            }
            for (int j = 0; j < utf8.length; j++) {
                if (file[i + 2 + j] != utf8[j]) {
                    continue outer;
                }
            }
            if (seen++ == skip) {
                return i;
            }
        }
        throw new AssertionError("no string '" + value + "'");
    }

    private static byte[] replaceString(byte[] file, String from, String to) {
        int at = stringAt(file, from);
        byte[] utf8 = to.getBytes(StandardCharsets.UTF_8);
        int oldLength = 2 + from.getBytes(StandardCharsets.UTF_8).length;
        byte[] out = new byte[file.length - oldLength + 2 + utf8.length];
        System.arraycopy(file, 0, out, 0, at);
        out[at] = (byte) utf8.length;
        System.arraycopy(utf8, 0, out, at + 2, utf8.length);
        System.arraycopy(file, at + oldLength, out, at + 2 + utf8.length, file.length - at - oldLength);
        return reseal(out);
    }

    @Test
    void unknownLayerTypesAndBadConfigsAreNamed() {
        byte[] good = ModelWriter.encode(small());
        ModelFileException layer = rejects(replaceString(good, "Dropout", "Dropin"));
        assertEquals("layer 2 (dropout) type", layer.field());
        assertTrue(layer.getMessage().endsWith("unknown layer type 'Dropin'; known: Dense, Normalization, Dropout,"
                + " BatchNormalization, Activation, ReLU, PReLU, CategoryLookup"), layer::getMessage);
        byte[] unknownActivation = replaceString(good, "sigmoid", "sigmoidal");
        ModelFileException activation = rejects(unknownActivation);
        assertEquals("layer 1 (layer1) config", activation.field());
        assertEquals(stringAt(unknownActivation, "units"), activation.offset() + 4);
        assertTrue(activation.getMessage().contains("unknown activation 'sigmoidal'; known: linear"),
                activation::getMessage);
        assertTrue(rejects(replaceString(good, "glorot_uniform", "glorot_uniformly")).getMessage()
                .contains("unknown initializer 'glorot_uniformly'"));
        ModelFileException unknownKey = rejects(replaceString(good, "use_bias", "use_biases"));
        assertEquals("layer 1 (layer1) config", unknownKey.field());
        assertTrue(unknownKey.getMessage().endsWith("layer type 'Dense' takes no config [use_biases]"),
                unknownKey::getMessage);
    }

    @Test
    void impossibleShapesAndNanWeightsAreNamed() {
        byte[] good = ModelWriter.encode(small());
        // Layer 1's last config entry is kernel_l2 = "0.0"; then its weight count, and the kernel's shape.
        int shapeAt = stringAt(good, "kernel_l2") + 2 + 9 + 2 + 3 + 4;
        byte[] huge = good.clone();
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(shapeAt + 4, 2_000_000_000);
        ModelFileException shape = rejects(reseal(huge));
        assertEquals("layer 1 (layer1) weight 0", shape.field());
        assertTrue(shape.getMessage().contains("do not fit"), shape::getMessage);
        byte[] zero = good.clone();
        ByteBuffer.wrap(zero).order(ByteOrder.LITTLE_ENDIAN).putInt(shapeAt, 0);
        assertEquals("layer 1 (layer1) weight 0 shape", rejects(reseal(zero)).field());
        byte[] wrong = good.clone();
        ByteBuffer.wrap(wrong).order(ByteOrder.LITTLE_ENDIAN).putInt(shapeAt, 1).putInt(shapeAt + 4, 6);
        ModelFileException mismatch = rejects(reseal(wrong));
        assertEquals("layer 1 (layer1) weights", mismatch.field());
        assertTrue(mismatch.getMessage().contains("kernel must be 2x3, got 1x6"), mismatch::getMessage);

        int kernelAt = shapeAt + 8;
        byte[] nan = good.clone();
        ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(kernelAt + 4, Float.NaN);
        ModelFileException e = rejects(reseal(nan));
        assertEquals("layer 1 (layer1) weight 0[1]", e.field());
        assertEquals(kernelAt + 4, e.offset());
    }

    @Test
    void fuzzedFilesGiveOnlyTheDocumentedExceptionInBoundedTime() throws ModelFileException {
        SplittableRandom random = new SplittableRandom(0xF022L);
        // The first model built loads and initialises the kernels' classes: that is not the parser's time.
        Sequential warm = ModelReader.decode(NAME, ModelWriter.encode(Networks.random(1L)));
        warm.predict(new float[warm.inputWidth()]);
        for (int round = 0; round < 40; round++) {
            byte[] good = ModelWriter.encode(Networks.random(random.nextLong()));
            for (int i = 0; i < 100; i++) {
                byte[] mutated = mutate(good, random);
                // Half the mutants keep a valid envelope, so the parser itself is exercised.
                decodeOrReject(random.nextBoolean() && mutated.length >= 20 ? reseal(mutated) : mutated);
            }
        }
    }

    private static byte[] mutate(byte[] good, SplittableRandom random) {
        byte[] file = good.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    file[random.nextInt(file.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> file = Arrays.copyOf(file, random.nextInt(file.length));
            case 2 -> {
                int at = 16 + random.nextInt(file.length - 20);
                file[at] = (byte) (random.nextBoolean() ? 0xff : 0x7f);
            }
            default -> {
                int at = random.nextInt(file.length);
                byte[] extra = new byte[1 + random.nextInt(8)];
                random.nextBytes(extra);
                byte[] longer = new byte[file.length + extra.length];
                System.arraycopy(file, 0, longer, 0, at);
                System.arraycopy(extra, 0, longer, at, extra.length);
                System.arraycopy(file, at, longer, at + extra.length, file.length - at);
                file = longer;
            }
        }
        return file;
    }

    private static void decodeOrReject(byte[] bytes) {
        long start = System.nanoTime();
        try {
            Sequential model = ModelReader.decode(NAME, bytes);
            model.predict(new float[model.inputWidth()]);
        } catch (ModelFileException expected) {
            assertTrue(expected.getMessage().startsWith("bad model file model.vnn: "), expected::getMessage);
        } catch (RuntimeException e) {
            fail("a mutated file gave " + e + " instead of ModelFileException", e);
        }
        long nanos = System.nanoTime() - start;
        assertTrue(nanos < MAX_NANOS_PER_FILE, () -> "took " + nanos / 1e6 + " ms");
    }

    @Test
    void metadataRoundTripsAndVersionOneAndTwoFilesStillLoad() throws ModelFileException {
        Sequential model = new Sequential(new Dense(2, "relu").kernelRegularizer(new Regularizer(0.01, 0.02)),
                new Dense(1)).build(3, 1L);
        model.setMetadata(Map.of("features", "temperature,duration"));
        Sequential loaded = ModelReader.decode(NAME, ModelWriter.encode(model));
        assertEquals(Map.of("features", "temperature,duration"), loaded.metadata());
        assertEquals(new Regularizer(0.01f, 0.02f), ((Dense) loaded.layer("dense")).kernelRegularizer());

        Sequential v2 = ModelReader.decode(NAME, LegacyFiles.encode(model, 2));
        assertEquals(model.getWeights(), v2.getWeights());
        assertEquals(Map.of("features", "temperature,duration"), v2.metadata());
        assertEquals(new Regularizer(0.01f, 0.02f), ((Dense) v2.layer("dense")).kernelRegularizer());
        Sequential v1 = ModelReader.decode(NAME, LegacyFiles.encode(small(), 1));
        assertEquals(small().getWeights(), v1.getWeights());
        assertEquals(small().summary(), v1.summary());
        assertEquals(Map.of(), v1.metadata());
        assertArrayEquals(ModelWriter.encode(small()), ModelWriter.encode(v1));
    }
}
