package org.vecnn.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Layer;
import org.vecnn.nn.Sequential;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/**
 * A {@link Sequential} network with Keras's call shape: {@code compile} with an optimiser, a loss and
 * metrics (by name or as objects), then {@code fit(x, y, epochs)}, {@code evaluate} and {@code predict}.
 *
 * <pre>{@code
 * Model model = new Model(new Dense(25, "relu"), new Dense(15, "relu"), new Dense(1, "sigmoid"));
 * model.compile("adam", "binary_crossentropy", "accuracy");
 * History history = model.fit(x, y, 100);
 * }</pre>
 *
 * The network itself ({@link #network()}) predicts thread-safely, allocation-free, while the model trains
 * it; a {@link Trainer} gives the full set of fit options.
 */
public final class Model {

    private final Sequential network;
    private Trainer trainer;

    /** A model of these layers, built on the first fit (or by {@link #network()}'s build). */
    public Model(Layer... layers) {
        this(new Sequential(layers));
    }

    /** A model around an existing network, such as one loaded from a file. */
    public Model(Sequential network) {
        this.network = Objects.requireNonNull(network, "network");
    }

    /** Loads a network saved by {@link #save} (or {@link Sequential#save}); compile it before fitting. */
    public static Model load(Path path) throws IOException {
        return new Model(Sequential.load(path));
    }

    /**
     * Chooses how to train, by Keras name: an optimiser ({@code "adam"}, {@code "sgd"}, ...), a loss
     * ({@code "binary_crossentropy"}, {@code "mse"}, ...) and metrics ({@code "accuracy"}, ...).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public Model compile(String optimizer, String loss, String... metrics) {
        return compile(Optimizer.of(optimizer), Loss.of(loss), metrics);
    }

    /** Chooses how to train, with an optimiser and a loss as objects (for their parameters). */
    public Model compile(Optimizer optimizer, Loss loss, String... metrics) {
        trainer = new Trainer(network, loss, optimizer, metrics);
        return this;
    }

    /** Trains for this many epochs with Keras's defaults (batch 32, shuffled, progress on stdout). */
    public History fit(Matrix x, Matrix y, int epochs) {
        return fit(x, y, FitOptions.defaults().withEpochs(epochs));
    }

    /** Trains with these options ({@link FitOptions}: batch size, validation, seed, callbacks, verbosity). */
    public History fit(Matrix x, Matrix y, FitOptions options) {
        return compiled().fit(x, y, options);
    }

    /** The mean loss and every compiled metric on x and y, {@code loss} first. */
    public Map<String, Double> evaluate(Matrix x, Matrix y) {
        return compiled().evaluate(x, y);
    }

    /** One output row per input row. */
    public Matrix predict(Matrix x) {
        return network.predict(x);
    }

    /** One sample's outputs. */
    public float[] predict(float... sample) {
        return network.predict(sample);
    }

    /** The Keras-style summary table. */
    public String summary() {
        return network.summary();
    }

    /** Saves the network (not the optimiser's state) atomically. */
    public void save(Path path) throws IOException {
        network.save(path);
    }

    /** The network this model trains. */
    public Sequential network() {
        return network;
    }

    private Trainer compiled() {
        if (trainer == null) {
            throw new IllegalStateException("model '" + network.name() + "' is not compiled: call compile(optimizer,"
                    + " loss, metrics...) first");
        }
        return trainer;
    }
}
