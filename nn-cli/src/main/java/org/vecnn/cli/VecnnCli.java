package org.vecnn.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./vecnn}: the command line. Every error is one line on stderr and a non-zero exit status, never a
 * stack trace.
 */
@Command(name = "vecnn", mixinStandardHelpOptions = true, version = "vecnn 0.1.0",
        description = "Dense neural networks on the JDK Vector API.")
public final class VecnnCli {

    private VecnnCli() {
    }

    public static void main(String[] args) {
        // The kernel choice is logged at INFO for services; on the command line only warnings matter (such
        // as running on the scalar kernels for want of the Vector API).
        Logger.getLogger("org.vecnn.matrix.kernel").setLevel(Level.WARNING);
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command line with these streams; returns the exit status. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine commandLine = new CommandLine(new VecnnCli());
        commandLine.addSubcommand("demo", new DemoCommand(out));
        commandLine.addSubcommand("train", new TrainCommand(out));
        commandLine.addSubcommand("evaluate", new EvaluateCommand(out));
        commandLine.addSubcommand("predict", new PredictCommand(out));
        commandLine.addSubcommand("summary", new SummaryCommand(out));
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            line.getErr().println("vecnn: " + exception.getMessage());
            return 1;
        });
        return commandLine.execute(args);
    }
}
