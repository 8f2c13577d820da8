package org.vecnn.train.loss;

import org.vecnn.nn.Activation;

/**
 * A training objective, Keras style: a per-sample loss {@code loss_i} (the mean over the sample's output
 * columns), reduced over a batch as {@code Σ_i w_i·loss_i / rows} with optional sample weights w.
 *
 * <p>The cross-entropies read the output layer's logits instead of its probabilities when the model ends in
 * the activation they fuse with (sigmoid for binary, softmax for categorical) or when made
 * {@code fromLogits}: {@code max(z, 0) − z·y + log1p(e^−|z|)} with gradient {@code σ(z) − y}, and
 * {@code logsumexp(z) − Σ y·z} with gradient {@code softmax(z) − y}, stable for any finite z.
 */
public interface Loss {

    /** {@code mean((a − y)²)}: regression. */
    Loss MEAN_SQUARED_ERROR = new RegressionLoss(RegressionLoss.Kind.SQUARED, 0);
    /** {@code mean(|a − y|)}: regression, robust to outliers. */
    Loss MEAN_ABSOLUTE_ERROR = new RegressionLoss(RegressionLoss.Kind.ABSOLUTE, 0);
    /** {@code binary_crossentropy} on probabilities (fused with a sigmoid output), no label smoothing. */
    Loss BINARY_CROSSENTROPY = new BinaryCrossentropy(false, 0);
    /** {@code categorical_crossentropy} with one-hot (or probability) targets, fused with a softmax output. */
    Loss CATEGORICAL_CROSSENTROPY = new CategoricalCrossentropy(false, 0);
    /** {@code sparse_categorical_crossentropy} with integer class targets, fused with a softmax output. */
    Loss SPARSE_CATEGORICAL_CROSSENTROPY = new SparseCategoricalCrossentropy(false);

    /** The Keras name, such as {@code "binary_crossentropy"}. */
    String name();

    /** Target values per sample for a model of {@code outputs} outputs: the same, or 1 class index. */
    default int targetWidth(int outputs) {
        return outputs;
    }

    /** The output activation whose logits this loss reads instead of its output, or null for none. */
    default Activation fusedActivation() {
        return null;
    }

    /** Whether the model's outputs are themselves logits (Keras's {@code from_logits=True}). */
    default boolean fromLogits() {
        return false;
    }

    /**
     * Checks the targets for a model of {@code outputs} outputs ({@link #targetWidth} values per row).
     *
     * @throws IllegalArgumentException naming the row, column and value that this loss cannot take
     */
    void checkTargets(int rows, int outputs, float[] targets);

    /**
     * The weighted sum {@code Σ_i w_i·loss_i} over samples (rows) [from, to), and into those rows of
     * {@code gradient} (outputs values per row) {@code w_i·∂loss_i/∂v}, where v are the {@code values}: the
     * model's outputs, or the output layer's logits when {@code logits} is true. All arrays hold whole batches
     * from row 0; weights may be null (all 1). Touches only those rows. Allocates nothing.
     */
    double evaluate(int from, int to, int outputs, float[] values, boolean logits, float[] targets, float[] weights,
                    float[] gradient);

    /** The Huber loss with this threshold: quadratic within δ of the target, linear beyond. */
    static Loss huber(float delta) {
        return new RegressionLoss(RegressionLoss.Kind.HUBER, delta);
    }

    /** Binary cross-entropy, on logits or probabilities, with label smoothing in [0, 1]. */
    static Loss binaryCrossentropy(boolean fromLogits, float labelSmoothing) {
        return new BinaryCrossentropy(fromLogits, labelSmoothing);
    }

    /** Categorical cross-entropy, on logits or probabilities, with label smoothing in [0, 1]. */
    static Loss categoricalCrossentropy(boolean fromLogits, float labelSmoothing) {
        return new CategoricalCrossentropy(fromLogits, labelSmoothing);
    }

    /** Sparse categorical cross-entropy, on logits or probabilities. */
    static Loss sparseCategoricalCrossentropy(boolean fromLogits) {
        return new SparseCategoricalCrossentropy(fromLogits);
    }

    /**
     * The loss of this Keras name, with its defaults: {@code mean_squared_error} ({@code mse}),
     * {@code mean_absolute_error} ({@code mae}), {@code huber} (δ = 1), {@code binary_crossentropy},
     * {@code categorical_crossentropy}, {@code sparse_categorical_crossentropy}.
     *
     * @throws IllegalArgumentException for any other name, listing the known ones
     */
    static Loss of(String name) {
        return LossRegistry.LOSSES.get(name);
    }

    /**
     * Registers a loss under a name, for {@link #of} and the command line's {@code --loss}.
     *
     * @throws IllegalArgumentException for a blank name or one already registered
     */
    static void register(String name, Loss loss) {
        LossRegistry.LOSSES.register(name, () -> loss);
    }
}
