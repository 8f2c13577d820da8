package org.vecnn.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./vecnn summary}: the Keras-style table of a saved model. */
@Command(name = "summary", mixinStandardHelpOptions = true, description = "Print the layer table of a saved model.")
final class SummaryCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "the model file")
    Path model;

    private final PrintStream console;

    SummaryCommand(PrintStream console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        console.print(ModelMetadata.load(model).summary());
        return 0;
    }
}
