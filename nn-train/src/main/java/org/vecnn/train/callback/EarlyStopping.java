package org.vecnn.train.callback;

import java.util.List;
import java.util.Map;
import org.vecnn.matrix.Matrix;
import org.vecnn.train.Callback;
import org.vecnn.train.TrainingControl;

/**
 * Stops training when the monitored quantity has not improved by more than minDelta for {@code patience}
 * epochs, optionally putting back the weights of the best epoch (Keras's {@code EarlyStopping}).
 */
public final class EarlyStopping implements Callback {

    private final Monitor monitor;
    private final int patience;
    private final boolean restoreBestWeights;
    private int wait;
    private int stoppedEpoch;
    private List<Matrix> bestWeights;

    /** Watches {@code monitor} (such as {@code "val_loss"}). */
    public EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBestWeights) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be at least 0, got " + patience);
        }
        this.monitor = new Monitor(monitor, minDelta);
        this.patience = patience;
        this.restoreBestWeights = restoreBestWeights;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingControl control) {
        double value = monitor.valueIn(logs);
        if (Double.isNaN(value)) {
            return;
        }
        if (monitor.improves(value)) {
            wait = 0;
            if (restoreBestWeights) {
                bestWeights = control.copyOfWeights();
            }
            return;
        }
        wait++;
        if (wait >= patience) {
            stoppedEpoch = epoch;
            control.stopTraining();
            if (restoreBestWeights && bestWeights != null) {
                control.restoreWeights(bestWeights);
            }
        }
    }

    /** The epoch training stopped after, or 0 if it ran to the end. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }
}
