package org.vecnn.nn;

import java.util.SplittableRandom;

/**
 * Keras's {@code ReLU} layer in full: {@code z > θ ? min(z, max) : s·(z − θ)}, with an optional cap
 * {@code max_value}, a {@code negative_slope} s and a {@code threshold} θ (Keras's defaults: no cap, 0, 0,
 * the plain ReLU). Plain loops; the plain, capped-at-6 and leaky forms are faster as the activations
 * {@code relu}, {@code relu6} and {@code leaky_relu}.
 */
public final class ReLU extends Layer {

    private final float maxValue;
    private final float negativeSlope;
    private final float threshold;

    /**
     * A ReLU with this cap ({@link Float#POSITIVE_INFINITY} for none), slope below the threshold, and threshold.
     *
     * @throws IllegalArgumentException for a NaN, a cap not above the threshold, or an infinite slope or threshold
     */
    public ReLU(float maxValue, float negativeSlope, float threshold) {
        if (!Float.isFinite(negativeSlope) || !Float.isFinite(threshold) || !(maxValue > threshold)) {
            throw new IllegalArgumentException("a ReLU needs a finite negative_slope and threshold and a max_value"
                    + " above the threshold, got " + maxValue + ", " + negativeSlope + ", " + threshold);
        }
        this.maxValue = maxValue;
        this.negativeSlope = negativeSlope;
        this.threshold = threshold;
    }

    /**
     * A ReLU from its {@link #config()}: {@code max_value} (absent: none), {@code negative_slope} and
     * {@code threshold}.
     */
    static ReLU fromConfig(LayerConfig config) {
        return new ReLU(config.getFloat("max_value", Float.POSITIVE_INFINITY), config.getFloat("negative_slope", 0f),
                config.getFloat("threshold", 0f));
    }

    @Override
    public ReLU named(String name) {
        super.named(name);
        return this;
    }

    @Override
    public String type() {
        return "ReLU";
    }

    @Override
    public LayerConfig config() {
        LayerConfig config = LayerConfig.create();
        if (maxValue < Float.POSITIVE_INFINITY) {
            config.put("max_value", maxValue);
        }
        return config.put("negative_slope", negativeSlope).put("threshold", threshold);
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
        for (int r = 0; r < in.rows(); r++) {
            int at = in.offset(r);
            int to = out.offset(r);
            for (int j = 0; j < inputWidth(); j++) {
                float z = in.data()[at + j];
                out.data()[to + j] = z > threshold ? Math.min(z, maxValue) : negativeSlope * (z - threshold);
            }
        }
    }

    /** {@code ∂L/∂z = ∂L/∂y · (z > θ ? (z < max ? 1 : 0) : s)}. */
    @Override
    protected void backward(BatchRows rows, Parameters params) {
        Batch gradIn = rows.gradIn();
        if (gradIn == null) {
            return;
        }
        Batch in = rows.in();
        Batch gradOut = rows.gradOut();
        for (int r = 0; r < in.rows(); r++) {
            for (int j = 0; j < inputWidth(); j++) {
                float z = in.data()[in.offset(r) + j];
                float g = gradOut.data()[gradOut.offset(r) + j];
                gradIn.data()[gradIn.offset(r) + j] = z > threshold ? (z < maxValue ? g : 0f) : negativeSlope * g;
            }
        }
    }
}
