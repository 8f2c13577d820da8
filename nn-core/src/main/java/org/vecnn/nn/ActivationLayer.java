package org.vecnn.nn;

import java.util.Objects;
import java.util.SplittableRandom;
import org.vecnn.matrix.kernel.Kernels;

/**
 * An activation applied as a layer of its own, Keras's {@code Activation} layer ({@link #type()} is
 * {@code "Activation"}): {@code out = g(in)}, for a model written as {@code Dense(64), BatchNormalization(),
 * Activation("relu")}.
 */
public final class ActivationLayer extends Layer {

    private static final Kernels KERNELS = LayerRegistry.KERNELS;

    private final Activation activation;

    /** The activation of this Keras name, as a layer. */
    public ActivationLayer(String activation) {
        this(Activation.of(activation));
    }

    /** This activation, as a layer. */
    public ActivationLayer(Activation activation) {
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    static ActivationLayer fromConfig(LayerConfig config) {
        return new ActivationLayer(Activation.of(config.getString("activation"), config.getFloat("alpha", 0f)));
    }

    @Override
    public ActivationLayer named(String name) {
        setName(name);
        return this;
    }

    /** The activation g. */
    public Activation activation() {
        return activation;
    }

    @Override
    public String type() {
        return "Activation";
    }

    @Override
    public LayerConfig config() {
        LayerConfig config = LayerConfig.create().put("activation", activation.name());
        return activation.alpha() != 0f ? config.put("alpha", activation.alpha()) : config;
    }

    @Override
    public int outputWidth() {
        return inputWidth();
    }

    @Override
    protected Parameters createParameters(int width, SplittableRandom random) {
        return Parameters.none();
    }

    @Override
    public void forward(Batch in, Batch out, Parameters params) {
        activation.forward(in.rows(), inputWidth(), in.data(), in.offset(), out.data(), out.offset());
    }

    /** The input, z, for backward and for a loss fused with g. */
    @Override
    protected int cacheSize(int maxRows) {
        return Math.multiplyExact(maxRows, inputWidth());
    }

    @Override
    protected Activation outputActivation() {
        return activation;
    }

    @Override
    protected void forwardTraining(BatchRows rows, Parameters params) {
        Batch in = rows.in();
        System.arraycopy(in.data(), in.offset(), rows.cache(), in.firstRow() * inputWidth(), in.size());
        forward(in, rows.out(), params);
    }

    /** {@code ∂L/∂in = ∂L/∂out ⊙ g'(in)}, or ∂L/∂out itself when the loss gave the gradient before g. */
    @Override
    protected void backward(BatchRows rows, Parameters params) {
        Batch gradOut = rows.gradOut();
        Batch out = rows.out();
        if (!rows.preActivation()) {
            activation.backward(gradOut.rows(), inputWidth(), rows.cache(), gradOut.firstRow() * inputWidth(),
                    out.data(), out.offset(), gradOut.data(), gradOut.offset(), gradOut.data(), gradOut.offset());
        }
        Batch gradIn = rows.gradIn();
        if (gradIn != null) {
            System.arraycopy(gradOut.data(), gradOut.offset(), gradIn.data(), gradIn.offset(), gradOut.size());
        }
    }
}
