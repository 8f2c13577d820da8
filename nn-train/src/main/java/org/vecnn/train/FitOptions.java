package org.vecnn.train;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.vecnn.matrix.Matrix;

/**
 * How {@link Trainer#fit} runs, with Keras's defaults: 1 epoch, batches of 32, reshuffled every epoch (the
 * last partial batch kept), no validation, no sample or class weights, seed 0, verbosity 1, progress to
 * standard output, no callbacks. Each {@code with…} returns a changed copy and rejects a bad value by name.
 */
public final class FitOptions {

    private int epochs = 1;
    private int batchSize = 32;
    private boolean shuffle = true;
    private double validationSplit;
    private Matrix validationX;
    private Matrix validationY;
    private float[] sampleWeights;
    private Map<Integer, Double> classWeights = Map.of();
    private long seed;
    private int verbose = 1;
    private PrintStream progress = System.out;
    private Consumer<String> progressLines = System.out::println;
    private List<Callback> callbacks = List.of();

    private FitOptions() {
    }

    /** Keras's defaults. */
    public static FitOptions defaults() {
        return new FitOptions();
    }

    private FitOptions with(Consumer<FitOptions> change) {
        FitOptions copy = new FitOptions();
        copy.epochs = epochs;
        copy.batchSize = batchSize;
        copy.shuffle = shuffle;
        copy.validationSplit = validationSplit;
        copy.validationX = validationX;
        copy.validationY = validationY;
        copy.sampleWeights = sampleWeights;
        copy.classWeights = classWeights;
        copy.seed = seed;
        copy.verbose = verbose;
        copy.progress = progress;
        copy.progressLines = progressLines;
        copy.callbacks = callbacks;
        change.accept(copy);
        return copy;
    }

    private static void require(boolean valid, String problem) {
        if (!valid) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Passes over the data, at least 1. */
    public FitOptions withEpochs(int value) {
        require(value >= 1, "epochs must be at least 1, got " + value);
        return with(o -> o.epochs = value);
    }

    /** Samples per gradient step, at least 1. */
    public FitOptions withBatchSize(int value) {
        require(value >= 1, "batch size must be at least 1, got " + value);
        return with(o -> o.batchSize = value);
    }

    /** Whether to reshuffle the training samples every epoch. */
    public FitOptions withShuffle(boolean value) {
        return with(o -> o.shuffle = value);
    }

    /** The fraction in [0, 1) of samples, taken from the end before shuffling, held out for validation. */
    public FitOptions withValidationSplit(double value) {
        require(value >= 0 && value < 1, "validation split must be in [0, 1), got " + value);
        return with(o -> o.validationSplit = value);
    }

    /** Validation data of their own (instead of a split). */
    public FitOptions withValidationData(Matrix x, Matrix y) {
        Objects.requireNonNull(x, "validation x");
        Objects.requireNonNull(y, "validation y");
        return with(o -> {
            o.validationX = x;
            o.validationY = y;
        });
    }

    /** A weight per training sample (finite, at least 0), multiplying its loss. */
    public FitOptions withSampleWeights(float... value) {
        for (int i = 0; i < value.length; i++) {
            require(value[i] >= 0 && value[i] < Float.POSITIVE_INFINITY,
                    "sample weight " + i + " must be finite and at least 0, got " + value[i]);
        }
        float[] copy = value.clone();
        return with(o -> o.sampleWeights = copy);
    }

    /** A weight per class index (finite, at least 0), multiplying the loss of that class's samples. */
    public FitOptions withClassWeights(Map<Integer, Double> value) {
        value.forEach((label, weight) -> require(weight >= 0 && weight < Double.POSITIVE_INFINITY,
                "class weight of " + label + " must be finite and at least 0, got " + weight));
        Map<Integer, Double> copy = Map.copyOf(value);
        return with(o -> o.classWeights = copy);
    }

    /** The seed of the shuffles, the dropout masks and, for an unbuilt model, the initial weights. */
    public FitOptions withSeed(long value) {
        return with(o -> o.seed = value);
    }

    /** 0 silent, 1 a progress bar (redrawn in place on a terminal), 2 one line per epoch. */
    public FitOptions withVerbose(int value) {
        require(value >= 0 && value <= 2, "verbose must be 0, 1 or 2, got " + value);
        return with(o -> o.verbose = value);
    }

    /** Where progress goes: a stream, where verbosity 1 redraws its bar in place if it is a terminal's. */
    public FitOptions withProgress(PrintStream value) {
        Objects.requireNonNull(value, "progress");
        return with(o -> {
            o.progress = value;
            o.progressLines = value::println;
        });
    }

    /**
     * Sends each finished progress line (an epoch's header and summary, a stop message) to {@code lines}
     * instead of a stream, a logger's info method say; nothing is redrawn in place.
     */
    public FitOptions withProgressLines(Consumer<String> lines) {
        Objects.requireNonNull(lines, "progress lines");
        return with(o -> {
            o.progress = null;
            o.progressLines = lines;
        });
    }

    /** Callbacks, called in this order. */
    public FitOptions withCallbacks(Callback... value) {
        List<Callback> copy = List.of(value);
        return with(o -> o.callbacks = copy);
    }

    /** The number of passes over the data. */
    public int epochs() {
        return epochs;
    }

    /** Samples per training step. */
    public int batchSize() {
        return batchSize;
    }

    /** Whether the rows are reshuffled before every epoch. */
    public boolean shuffle() {
        return shuffle;
    }

    /** The fraction of the rows, the last ones, held out for validation. */
    public double validationSplit() {
        return validationSplit;
    }

    /** The validation inputs given, or null. */
    public Matrix validationX() {
        return validationX;
    }

    /** The validation targets given, or null. */
    public Matrix validationY() {
        return validationY;
    }

    /** A copy of the sample weights, or null for none. */
    public float[] sampleWeights() {
        return sampleWeights == null ? null : sampleWeights.clone();
    }

    /** The weight of each class index; empty for none. */
    public Map<Integer, Double> classWeights() {
        return classWeights;
    }

    /** The seed of the shuffles and of dropout. */
    public long seed() {
        return seed;
    }

    /** 0 silent, 1 a progress bar, 2 one line per epoch. */
    public int verbose() {
        return verbose;
    }

    /** The progress stream, or null when lines go to a consumer ({@link #withProgressLines}). */
    public PrintStream progress() {
        return progress;
    }

    /** Where each finished progress line goes. */
    public Consumer<String> progressLines() {
        return progressLines;
    }

    /** The callbacks, in the order they are called. */
    public List<Callback> callbacks() {
        return callbacks;
    }
}
