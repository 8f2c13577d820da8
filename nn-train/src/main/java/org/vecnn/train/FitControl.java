package org.vecnn.train;

import java.util.ArrayList;
import java.util.List;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Parameters;
import org.vecnn.nn.Sequential;
import org.vecnn.nn.engine.Layers;
import org.vecnn.train.optim.Optimizer;

/** The callbacks' view of a running {@link Trainer#fit}. */
final class FitControl implements TrainingControl {

    private final Sequential model;
    private final Optimizer optimizer;
    private final TrainingPass pass;
    /** Set by {@link #stopTraining}: fit ends after the current batch's or epoch's callbacks. */
    boolean stopped;

    FitControl(Sequential model, Optimizer optimizer, TrainingPass pass) {
        this.model = model;
        this.optimizer = optimizer;
        this.pass = pass;
    }

    @Override
    public void stopTraining() {
        stopped = true;
    }

    @Override
    public double learningRate() {
        return optimizer.learningRate();
    }

    @Override
    public void setLearningRate(double rate) {
        optimizer.setLearningRate(rate);
    }

    @Override
    public List<Matrix> copyOfWeights() {
        List<Matrix> copy = new ArrayList<>();
        for (Parameters parameters : pass.buffers.parameters) {
            copy.addAll(StepBuffers.matrices(parameters, parameters.weightCount()));
        }
        return copy;
    }

    @Override
    public void restoreWeights(List<Matrix> weights) {
        model.setWeights(weights);
        Parameters[] published = Layers.copyOfParameters(model);
        Parameters[] working = pass.buffers.parameters;
        for (int i = 0; i < working.length; i++) {
            for (int a = 0; a < working[i].size(); a++) {
                System.arraycopy(published[i].array(a), 0, working[i].array(a), 0, working[i].array(a).length);
            }
        }
    }
}
