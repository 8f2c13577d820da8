package org.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.io.AtomicFile;

/**
 * Saving and loading under hostile conditions: temporary files never litter, saving streams instead of
 * building the file in memory, a file that is not a model is rejected from its first bytes, and finite
 * inputs that overflow the model are an error, not a NaN.
 */
class FileSafetyTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    private static long allocatedBy(IoWork work) throws IOException {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        work.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    @FunctionalInterface
    private interface IoWork {
        void run() throws IOException;
    }

    private List<Path> temporaries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(AtomicFile::isTemporary).toList();
        }
    }

    @Test
    void aStaleTemporaryFileOfADeadProcessIsRemovedByTheNextWrite() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path stale = dir.resolve(".m.vnn.vecnn-tmp-" + finished.pid() + "-1f");
        Path live = dir.resolve(".m.vnn.vecnn-tmp-" + ProcessHandle.current().pid() + "-2e");
        Path otherTarget = dir.resolve(".n.vnn.vecnn-tmp-" + finished.pid() + "-3d");
        for (Path file : List.of(stale, live, otherTarget)) {
            Files.writeString(file, "half a model");
        }
        AtomicFile.write(dir.resolve("m.vnn"), out -> out.write(new byte[] {1, 2, 3}));
        assertFalse(Files.exists(stale), "the dead process's temporary file stays");
        assertTrue(Files.exists(live), "a live writer's temporary file was removed");
        assertTrue(Files.exists(otherTarget), "another target's temporary file was removed");
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dir.resolve("m.vnn")));
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("m.vnn");
        Files.writeString(target, "old");
        assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
            out.write(new byte[1000]);
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(), temporaries());
        try (AtomicFile.Pending pending = AtomicFile.prepare(target, out -> out.write('n'))) {
            assertEquals("old", Files.readString(target), "prepared, not yet committed");
        }
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(), temporaries(), "an uncommitted file is removed on close");
    }

    /** A 16 MB model is saved with a few buffers of memory: no copy of its weights, no file built in memory. */
    @Test
    void savingStreamsTheFile() throws IOException {
        Sequential model = new Sequential(new Dense(2000, "relu"), new Dense(1, "sigmoid")).build(2000, 1L);
        Path file = dir.resolve("big.vnn");
        ModelWriter.write(model, file);
        long allocated = allocatedBy(() -> ModelWriter.write(model, file));
        long kernelBytes = 2000L * 2000 * Float.BYTES;
        assertTrue(allocated < 1 << 20, () -> "saving allocated " + allocated + " bytes for a " + kernelBytes
                + "-byte kernel");
        assertArrayEquals(ModelWriter.encode(model), Files.readAllBytes(file));
        assertEquals(List.of(), temporaries());
    }

    /** A gigabyte that is not a model is rejected after its first 16 bytes, without reading the rest. */
    @Test
    void aFileThatIsNotAModelIsRejectedFromItsFirstBytes() throws IOException {
        Path file = dir.resolve("huge.bin");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(1L << 30);
        }
        ModelFileException[] thrown = new ModelFileException[1];
        long allocated = allocatedBy(() -> thrown[0] = assertThrows(ModelFileException.class,
                () -> ModelReader.read(file)));
        assertEquals("magic", thrown[0].field());
        assertTrue(allocated < 1 << 20, () -> "rejecting it allocated " + allocated + " bytes");
    }

    @Test
    void finiteInputsThatOverflowTheModelAreAnErrorNamingTheRow() {
        Sequential model = new Sequential(new Dense(4, "relu").kernelInitializer(Initializer.of("ones")),
                new Dense(3, "softmax")).build(2, 3L);
        Matrix x = Matrix.of(new float[][] {{1, 2}, {3e38f, 3e38f}, {0, 1}});
        NonFiniteOutputException batch = assertThrows(NonFiniteOutputException.class, () -> model.predict(x));
        assertEquals(1, batch.row());
        assertTrue(batch.getMessage().startsWith("row 1 gives a non-finite output (NaN at output"), batch.getMessage());
        NonFiniteOutputException single = assertThrows(NonFiniteOutputException.class,
                () -> model.predict(3e38f, 3e38f));
        assertEquals(0, single.row());
        assertEquals(2, model.predict(Matrix.of(new float[][] {{1, 2}, {3e30f, -3e30f}})).rows(),
                "large but safe inputs");
    }
}
