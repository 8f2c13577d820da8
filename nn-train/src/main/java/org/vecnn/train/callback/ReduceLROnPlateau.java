package org.vecnn.train.callback;

import java.util.Map;
import org.vecnn.train.Callback;
import org.vecnn.train.TrainingControl;

/**
 * Multiplies the learning rate by {@code factor} when the monitored quantity has not improved by more than
 * minDelta for {@code patience} epochs, then waits {@code cooldown} epochs, never going below
 * {@code minLearningRate} (Keras's {@code ReduceLROnPlateau}).
 */
public final class ReduceLROnPlateau implements Callback {

    private final Monitor monitor;
    private final double factor;
    private final int patience;
    private final int cooldown;
    private final double minLearningRate;
    private int wait;
    private int cooling;

    /** Keras's defaults are factor 0.1, patience 10, minDelta 1e-4, cooldown 0, minimum 0. */
    public ReduceLROnPlateau(String monitor, double factor, int patience, double minDelta, int cooldown,
                             double minLearningRate) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("factor must be in (0, 1), got " + factor);
        }
        if (patience < 0 || cooldown < 0 || !(minLearningRate >= 0)) {
            throw new IllegalArgumentException("patience, cooldown and the minimum rate must be at least 0, got "
                    + patience + ", " + cooldown + ", " + minLearningRate);
        }
        this.monitor = new Monitor(monitor, minDelta);
        this.factor = factor;
        this.patience = patience;
        this.cooldown = cooldown;
        this.minLearningRate = minLearningRate;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingControl control) {
        double value = monitor.valueIn(logs);
        if (Double.isNaN(value)) {
            return;
        }
        if (cooling > 0) {
            cooling--;
            wait = 0;
        }
        if (monitor.improves(value)) {
            wait = 0;
        } else if (cooling == 0 && ++wait >= patience) {
            control.setLearningRate(Math.max(control.learningRate() * factor, minLearningRate));
            cooling = cooldown;
            wait = 0;
        }
    }
}
