package org.vecnn.cli;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * A command that names the step it is in, so that running out of memory is reported as one line saying
 * where and what to do, rather than as an {@link OutOfMemoryError} trace.
 */
abstract class VecnnCommand implements Callable<Integer> {

    private volatile String step = "starting";

    /** The step now running, in words that complete "not enough memory for …". */
    final void step(String what) {
        step = what;
    }

    @Override
    public final Integer call() throws IOException {
        try {
            return execute();
        } catch (OutOfMemoryError e) {
            throw new CliException("not enough memory for " + step + ": raise -Xmx (for example"
                    + " VECNN_JAVA_OPTS=-Xmx8g ./vecnn ...) or use a smaller batch, model or file");
        }
    }

    /** The command's work; returns the exit status. */
    abstract int execute() throws IOException;
}
