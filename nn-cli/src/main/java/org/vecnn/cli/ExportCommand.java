package org.vecnn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.vecnn.interop.OnnxExport;
import org.vecnn.nn.Sequential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./vecnn export model.vnn --out model.onnx}: a model as an ONNX file (opset 17, dynamic batch), atomically. */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Export a model to an ONNX file (opset 17, a dynamic batch axis).")
final class ExportCommand extends VecnnCommand {

    @Parameters(index = "0", paramLabel = "MODEL", description = "the model file (vecnn, Keras or ONNX)")
    Path file;
    @Option(names = "--out", required = true, description = "the ONNX file to write")
    Path out;

    private final PrintStream console;

    ExportCommand(PrintStream console) {
        this.console = console;
    }

    @Override
    int execute() throws IOException {
        step("checking the options");
        Outputs outputs = new Outputs().input("MODEL", file).output("--out", out);
        step("loading the model");
        Sequential model = ModelMetadata.load(file);
        step("exporting");
        byte[] onnx;
        try {
            onnx = OnnxExport.encode(model);
        } catch (IllegalArgumentException e) {
            throw new CliException("cannot export " + file + ": " + e.getMessage());
        }
        try {
            outputs.prepare("--out", stream -> stream.write(onnx));
            outputs.commit();
        } finally {
            outputs.discard();
        }
        console.println("exported " + file + " to " + out + " (ONNX opset " + OnnxExport.OPSET + ")");
        return 0;
    }
}
