package org.vecnn.interop;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The two entries of a Keras 3 {@code .keras} archive that a model needs, read in memory: nothing is
 * written to disk, entry names that could escape a folder are refused, and each entry's inflated size is
 * bounded while it is read (a zip's declared sizes are not trusted).
 *
 * @param config {@code config.json}, the model's architecture
 * @param weights {@code model.weights.h5}, its variables
 * @param metadata {@code metadata.json} (the Keras version that wrote the archive), or "{}" without one
 */
record KerasArchive(String config, byte[] weights, String metadata) {

    /** The largest {@code config.json} read. */
    static final int MAX_CONFIG_BYTES = 64 << 20;

    /** The config and weights of this archive. */
    static KerasArchive read(byte[] bytes, String file) throws ImportException {
        byte[] config = null;
        byte[] weights = null;
        byte[] metadata = "{}".getBytes(StandardCharsets.UTF_8);
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (name.startsWith("/") || name.contains("\\") || name.contains("..") || name.indexOf(':') >= 0) {
                    throw new ImportException(file, "zip entry '" + printable(name) + "'", "an unsafe entry name");
                }
                if (name.equals("config.json")) {
                    config = inflate(zip, MAX_CONFIG_BYTES, file, name);
                    total += config.length;
                } else if (name.equals("metadata.json")) {
                    metadata = inflate(zip, MAX_CONFIG_BYTES, file, name);
                } else if (name.equals("model.weights.h5")) {
                    weights = inflate(zip, ModelImport.MAX_BYTES - total, file, name);
                    total += weights.length;
                }
            }
        } catch (ImportException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new ImportException(file, "zip", "not a readable .keras archive (" + e.getMessage() + ")", e);
        }
        if (config == null) {
            throw new ImportException(file, "zip", "no config.json: not a Keras 3 .keras archive");
        }
        if (weights == null) {
            throw new ImportException(file, "zip", "no model.weights.h5: the archive holds no weights");
        }
        return new KerasArchive(new String(config, StandardCharsets.UTF_8), weights,
                new String(metadata, StandardCharsets.UTF_8));
    }

    /** The current entry's bytes, failing once more than {@code limit} come out. */
    private static byte[] inflate(ZipInputStream zip, long limit, String file, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        long read = 0;
        for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
            read += n;
            if (read > limit) {
                throw new ImportException(file, "zip entry " + name, "inflates to more than " + limit + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static String printable(String name) {
        return name.codePoints().limit(100).map(c -> c < 32 || c == 127 ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
