package org.vecnn.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Named things of one kind, looked up by Keras name: activations, losses, optimisers, metrics,
 * initialisers. Every registry normalises names the same way (surrounding blanks dropped, lower case, so
 * {@code " ReLU "} is {@code relu}), gives a fresh value from its factory on each look-up (an optimiser
 * has state, so each model gets its own), and reports an unknown name with the list of known ones. New
 * names can be registered at any time, from any thread.
 *
 * @param <T> what the registry holds
 */
public final class Registry<T> {

    private final String kind;
    private final Map<String, Supplier<? extends T>> factories = new ConcurrentHashMap<>();
    /** Names in the order they were registered, for error messages. */
    private final List<String> order = new ArrayList<>();

    /** An empty registry; {@code kind} names its values in errors, such as {@code "activation"}. */
    public Registry(String kind) {
        this.kind = kind;
    }

    /** A name as every registry compares it: stripped and in lower case; "" for null. */
    public static String normalise(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Registers a factory under a name and its aliases.
     *
     * @return this registry
     * @throws IllegalArgumentException for a blank name or one already registered
     */
    public synchronized Registry<T> register(String name, Supplier<? extends T> factory, String... aliases) {
        List<String> names = new ArrayList<>(List.of(name));
        names.addAll(List.of(aliases));
        for (String each : names) {
            String key = normalise(each);
            if (key.isEmpty()) {
                throw new IllegalArgumentException("a " + kind + " name must not be blank");
            }
            if (factories.containsKey(key)) {
                throw new IllegalArgumentException("a " + kind + " named '" + key + "' is already registered");
            }
        }
        for (String each : names) {
            factories.put(normalise(each), factory);
            order.add(each.strip());
        }
        return this;
    }

    /**
     * A fresh value of this name.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public T get(String name) {
        Supplier<? extends T> factory = factories.get(normalise(name));
        if (factory == null) {
            throw new IllegalArgumentException("unknown " + kind + " '" + name + "'; known: " + String.join(", ",
                    names()));
        }
        return factory.get();
    }

    /** Whether a value of this name is registered. */
    public boolean contains(String name) {
        return factories.containsKey(normalise(name));
    }

    /** The registered names, aliases included, in the order they were registered. */
    public synchronized List<String> names() {
        return List.copyOf(order);
    }
}
