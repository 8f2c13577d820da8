package org.vecnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.nn.Sequential;
import org.vecnn.nn.io.AtomicFile;

/**
 * A process killed (SIGKILL) at random points while it saves a model, 20 times: the file at the path is
 * always a whole model, the old one or the new one, and the next save leaves no temporary file behind.
 */
class SaveKillTest {

    @TempDir
    Path dir;

    @Test
    void aKilledSaveLeavesTheOldModelOrTheNewOneAndNoLitterAfterTheNextSave() throws Exception {
        Path target = dir.resolve("model.vnn");
        byte[] a = bytes(SaveLoop.model(1));
        byte[] b = bytes(SaveLoop.model(2));
        SplittableRandom random = new SplittableRandom(16);
        int littered = 0;
        for (int kill = 0; kill < 20; kill++) {
            Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                    SaveLoop.class.getName(), target.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine(), "the child did not start saving");
            Thread.sleep(random.nextInt(1, 120));
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the killed child did not end");
            byte[] left = Files.readAllBytes(target);
            assertTrue(Arrays.equals(left, a) || Arrays.equals(left, b), "kill " + kill + " left a damaged model");
            littered += temporaries().isEmpty() ? 0 : 1;
            SaveLoop.model(1).save(target);
            assertEquals(List.of(), temporaries(), "kill " + kill + ": the next save left temporary files");
        }
        System.out.println("SaveKillTest: " + littered + " of 20 kills left a temporary file; each was cleaned");
    }

    private static byte[] bytes(Sequential model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.save(out);
        return out.toByteArray();
    }

    private List<Path> temporaries() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(AtomicFile::isTemporary).toList();
        }
    }
}
