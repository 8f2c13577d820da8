package org.vecnn.nn;

import java.util.SplittableRandom;

/**
 * Batch normalisation over the features (Keras's {@code BatchNormalization}, axis −1):
 * {@code y = γ·(x − μ)/√(σ² + ε) + β}. While training, μ and σ² are the batch's mean and (biased) variance,
 * and the moving statistics follow them, {@code moving = moving·momentum + batch·(1 − momentum)}; at
 * inference, and when evaluating, the moving statistics are used. Keras's defaults: momentum 0.99, ε 1e-3,
 * with γ (scale, starting at 1) and β (center, starting at 0); the moving mean starts at 0, the moving
 * variance at 1, and both are non-trainable weights.
 *
 * <p>The batch statistics are sums over the whole batch in row order, in double, so the trainer gives this
 * layer every row of a batch at once and the result does not depend on the thread count.
 */
public final class BatchNormalization extends Layer {

    private final float momentum;
    private final float epsilon;
    private final boolean center;
    private final boolean scale;

    /** Keras's defaults: momentum 0.99, epsilon 1e-3, center and scale. */
    public BatchNormalization() {
        this(0.99f, 1e-3f, true, true);
    }

    /**
     * A batch normalisation with these settings.
     *
     * @param momentum the moving statistics' decay, in [0, 1]
     * @param epsilon added to the variance, positive
     * @param center whether to learn the offset β
     * @param scale whether to learn the factor γ
     */
    public BatchNormalization(float momentum, float epsilon, boolean center, boolean scale) {
        if (!(momentum >= 0f && momentum <= 1f)) {
            throw new IllegalArgumentException("BatchNormalization momentum must be in [0, 1], got " + momentum);
        }
        if (!(epsilon > 0f && epsilon < Float.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("BatchNormalization epsilon must be positive and finite, got "
                    + epsilon);
        }
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
    }

    static BatchNormalization fromConfig(LayerConfig config) {
        return new BatchNormalization(config.getFloat("momentum", 0.99f), config.getFloat("epsilon", 1e-3f),
                config.getBoolean("center", true), config.getBoolean("scale", true));
    }

    @Override
    public BatchNormalization named(String name) {
        setName(name);
        return this;
    }

    @Override
    public String type() {
        return "BatchNormalization";
    }

    @Override
    public LayerConfig config() {
        return LayerConfig.create().put("momentum", momentum).put("epsilon", epsilon).put("center", center)
                .put("scale", scale);
    }

    /** The moving statistics' decay. */
    public float momentum() {
        return momentum;
    }

    /** What is added to the variance. */
    public float epsilon() {
        return epsilon;
    }

    @Override
    public int outputWidth() {
        return inputWidth();
    }

    @Override
    protected Parameters createParameters(int width, SplittableRandom random) {
        Parameters.Builder builder = Parameters.builder();
        if (scale) {
            builder.add("gamma", 1, width, Parameters.Kind.TRAINABLE, filled(width, 1f));
        }
        if (center) {
            builder.add("beta", 1, width, Parameters.Kind.TRAINABLE);
        }
        return builder.add("moving_mean", 1, width, Parameters.Kind.NON_TRAINABLE)
                .add("moving_variance", 1, width, Parameters.Kind.NON_TRAINABLE, filled(width, 1f))
                .build();
    }

    private static float[] filled(int n, float value) {
        float[] values = new float[n];
        java.util.Arrays.fill(values, value);
        return values;
    }

    @Override
    protected void prepare(Parameters params) {
        float[] variance = params.array(params.indexOf("moving_variance"));
        for (int j = 0; j < variance.length; j++) {
            if (variance[j] < 0f) {
                throw new IllegalArgumentException("BatchNormalization '" + name() + "': moving_variance[" + j
                        + "] is " + variance[j] + ", below 0");
            }
        }
    }

    private int gammaIndex() {
        return scale ? 0 : -1;
    }

    private int betaIndex() {
        return center ? (scale ? 1 : 0) : -1;
    }

    private int movingMeanIndex() {
        return (scale ? 1 : 0) + (center ? 1 : 0);
    }

    /** With the moving statistics. */
    @Override
    public void forward(Batch in, Batch out, Parameters params) {
        int width = inputWidth();
        float[] mean = params.array(movingMeanIndex());
        float[] variance = params.array(movingMeanIndex() + 1);
        float[] gamma = scale ? params.array(gammaIndex()) : null;
        float[] beta = center ? params.array(betaIndex()) : null;
        float[] x = in.data();
        float[] y = out.data();
        for (int r = 0; r < in.rows(); r++) {
            int from = in.offset(r);
            int to = out.offset(r);
            for (int j = 0; j < width; j++) {
                float factor = 1f / (float) Math.sqrt(variance[j] + epsilon);
                if (gamma != null) {
                    factor *= gamma[j];
                }
                y[to + j] = (x[from + j] - mean[j]) * factor + (beta == null ? 0f : beta[j]);
            }
        }
    }

    /** x̂ for every row, then per feature: 1/√(σ² + ε), Σ dy and Σ dy·x̂. */
    @Override
    protected int cacheSize(int maxRows) {
        return Math.multiplyExact(maxRows + 3, inputWidth());
    }

    @Override
    protected boolean mixesRows() {
        return true;
    }

    /** Training: the batch statistics normalise, and the moving ones follow them; evaluating: {@link #forward}. */
    @Override
    protected void forwardTraining(BatchRows rows, Parameters params) {
        if (!rows.training()) {
            forward(rows.in(), rows.out(), params);
            return;
        }
        Batch in = rows.in();
        int n = in.rows();
        int width = inputWidth();
        float[] x = in.data();
        float[] cache = rows.cache();
        int inverseAt = rows.cache().length - 3 * width;
        float[] movingMean = params.array(movingMeanIndex());
        float[] movingVariance = params.array(movingMeanIndex() + 1);
        for (int j = 0; j < width; j++) {
            double sum = 0;
            for (int r = 0; r < n; r++) {
                sum += x[in.offset(r) + j];
            }
            double mean = sum / n;
            double squares = 0;
            for (int r = 0; r < n; r++) {
                double deviation = x[in.offset(r) + j] - mean;
                squares += deviation * deviation;
            }
            float variance = (float) (squares / n);
            float inverse = 1f / (float) Math.sqrt(variance + epsilon);
            cache[inverseAt + j] = inverse;
            for (int r = 0; r < n; r++) {
                cache[r * width + j] = (x[in.offset(r) + j] - (float) mean) * inverse;
            }
            movingMean[j] = movingMean[j] * momentum + (float) mean * (1f - momentum);
            movingVariance[j] = movingVariance[j] * momentum + variance * (1f - momentum);
        }
        affine(rows, params, n, width);
    }

    /** y = γ·x̂ + β from the cached x̂. */
    private void affine(BatchRows rows, Parameters params, int n, int width) {
        float[] cache = rows.cache();
        float[] gamma = scale ? params.array(gammaIndex()) : null;
        float[] beta = center ? params.array(betaIndex()) : null;
        Batch out = rows.out();
        float[] y = out.data();
        for (int r = 0; r < n; r++) {
            int to = out.offset(r);
            for (int j = 0; j < width; j++) {
                float value = cache[r * width + j];
                y[to + j] = (gamma == null ? value : gamma[j] * value) + (beta == null ? 0f : beta[j]);
            }
        }
    }

    /**
     * {@code dx = γ/(N·√(σ² + ε))·(N·dy − Σdy − x̂·Σ(dy·x̂))}, the sums kept for {@link #gradients}; dy stays
     * in gradOut.
     */
    @Override
    protected void backward(BatchRows rows, Parameters params) {
        Batch gradOut = rows.gradOut();
        int n = gradOut.rows();
        int width = inputWidth();
        float[] cache = rows.cache();
        float[] dy = gradOut.data();
        int inverseAt = cache.length - 3 * width;
        int sumsAt = inverseAt + width;
        int productsAt = sumsAt + width;
        for (int j = 0; j < width; j++) {
            double sum = 0;
            double product = 0;
            for (int r = 0; r < n; r++) {
                float g = dy[gradOut.offset(r) + j];
                sum += g;
                product += (double) g * cache[r * width + j];
            }
            cache[sumsAt + j] = (float) sum;
            cache[productsAt + j] = (float) product;
        }
        Batch gradIn = rows.gradIn();
        if (gradIn == null) {
            return;
        }
        float[] gamma = scale ? params.array(gammaIndex()) : null;
        float[] dx = gradIn.data();
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < width; j++) {
                float factor = (gamma == null ? 1f : gamma[j]) * cache[inverseAt + j] / n;
                float centred = n * dy[gradOut.offset(r) + j] - cache[sumsAt + j]
                        - cache[r * width + j] * cache[productsAt + j];
                dx[gradIn.offset(r) + j] = factor * centred;
            }
        }
    }

    /** {@code dγ = Σ dy·x̂} and {@code dβ = Σ dy}, from backward's sums. */
    @Override
    protected void gradients(BatchRows batch, Parameters params, Parameters gradients, int from, int to) {
        int width = inputWidth();
        float[] cache = batch.cache();
        int sumsAt = cache.length - 2 * width;
        if (scale) {
            System.arraycopy(cache, sumsAt + width, gradients.array(gammaIndex()), 0, width);
        }
        if (center) {
            System.arraycopy(cache, sumsAt, gradients.array(betaIndex()), 0, width);
        }
    }
}
