package org.vecnn.cli;

import java.io.PrintStream;
import org.vecnn.nn.CategoryLookup;
import org.vecnn.nn.Sequential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./vecnn summary}: the Keras-style table of a saved model, then the feature, target and class names
 * (and ID column, and each categorical column's categories) it was trained with, or the file it was imported
 * from.
 */
@Command(name = "summary", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Print the layer table of a saved model.")
final class SummaryCommand extends VecnnCommand {

    @Mixin
    ModelOption model;

    private final PrintStream console;

    SummaryCommand(PrintStream console) {
        this.console = console;
    }

    @Override
    int execute() {
        Sequential loaded = ModelMetadata.load(model.model);
        console.print(loaded.summary());
        ModelMetadata metadata = ModelMetadata.of(loaded, model.model);
        if (!metadata.features().isEmpty()) {
            console.println("Features (" + metadata.features().size() + "): " + String.join(", ",
                    metadata.features()));
            console.println("Target: " + metadata.target() + (metadata.classes().isEmpty() ? ""
                    : ", classes: " + String.join(", ", metadata.classes())));
            if (!metadata.id().isEmpty()) {
                console.println("ID column: " + metadata.id());
            }
            if (loaded.layers().getFirst() instanceof CategoryLookup lookup) {
                for (int c = 0; c < lookup.columns(); c++) {
                    if (lookup.isCategorical(c)) {
                        console.println("Categories of " + metadata.features().get(c) + " (" + lookup.vocabulary(c)
                                .size() + ", others unknown): " + String.join(", ", lookup.vocabulary(c)));
                    }
                }
            }
        }
        loaded.metadata().entrySet().stream().filter(entry -> entry.getKey().equals("imported_from"))
                .forEach(entry -> console.println("Imported from: " + entry.getValue()));
        return 0;
    }
}
