package org.vecnn.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

    /**
     * The epoch (from 1) at which a quantity was best (see {@link #higherIsBetter}), the first if tied; 0 if it
     * was not recorded.
     */
    public int bestEpoch(String name) {
        List<Double> series = values.getOrDefault(name, List.of());
        boolean higher = higherIsBetter(name);
        int best = 0;
        for (int epoch = 1; epoch < series.size(); epoch++) {
            double value = series.get(epoch);
            if (higher ? value > series.get(best) : value < series.get(best)) {
                best = epoch;
            }
        }
        return series.isEmpty() ? 0 : best + 1;
    }

    /** Whether a higher value of this quantity is better: accuracy, AUC, precision and recall; else lower. */
    public static boolean higherIsBetter(String name) {
        return name.contains("acc") || name.contains("auc") || name.contains("precision") || name.contains("recall");
    }

    /** The epochs, each quantity's last value, and the best epoch of val_loss (or loss). */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("History[" + epochs() + " epochs");
        String separator = ": ";
        for (Map.Entry<String, List<Double>> entry : values.entrySet()) {
            text.append(separator).append(entry.getKey()).append(' ')
                    .append(String.format(Locale.ROOT, "%.4g", entry.getValue().getLast()));
            separator = ", ";
        }
        String monitor = values.containsKey("val_loss") ? "val_loss" : "loss";
        if (values.containsKey(monitor)) {
            text.append("; best ").append(monitor).append(" at epoch ").append(bestEpoch(monitor));
        }
        return text.append(']').toString();
    }
}
