package org.vecnn.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@link Trainer#fit} measured, one value per epoch under each name ({@code loss}, {@code val_loss}). */
public final class History {

    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    void add(String name, double value) {
        values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }

    /** The values of one quantity, by epoch. */
    public List<Double> get(String name) {
        return Collections.unmodifiableList(values.getOrDefault(name, List.of()));
    }

    /** Every quantity recorded, in the order first seen, with its values by epoch. */
    public Map<String, List<Double>> all() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
        return copy;
    }

    /** Epochs recorded. */
    public int epochs() {
        return values.isEmpty() ? 0 : values.values().iterator().next().size();
    }
}
