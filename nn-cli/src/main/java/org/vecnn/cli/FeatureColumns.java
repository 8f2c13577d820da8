package org.vecnn.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which columns of a training file are features: {@code --features} in the order given, or else every
 * column in file order; never the target, an {@code --id} column or a {@code --drop}ped one. Every name must
 * be a column of the file, and a clash (the target given as a feature, the ID as the target) is an error.
 */
final class FeatureColumns {

    private FeatureColumns() {
    }

    /** The feature columns' names, in order. */
    static List<String> choose(CsvFile csv, String target, List<String> chosen, List<String> drop, String id) {
        csv.column(target, "target");
        Set<String> excluded = new LinkedHashSet<>();
        excluded.add(target);
        for (String name : drop) {
            csv.column(name, "--drop");
            excluded.add(name);
        }
        if (id != null) {
            csv.column(id, "--id");
            if (id.equals(target)) {
                throw new CliException("--id '" + id + "' is the target column; an ID column is neither");
            }
            excluded.add(id);
        }
        List<String> features = new ArrayList<>();
        if (chosen == null) {
            csv.columns.stream().filter(name -> !excluded.contains(name)).forEach(features::add);
        } else {
            for (String name : chosen) {
                csv.column(name, "--features");
                if (excluded.contains(name)) {
                    throw new CliException("--features names '" + name + "', which is "
                            + (name.equals(target) ? "the target" : name.equals(id) ? "the --id column" : "dropped"));
                }
                if (features.contains(name)) {
                    throw new CliException("--features names '" + name + "' twice");
                }
                features.add(name);
            }
        }
        if (features.isEmpty()) {
            throw new CliException(csv.file + " has no feature columns besides '" + target + "'"
                    + (excluded.size() > 1 ? " and the ones left out (" + String.join(", ", excluded) + ")" : ""));
        }
        return features;
    }
}
