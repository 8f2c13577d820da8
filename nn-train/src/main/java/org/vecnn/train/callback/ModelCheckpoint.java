package org.vecnn.train.callback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.vecnn.nn.Sequential;
import org.vecnn.train.Callback;
import org.vecnn.train.TrainingControl;

/**
 * Saves the model after each epoch, or only after those that improve the monitored quantity
 * (Keras's {@code ModelCheckpoint}), atomically as {@link Sequential#save} does. A {@code {epoch}} in the
 * file name is replaced by the epoch number.
 */
public final class ModelCheckpoint implements Callback {

    private final Sequential model;
    private final String path;
    private final Monitor monitor;
    private final boolean saveBestOnly;

    /** Saves {@code model} to {@code path}, watching {@code monitor} when {@code saveBestOnly}. */
    public ModelCheckpoint(Sequential model, Path path, String monitor, boolean saveBestOnly) {
        this.model = Objects.requireNonNull(model, "model");
        this.path = path.toString();
        this.monitor = new Monitor(monitor, 0);
        this.saveBestOnly = saveBestOnly;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingControl control) {
        double value = monitor.valueIn(logs);
        if (saveBestOnly && (Double.isNaN(value) || !monitor.improves(value))) {
            return;
        }
        try {
            model.save(Path.of(path.replace("{epoch}", Integer.toString(epoch))));
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the checkpoint of epoch " + epoch + " to " + path, e);
        }
    }
}
