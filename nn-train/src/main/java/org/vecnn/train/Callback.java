package org.vecnn.train;

import java.util.Map;

/**
 * Hooks into {@link org.vecnn.train.Trainer#fit}, as Keras's callbacks. Epochs count from 1, batches from 1;
 * {@code logs} hold the epoch's loss and metrics (and their {@code val_} twins), the model already holding
 * the epoch's weights. Every method does nothing unless overridden.
 */
public interface Callback {

    /** Before the first epoch. */
    default void onTrainBegin(TrainingControl control) {
    }

    /** After each batch's step, with the batch's mean loss. */
    default void onBatchEnd(int epoch, int batch, double loss, TrainingControl control) {
    }

    /** After each epoch. */
    default void onEpochEnd(int epoch, Map<String, Double> logs, TrainingControl control) {
    }

    /** After the last epoch, or after a stop. */
    default void onTrainEnd(History history, TrainingControl control) {
    }
}
