package org.vecnn.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a repository such as Maven Central asks of a published POM: the parent (which every module inherits
 * from) and the BOM (which has no parent) each name the project, describe it, and give its URL, licence,
 * source repository and developers; the licence text is in the repository.
 */
class PublishingMetadataTest {

    private static final List<String> ELEMENTS = List.of("<name>", "<description>", "<url>", "<licenses>",
            "<license>", "<scm", "<connection>", "<developers>", "<developer>");

    @Test
    void theParentAndTheBomCarryCompleteMetadata() throws IOException {
        for (Path pom : List.of(Path.of("..", "pom.xml"), Path.of("..", "vecnn-bom", "pom.xml"))) {
            String text = Files.readString(pom);
            for (String element : ELEMENTS) {
                assertTrue(text.contains(element), pom + " has no " + element);
            }
            assertTrue(text.contains("child.project.url.inherit.append.path=\"false\""),
                    pom + ": modules would get the project URL with their name appended");
        }
        assertTrue(Files.readString(Path.of("..", "LICENSE")).contains("Apache License"), "LICENSE");
    }
}
