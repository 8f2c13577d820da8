package org.vecnn.interop;

import java.io.IOException;

/**
 * A model file that cannot be imported: not a supported format, malformed, or holding a layer or setting
 * vecnn does not support. The message names the file and the field or layer at fault.
 */
public final class ImportException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A problem with {@code what} (a field, a layer) of the file {@code file}. */
    public ImportException(String file, String what, String problem) {
        super(file + ": " + what + ": " + problem);
    }

    /** As {@link #ImportException(String, String, String)}, with the parser's error as the cause. */
    public ImportException(String file, String what, String problem, Throwable cause) {
        super(file + ": " + what + ": " + problem, cause);
    }
}
