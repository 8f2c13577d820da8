package org.vecnn.train.callback;

import org.vecnn.train.Callback;
import org.vecnn.train.TrainingControl;

/**
 * Stops training at the first batch whose loss is NaN or infinite (Keras's {@code TerminateOnNaN}). The
 * model keeps the weights of the last epoch that ended with a finite loss.
 */
public final class TerminateOnNaN implements Callback {

    private int epoch;
    private int batch;

    @Override
    public void onBatchEnd(int currentEpoch, int currentBatch, double loss, TrainingControl control) {
        if (!Double.isFinite(loss) && epoch == 0) {
            epoch = currentEpoch;
            batch = currentBatch;
            control.stopTraining();
        }
    }

    /** Whether training was stopped. */
    public boolean terminated() {
        return epoch > 0;
    }

    /** The epoch of the bad loss, or 0. */
    public int epoch() {
        return epoch;
    }

    /** The batch of the bad loss within its epoch, or 0. */
    public int batch() {
        return batch;
    }
}
