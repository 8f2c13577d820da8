package org.vecnn.cli;

import java.util.Set;
import org.vecnn.train.loss.Loss;

/**
 * What the loss makes of the target column, decided from the loss (itself chosen from the output
 * activation unless given) before the data is read, then checked against the column's content.
 */
enum TargetKind {
    /** A regression: every cell a number. */
    NUMBER,
    /** Two classes, for binary cross-entropy: 0/1 numbers as they are, or two text labels. */
    BINARY,
    /** Class labels, for (sparse) categorical cross-entropy: one index per distinct label. */
    CLASSES;

    private static final Set<String> CLASS_LOSSES = Set.of("sparse_categorical_crossentropy",
            "categorical_crossentropy");

    static TargetKind of(Loss loss) {
        if (loss.name().equals("binary_crossentropy")) {
            return BINARY;
        }
        return CLASS_LOSSES.contains(loss.name()) ? CLASSES : NUMBER;
    }

    /** Whether the target is read as class indices (else as numbers). */
    boolean takesClasses(Labels labels) {
        return this == CLASSES || this == BINARY && !labels.numeric();
    }

    /** A classifier's target needs two classes or more, and a binary one exactly two. */
    void check(CsvFile csv, int column, Labels labels, String setup) {
        String name = "the target column '" + csv.columns.get(column) + "' of " + csv.file;
        if (labels.size() < 2) {
            throw new CliException(name + " has one class only ('" + labels.names().getFirst()
                    + "'); a classifier needs at least two");
        }
        if (this == BINARY && labels.size() > 2) {
            throw new CliException(name + " has " + labels.size() + " classes (" + preview(labels) + "), but " + setup
                    + " takes two: use a softmax output with " + labels.size() + " units");
        }
    }

    /** A regression target's non-numeric cell, with what to do about it. */
    static CliException notANumber(CsvFile csv, int row, int column, String cell, String setup) {
        return new CliException(csv.file + " row " + row + ", column '" + csv.columns.get(column) + "': '" + cell
                + "' is not a number, and " + setup + " is a regression that needs numeric targets;"
                + " for class labels use a sigmoid (two classes) or softmax output");
    }

    private static String preview(Labels labels) {
        String shown = String.join(", ", labels.names().subList(0, Math.min(5, labels.size())));
        return labels.size() > 5 ? shown + ", ..." : shown;
    }
}
