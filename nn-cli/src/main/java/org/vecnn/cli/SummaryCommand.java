package org.vecnn.cli;

import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ./vecnn summary}: the Keras-style table of a saved model. */
@Command(name = "summary", mixinStandardHelpOptions = true, description = "Print the layer table of a saved model.")
final class SummaryCommand extends VecnnCommand {

    @Mixin
    ModelOption model;

    private final PrintStream console;

    SummaryCommand(PrintStream console) {
        this.console = console;
    }

    @Override
    int execute() {
        console.print(ModelMetadata.load(model.model).summary());
        return 0;
    }
}
