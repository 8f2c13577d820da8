package org.vecnn.train;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import org.vecnn.train.callback.Callback;

/**
 * How {@link Trainer#fit} runs, with Keras's defaults: 1 epoch, batches of 32, reshuffled every epoch, no
 * validation, seed 0, verbosity 1, progress to standard output. Each {@code with…} returns a changed copy.
 *
 * @param epochs passes over the data, at least 1
 * @param batchSize samples per gradient step, at least 1 (the last batch of an epoch may be smaller)
 * @param shuffle whether to reshuffle the training samples every epoch
 * @param validationSplit the fraction in [0, 1) of samples, taken from the end before shuffling, held out
 *     for validation
 * @param seed the seed of the shuffles, the dropout masks and, for an unbuilt model, the initial weights
 * @param verbose 0 silent, 1 a progress bar, 2 one line per epoch
 * @param progress where progress goes
 * @param callbacks called at the start, after each batch and epoch, and at the end
 */
public record FitOptions(int epochs, int batchSize, boolean shuffle, double validationSplit, long seed, int verbose,
                         PrintStream progress, List<Callback> callbacks) {

    /** Checks every option, naming the one that is wrong. */
    public FitOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validation split must be in [0, 1), got " + validationSplit);
        }
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + verbose);
        }
        Objects.requireNonNull(progress, "progress");
        callbacks = List.copyOf(callbacks);
    }

    /** Keras's defaults. */
    public static FitOptions defaults() {
        return new FitOptions(1, 32, true, 0, 0, 1, System.out, List.of());
    }

    public FitOptions withEpochs(int value) {
        return new FitOptions(value, batchSize, shuffle, validationSplit, seed, verbose, progress, callbacks);
    }

    public FitOptions withBatchSize(int value) {
        return new FitOptions(epochs, value, shuffle, validationSplit, seed, verbose, progress, callbacks);
    }

    public FitOptions withShuffle(boolean value) {
        return new FitOptions(epochs, batchSize, value, validationSplit, seed, verbose, progress, callbacks);
    }

    public FitOptions withValidationSplit(double value) {
        return new FitOptions(epochs, batchSize, shuffle, value, seed, verbose, progress, callbacks);
    }

    public FitOptions withSeed(long value) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, value, verbose, progress, callbacks);
    }

    public FitOptions withVerbose(int value) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, seed, value, progress, callbacks);
    }

    public FitOptions withProgress(PrintStream value) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, seed, verbose, value, callbacks);
    }

    public FitOptions withCallbacks(Callback... value) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, seed, verbose, progress, List.of(value));
    }
}
