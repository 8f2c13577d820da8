package org.vecnn.nn.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that its path holds either the old content or the whole new one, never a part: the
 * content goes to a temporary file beside the target, named {@code .<name>.vecnn-tmp-<pid>-<random>}, is
 * forced to disk, and is then renamed over the target in one step. A failed write removes its temporary
 * file; one left by a killed process (its pid no longer alive) is removed by the next write to the same
 * target. The finished file is {@code rw-r--r--} where the file system has POSIX permissions.
 *
 * <p>{@link #prepare} and {@link Pending#commit} split the two steps, so that several outputs can be
 * written first and only then all put in place.
 */
public final class AtomicFile {

    private static final String TEMPORARY_MARK = ".vecnn-tmp-";
    private static final int BUFFER_BYTES = 1 << 16;

    private AtomicFile() {
    }

    /** What is written to the file: everything is written to {@code out} (closing it only flushes it). */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code content} to {@code target} atomically. */
    public static void write(Path target, Content content) throws IOException {
        try (Pending pending = prepare(target, content)) {
            pending.commit();
        }
    }

    /**
     * Writes {@code content} to a temporary file beside {@code target}, forced to disk; nothing is at the
     * target until {@link Pending#commit}. Closing an uncommitted result removes the temporary file.
     */
    public static Pending prepare(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        String name = absolute.getFileName().toString();
        removeStale(directory, name);
        Path temporary = directory.resolve("." + name + TEMPORARY_MARK + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
            content.writeTo(new FilterOutputStream(out) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            });
            out.flush();
            channel.force(true);
            if (temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            }
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return new Pending(temporary, absolute);
    }

    /** Whether a file name is one of this class's temporary files (for tests and clean-up tools). */
    public static boolean isTemporary(Path file) {
        return file.getFileName().toString().contains(TEMPORARY_MARK);
    }

    /** Removes the temporary files of this target that processes no longer alive left behind. */
    private static void removeStale(Path directory, String name) throws IOException {
        String prefix = "." + name + TEMPORARY_MARK;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory,
                entry -> entry.getFileName().toString().startsWith(prefix))) {
            for (Path entry : entries) {
                String rest = entry.getFileName().toString().substring(prefix.length());
                int dash = rest.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).isEmpty()) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    /** A written temporary file, waiting to be renamed over its target. */
    public static final class Pending implements AutoCloseable {
        private final Path temporary;
        private final Path target;
        private boolean committed;

        private Pending(Path temporary, Path target) {
            this.temporary = temporary;
            this.target = target;
        }

        /** Renames the temporary file over the target, in one step. */
        public void commit() throws IOException {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            committed = true;
        }

        /** Removes the temporary file unless it was committed. */
        @Override
        public void close() throws IOException {
            if (!committed) {
                Files.deleteIfExists(temporary);
            }
        }
    }
}
