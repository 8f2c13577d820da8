package org.vecnn.matrix.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps a README code example and the test that runs it in step: the test holds the example's lines and
 * checks that the README (one directory up from the module) contains them, in order and unchanged.
 */
public final class Readme {

    private Readme() {
    }

    /** Fails unless README.md contains these lines, joined by newlines. */
    public static void assertContains(List<String> lines, String what) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains(String.join("\n", lines)), "README.md's " + what + " differs from its test's copy");
    }
}
