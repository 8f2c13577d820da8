package org.vecnn.spark;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.spark.broadcast.Broadcast;
import org.vecnn.nn.ModelFileException;
import org.vecnn.nn.Sequential;

/**
 * One decoded model per broadcast model file in each JVM: vecnn's predict is thread-safe, so every task an
 * executor runs shares it. Keyed by the broadcast's bytes as the executor holds them (by identity), so a
 * model goes when its broadcast does.
 */
final class SharedModels {

    private static final Map<byte[], Sequential> MODELS = Collections.synchronizedMap(new WeakHashMap<>());

    private SharedModels() {
    }

    /** The model of a broadcast model file, decoded on first use in this JVM. */
    static Sequential of(Broadcast<byte[]> file) {
        byte[] bytes = file.value();
        return MODELS.computeIfAbsent(bytes, SharedModels::decode);
    }

    /** A model file's bytes as a model, with an unchecked error for a bad file (checked on the driver first). */
    private static Sequential decode(byte[] bytes) {
        try {
            return Sequential.load(bytes, "the broadcast model");
        } catch (ModelFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
