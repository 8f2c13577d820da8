package org.vecnn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.vecnn.nn.Sequential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./vecnn import FILE --out model.vnn}: a Keras ({@code .keras}, {@code .h5}) or ONNX model as a vecnn
 * model file, written atomically, then its summary.
 */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Import a Keras (.keras, .h5) or ONNX model into a vecnn model file.")
final class ImportCommand extends VecnnCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "the model file to import")
    Path file;
    @Option(names = "--out", required = true, description = "the vecnn model file to write")
    Path out;

    private final PrintStream console;

    ImportCommand(PrintStream console) {
        this.console = console;
    }

    @Override
    int execute() throws IOException {
        step("checking the options");
        Outputs outputs = new Outputs().input("FILE", file).output("--out", out);
        step("importing " + file);
        Sequential model = ModelMetadata.load(file);
        step("saving the model");
        try {
            outputs.prepare("--out", model::save);
            outputs.commit();
        } finally {
            outputs.discard();
        }
        console.print(model.summary());
        console.println("saved " + out);
        return 0;
    }
}
