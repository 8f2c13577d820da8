package org.vecnn.train;

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

    /** A copy of the weights being trained (layer by layer, as {@link org.vecnn.nn.Sequential#copyOfArrays}). */
    float[][][] copyOfWeights();

    /** Puts a copy of these weights in place, both in training and in the model. */
    void restoreWeights(float[][][] weights);
}
