package org.vecnn.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vecnn.matrix.kernel.KernelProvider;
import org.vecnn.matrix.parallel.Parallelism;
import org.vecnn.nn.io.SafeText;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code ./vecnn}: the command line. Every failure, whatever its cause (bad arguments or system properties,
 * bad files, running out of memory, a defect), is one line on stderr, or two for a usage error with the
 * help to read, and a non-zero exit status: 2 for usage, 1 otherwise. Never a stack trace; text taken
 * from files is shown escaped.
 */
@Command(name = "vecnn", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Dense neural networks on the JDK Vector API.")
public final class VecnnCli {

    /**
     * The kernel choice is logged at INFO for services; on the command line only warnings matter (such as
     * running on the scalar kernels for want of the Vector API). The logger is held here: the logging
     * framework keeps loggers only weakly, and a collected one would forget its level.
     */
    private static final Logger KERNEL_LOG = Logger.getLogger("org.vecnn.matrix.kernel");

    private VecnnCli() {
    }

    public static void main(String[] args) {
        quietKernelLogging();
        System.exit(run(System.out, System.err, args));
    }

    static void quietKernelLogging() {
        KERNEL_LOG.setLevel(Level.WARNING);
    }

    /** Runs the command line with these streams; returns the exit status. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        PrintWriter errors = new PrintWriter(err, true, StandardCharsets.UTF_8);
        try {
            CommandLine commandLine = new CommandLine(new VecnnCli());
            commandLine.addSubcommand("demo", new DemoCommand(out));
            commandLine.addSubcommand("train", new TrainCommand(out));
            commandLine.addSubcommand("evaluate", new EvaluateCommand(out));
            commandLine.addSubcommand("predict", new PredictCommand(out));
            commandLine.addSubcommand("summary", new SummaryCommand(out));
            commandLine.addSubcommand("import", new ImportCommand(out));
            commandLine.addSubcommand("export", new ExportCommand(out));
            commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
            commandLine.setErr(errors);
            commandLine.setParameterExceptionHandler((exception, arguments) -> {
                String command = exception.getCommandLine().getCommandSpec().qualifiedName(" ");
                errors.println("vecnn: " + SafeText.escape(exception.getMessage()));
                errors.println("try './" + command + " --help'");
                return 2;
            });
            commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
                errors.println("vecnn: " + message(exception));
                return 1;
            });
            checkSystemProperties();
            return commandLine.execute(args);
        } catch (RuntimeException | Error e) {
            errors.println("vecnn: " + message(e));
            return 1;
        }
    }

    /** The kernel settings ({@code vecnn.threads}, {@code vecnn.kernels}) are read now, not mid-training. */
    private static void checkSystemProperties() {
        try {
            Parallelism.threads();
            KernelProvider.kernels();
        } catch (ExceptionInInitializerError e) {
            throw new CliException("bad system property: " + message(e.getCause() == null ? e : e.getCause()));
        }
    }

    /** One line for any failure: the message, escaped, with its kind where the message alone is unclear. */
    static String message(Throwable e) {
        String text = switch (e) {
            case CliException cli -> cli.getMessage();
            case ExceptionInInitializerError init when init.getCause() != null -> message(init.getCause());
            case UncheckedIOException io -> "input/output error: " + Outputs.describe(io.getCause());
            case OutOfMemoryError memory -> "not enough memory: raise -Xmx (for example VECNN_JAVA_OPTS=-Xmx8g"
                    + " ./vecnn ...) or use a smaller batch, model or file";
            case IllegalArgumentException known when known.getMessage() != null -> known.getMessage();
            case IllegalStateException known when known.getMessage() != null -> known.getMessage();
            case ArithmeticException known when known.getMessage() != null -> known.getMessage();
            default -> e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        };
        return SafeText.escape(text);
    }
}
