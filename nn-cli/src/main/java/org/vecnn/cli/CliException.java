package org.vecnn.cli;

/** A problem the command line reports as one line on stderr, with a non-zero exit status. */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }
}
