package org.vecnn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vecnn.nn.io.AtomicFile;

/**
 * The files a command reads and writes, checked before any work: every output's directory exists and is
 * writable, no output is a directory, and no output is the same file as an input or as another output
 * (compared by canonical path). Outputs are then written to temporary files and put in place together, so
 * a command leaves all of them or none.
 */
final class Outputs {

    private final Map<Path, String> inputs = new LinkedHashMap<>();
    private final Map<Path, String> outputs = new LinkedHashMap<>();
    private final Map<String, Path> targets = new LinkedHashMap<>();
    private final List<AtomicFile.Pending> pending = new ArrayList<>();

    /** Records an input file, such as {@code --data}; null is skipped. */
    Outputs input(String option, Path file) {
        if (file != null) {
            inputs.put(canonical(option, file, false), option);
        }
        return this;
    }

    /**
     * Records an output file, checking it against the inputs and outputs recorded so far; null is skipped.
     */
    Outputs output(String option, Path file) {
        if (file == null) {
            return this;
        }
        Path path = canonical(option, file, true);
        String clash = inputs.containsKey(path) ? inputs.get(path) : outputs.get(path);
        if (clash != null) {
            throw new CliException(option + " " + file + " is the same file as " + clash
                    + "; choose another path, nothing was written");
        }
        outputs.put(path, option);
        targets.put(option, file);
        return this;
    }

    /** Writes one output's content to its temporary file; nothing is at its path until {@link #commit}. */
    void prepare(String option, AtomicFile.Content content) throws IOException {
        Path target = targets.get(option);
        try {
            pending.add(AtomicFile.prepare(target, content));
        } catch (IOException e) {
            throw new CliException("cannot write " + option + " " + target + ": " + describe(e));
        }
    }

    /** Puts every prepared output in place. */
    void commit() throws IOException {
        for (AtomicFile.Pending file : pending) {
            file.commit();
        }
        pending.clear();
    }

    /** Removes the temporary files of outputs not committed (after a failure). */
    void discard() {
        for (AtomicFile.Pending file : pending) {
            try {
                file.close();
            } catch (IOException e) {
                // the failure being reported matters more than a temporary file left behind
            }
        }
        pending.clear();
    }

    private static Path canonical(String option, Path file, boolean output) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            if (Files.exists(absolute)) {
                if (output && Files.isDirectory(absolute)) {
                    throw new CliException(option + " " + file + " is a directory; give a file name");
                }
                return absolute.toRealPath();
            }
            if (!output) {
                throw new CliException("cannot read " + file + ": no such file");
            }
            Path directory = absolute.getParent();
            if (directory == null || !Files.isDirectory(directory)) {
                throw new CliException("cannot write " + option + " " + file + ": the directory " + directory
                        + " does not exist");
            }
            if (!Files.isWritable(directory)) {
                throw new CliException("cannot write " + option + " " + file + ": the directory " + directory
                        + " is not writable");
            }
            return directory.toRealPath().resolve(absolute.getFileName());
        } catch (IOException e) {
            throw new CliException("cannot use " + option + " " + file + ": " + describe(e));
        }
    }

    /** An I/O failure in words: its kind and the path it names, not just the path. */
    static String describe(IOException e) {
        String kind = switch (e) {
            case java.nio.file.NoSuchFileException n -> "no such file or directory";
            case java.nio.file.AccessDeniedException a -> "permission denied";
            case java.nio.file.FileAlreadyExistsException f -> "already exists";
            case java.nio.file.NotDirectoryException d -> "not a directory";
            case java.nio.file.FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
        return kind;
    }
}
