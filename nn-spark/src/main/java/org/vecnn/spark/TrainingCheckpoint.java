package org.vecnn.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.ModelFileException;
import org.vecnn.nn.Sequential;

/**
 * Where distributed training keeps its progress: after every epoch a vecnn model file
 * ({@code epoch-000003.vnn}, with the number of epochs done in its metadata) in a directory on any file system
 * Hadoop reaches (a local path, {@code file:}, {@code hdfs:} or an object store). Each is written under a
 * temporary name and renamed, and only then are older ones deleted, so a crash at any moment leaves a whole
 * checkpoint. A driver started again resumes from the newest.
 */
final class TrainingCheckpoint {

    static final String EPOCHS_DONE = "vecnn.spark.epochs_done";
    private static final Pattern NAME = Pattern.compile("epoch-([0-9]{6})\\.vnn");

    private final FileSystem fileSystem;
    private final Path directory;

    TrainingCheckpoint(String directory, Configuration hadoop) {
        try {
            URI uri = new Path(directory).toUri();
            this.fileSystem = FileSystem.get(uri, hadoop);
            this.directory = new Path(directory);
            fileSystem.mkdirs(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open checkpoint directory " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads the last checkpoint's weights into the model, if there is one; returns the epochs it had done
     * (0 without a checkpoint).
     *
     * @throws IllegalArgumentException for a checkpoint of another model (its shapes differ) or a bad file
     */
    int resume(Sequential model) {
        Path file = null;
        try {
            file = newest();
            if (file == null) {
                return 0;
            }
            byte[] bytes;
            try (InputStream in = fileSystem.open(file)) {
                bytes = in.readAllBytes();
            }
            Sequential saved = Sequential.load(bytes, file.toString());
            List<Matrix> weights = saved.getWeights();
            try {
                model.setWeights(weights);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("checkpoint " + file + " is of another model: " + e.getMessage(), e);
            }
            return Integer.parseInt(saved.metadata().getOrDefault(EPOCHS_DONE, "0"));
        } catch (ModelFileException | NumberFormatException e) {
            throw new IllegalArgumentException("checkpoint " + file + " cannot be resumed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** The newest whole checkpoint, or null. */
    private Path newest() throws IOException {
        Path best = null;
        for (FileStatus status : fileSystem.listStatus(directory)) {
            if (NAME.matcher(status.getPath().getName()).matches()
                    && (best == null || status.getPath().getName().compareTo(best.getName()) > 0)) {
                best = status.getPath();
            }
        }
        return best;
    }

    /** Saves the model as the checkpoint after {@code epochs} epochs, then deletes the older ones. */
    void save(Sequential model, int epochs) {
        Map<String, String> metadata = new LinkedHashMap<>(model.metadata());
        metadata.put(EPOCHS_DONE, Integer.toString(epochs));
        model.setMetadata(metadata);
        Path file = new Path(directory, String.format(Locale.ROOT, "epoch-%06d.vnn", epochs));
        Path temporary = new Path(directory, "." + file.getName() + ".writing");
        try {
            try (OutputStream out = fileSystem.create(temporary, true)) {
                model.save(out);
            }
            if (!fileSystem.rename(temporary, file)) {
                throw new IOException("the rename of " + temporary + " failed");
            }
            for (FileStatus status : fileSystem.listStatus(directory)) {
                String name = status.getPath().getName();
                if (NAME.matcher(name).matches() && name.compareTo(file.getName()) < 0) {
                    fileSystem.delete(status.getPath(), false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
