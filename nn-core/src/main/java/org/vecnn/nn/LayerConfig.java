package org.vecnn.nn;

import org.vecnn.nn.io.SafeText;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A layer's configuration, Keras's {@code get_config()}: named values (numbers, booleans and names, kept as
 * text) from which {@link Layer#register registered} factories make the same layer again, as
 * {@code from_config} does. Model files store it; the layer's name is kept beside it, not in it.
 *
 * <p>The typed getters check each value and say which one is wrong; a factory reads every key it knows,
 * and a model file whose config has keys no factory read is rejected ({@link #unread()}).
 */
public final class LayerConfig {

    /** The most bytes (UTF-8) of a key or a value that a model file keeps. */
    public static final int MAX_BYTES = 65_535;

    private final Map<String, String> values;
    private final Set<String> read = new HashSet<>();

    private LayerConfig(Map<String, String> values) {
        this.values = values;
    }

    /** An empty config to add to. */
    public static LayerConfig create() {
        return new LayerConfig(new LinkedHashMap<>());
    }

    /** A config of these entries, in their order (as a model file gives them). */
    public static LayerConfig of(Map<String, String> entries) {
        LayerConfig config = create();
        entries.forEach(config::put);
        return config;
    }

    /**
     * Sets a value; returns this config.
     *
     * @throws IllegalArgumentException for a blank key, a null value, or a key or value longer than a model
     *     file keeps ({@link #MAX_BYTES} bytes of UTF-8)
     */
    public LayerConfig put(String key, String value) {
        if (key == null || key.isBlank() || value == null) {
            throw new IllegalArgumentException("a config entry needs a key and a value, got '" + key + "'");
        }
        int keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
        int valueBytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (keyBytes > MAX_BYTES || valueBytes > MAX_BYTES) {
            throw new IllegalArgumentException("config '" + SafeText.escape(key.substring(0, Math.min(40,
                    key.length()))) + "' takes " + Math.max(keyBytes, valueBytes) + " bytes; a model file keeps"
                    + " at most " + MAX_BYTES + " per key and per value");
        }
        values.put(key, value);
        return this;
    }

    /** Sets a number; returns this config. */
    public LayerConfig put(String key, long value) {
        return put(key, Long.toString(value));
    }

    /** Sets a number, exactly (Java's shortest round-trip form); returns this config. */
    public LayerConfig put(String key, float value) {
        return put(key, Float.toString(value));
    }

    /** Sets a flag; returns this config. */
    public LayerConfig put(String key, boolean value) {
        return put(key, Boolean.toString(value));
    }

    /** The entries, in order. */
    public Map<String, String> entries() {
        return Collections.unmodifiableMap(values);
    }

    /** The text of a key, or the fallback when it is absent. */
    public String getString(String key, String fallback) {
        read.add(key);
        return values.getOrDefault(key, fallback);
    }

    /**
     * The text of a key that must be present.
     *
     * @throws IllegalArgumentException if it is absent
     */
    public String getString(String key) {
        String value = getString(key, null);
        if (value == null) {
            throw new IllegalArgumentException("config '" + key + "' is missing");
        }
        return value;
    }

    /** An integer, or the fallback when absent. */
    public int getInt(String key, int fallback) {
        String text = getString(key, null);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw bad(key, text, "a whole number");
        }
    }

    /** An integer that must be present. */
    public int getInt(String key) {
        getString(key);
        return getInt(key, 0);
    }

    /** A finite number, or the fallback when absent. */
    public float getFloat(String key, float fallback) {
        String text = getString(key, null);
        if (text == null) {
            return fallback;
        }
        try {
            float value = Float.parseFloat(text);
            if (Float.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(key, text, "a finite number");
    }

    /** A number that must be present. */
    public float getFloat(String key) {
        getString(key);
        return getFloat(key, 0f);
    }

    /** A flag ({@code true} or {@code false}), or the fallback when absent. */
    public boolean getBoolean(String key, boolean fallback) {
        String text = getString(key, null);
        if (text == null) {
            return fallback;
        }
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, text, "true or false");
        };
    }

    private static IllegalArgumentException bad(String key, String text, String expected) {
        return new IllegalArgumentException("config '" + key + "' must be " + expected + ", got '"
                + SafeText.escape(text) + "'");
    }

    /** Keys no getter has read, in order: a config the factory did not understand. */
    public Set<String> unread() {
        Set<String> left = new LinkedHashSet<>(values.keySet());
        left.removeAll(read);
        return left;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LayerConfig config && values.equals(config.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
