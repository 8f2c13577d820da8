package org.vecnn.nn;

import org.vecnn.nn.io.SafeText;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A model file that is not a whole, valid vecnn model: the one exception {@link Sequential#load} throws for
 * a bad file, naming the field and the byte offset where reading stopped. Its message shows any text from
 * the file escaped ({@link SafeText}).
 */
public final class ModelFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final long offset;

    /**
     * @param file the file read
     * @param field the field that is wrong, such as {@code "version"} or {@code "layer 2 (dense_1) kernel"}
     * @param offset the byte offset of that field
     * @param problem what is wrong with it
     */
    public ModelFileException(Path file, String field, long offset, String problem) {
        super(SafeText.escape("bad model file " + file + ": " + field + " at byte " + offset + ": " + problem));
        this.field = field;
        this.offset = offset;
    }

    /** The field that is wrong. */
    public String field() {
        return field;
    }

    /** The byte offset of that field in the file. */
    public long offset() {
        return offset;
    }
}
