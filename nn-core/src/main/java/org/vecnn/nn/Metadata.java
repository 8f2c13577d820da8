package org.vecnn.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A model's free-form metadata: keys of 1 to 255 characters, values of at most 16,383, kept in order. */
final class Metadata {

    /** The longest key. */
    private static final int MAX_KEY = 255;
    /** The longest value. */
    private static final int MAX_VALUE = 16_383;

    private Metadata() {
    }

    /**
     * An unmodifiable copy of these entries, in their order.
     *
     * @throws IllegalArgumentException for a key or value out of bounds, naming the key
     */
    static Map<String, String> copyOf(Map<String, String> entries) {
        Map<String, String> copy = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            if (key == null || key.isEmpty() || key.length() > MAX_KEY || value == null || value.length() > MAX_VALUE) {
                throw new IllegalArgumentException("metadata keys must be 1 to 255 characters and values at most"
                        + " 16,383, got key '" + key + "'");
            }
            copy.put(key, value);
        });
        return Collections.unmodifiableMap(copy);
    }
}
