package org.vecnn.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command line in this JVM through its real entry point, for tests. */
final class Cli {

    private Cli() {
    }

    /** What one run printed and returned. */
    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = VecnnCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs a command that must fail: a non-zero status, {@code expected} on stderr, at most three lines
     * there, and no stack trace. Returns the run.
     */
    static Run fails(String expected, String... args) {
        Run failed = run(args);
        assertTrue(failed.status() != 0, () -> "status 0 for " + String.join(" ", args));
        assertTrue(failed.err().contains(expected), () -> "expected '" + expected + "' in: " + failed.err());
        assertFalse(failed.err().contains("\tat "), () -> "a stack trace: " + failed.err());
        assertTrue(failed.err().lines().count() <= 3, () -> "more than three lines: " + failed.err());
        return failed;
    }
}
