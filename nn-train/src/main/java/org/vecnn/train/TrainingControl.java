package org.vecnn.train;

import java.util.List;
import org.vecnn.matrix.Matrix;

/**
 * What a {@link Callback} may do to a running {@link Trainer#fit}: stop it, read or
 * change the learning rate, and take or restore copies of the weights being trained.
 */
public interface TrainingControl {

    /** Ends training after the current epoch's callbacks (or batch's, when called from one). */
    void stopTraining();

    /** The learning rate the next step will use. */
    double learningRate();

    /** Sets the learning rate for the following steps. */
    void setLearningRate(double rate);

    /** Copies of the weights being trained, in {@link org.vecnn.nn.Sequential#getWeights()} order. */
    List<Matrix> copyOfWeights();

    /** Puts copies of these weights ({@link #copyOfWeights()} order) in place, in training and in the model. */
    void restoreWeights(List<Matrix> weights);
}
