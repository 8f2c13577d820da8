package org.vecnn.interop;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * One layer of a Keras model config: its class, its name, and its {@code config} object, with typed reads
 * that fail naming the layer and the key.
 *
 * @param className the Keras class, such as {@code Dense}
 * @param name the layer's name in the file
 * @param config the layer's config
 * @param file the file, for errors
 */
record KerasLayerSpec(String className, String name, JsonObject config, String file) {

    /** "layer 'dense_1' (Dense)", as errors name it. */
    String describe() {
        return "layer '" + name + "' (" + className + ")";
    }

    /** Whether the key is present and not null. */
    boolean has(String key) {
        return config.has(key) && !config.get(key).isJsonNull();
    }

    /** The element at key, or null when absent or null. */
    JsonElement get(String key) {
        return has(key) ? config.get(key) : null;
    }

    /** A number at key, or {@code fallback} when absent or null. */
    double number(String key, double fallback) throws ImportException {
        JsonElement value = get(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw fail(key + " must be a number, got " + value);
        }
        return value.getAsDouble();
    }

    /** A boolean at key, or {@code fallback} when absent or null. */
    boolean bool(String key, boolean fallback) throws ImportException {
        JsonElement value = get(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            throw fail(key + " must be true or false, got " + value);
        }
        return value.getAsBoolean();
    }

    /** An error about this layer. */
    ImportException fail(String problem) {
        return new ImportException(file, describe(), problem);
    }
}
