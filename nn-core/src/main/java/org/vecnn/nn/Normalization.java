package org.vecnn.nn;

import org.vecnn.nn.io.SafeText;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.ShapeException;
import org.vecnn.matrix.kernel.Kernels;

/**
 * Per-feature standardisation, Keras's {@code Normalization}: {@code (x − mean) / max(√variance, 1e-7)},
 * with the mean and (population) variance of each column learnt by {@link #adapt(Matrix)} and saved with
 * the model. Until adapted it is the identity (mean 0, variance 1). Runs as one fused multiply-add pass.
 */
public final class Normalization extends Layer {

    /** The floor on the standard deviation, Keras's {@code backend.epsilon()}. */
    public static final float EPSILON = 1e-7f;

    private static final Kernels KERNELS = LayerRegistry.KERNELS;
    /** Where each statistic sits among the layer's parameters; scale and shift are derived from them. */
    private static final int MEAN = 0;
    private static final int VARIANCE = 1;
    private static final int SCALE = 2;
    private static final int SHIFT = 3;

    /** The statistics set before the model is built, or null. */
    private Parameters pending;
    private long count;

    /** A normalisation to be adapted, or built as the identity. */
    public Normalization() {
    }

    /** A Normalization from its {@link #config()}: its sample count (the statistics are its weights). */
    static Normalization fromConfig(LayerConfig config) {
        Normalization layer = new Normalization();
        String count = config.getString("count", "0");
        try {
            layer.count = Long.parseLong(count);
        } catch (NumberFormatException e) {
            layer.count = -1;
        }
        if (layer.count < 0) {
            throw new IllegalArgumentException("config 'count' must be a whole number at least 0, got '"
                    + SafeText.escape(count) + "'");
        }
        return layer;
    }

    @Override
    public Normalization named(String name) {
        setName(name);
        return this;
    }

    /**
     * Learns each column's mean and population variance from data (in double precision). Call it before or
     * after the model is built, but with as many columns as the model's input.
     *
     * @return this layer
     * @throws IllegalArgumentException for empty data, a NaN or infinite value (row and column named), or a
     *     width other than the layer's
     */
    public Normalization adapt(Matrix data) {
        int rows = data.rows();
        int cols = data.cols();
        if (rows == 0 || cols == 0) {
            throw new IllegalArgumentException("cannot adapt a Normalization to empty data (" + data.shape() + ")");
        }
        int width = knownInputWidth() > 0 ? knownInputWidth() : cols;
        if (cols != width) {
            throw new ShapeException("Normalization '" + name() + "' has " + width + " features; data has " + cols);
        }
        double[] sums = new double[cols];
        float[] values = data.data();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("cannot adapt to non-finite data: row " + i / cols + ", column "
                        + i % cols + " is " + values[i]);
            }
            sums[i % cols] += values[i];
        }
        double[] squares = new double[cols];
        for (int i = 0; i < values.length; i++) {
            double deviation = values[i] - sums[i % cols] / rows;
            squares[i % cols] += deviation * deviation;
        }
        float[] newMean = new float[cols];
        float[] newVariance = new float[cols];
        for (int j = 0; j < cols; j++) {
            newMean[j] = (float) (sums[j] / rows);
            newVariance[j] = (float) (squares[j] / rows);
        }
        setStatistics(newMean, newVariance, rows);
        return this;
    }

    /** The per-feature means (a copy), or null before adapt or build. */
    public float[] mean() {
        Parameters params = statistics();
        return params == null ? null : params.array(MEAN).clone();
    }

    /** The per-feature variances (a copy), or null before adapt or build. */
    public float[] variance() {
        Parameters params = statistics();
        return params == null ? null : params.array(VARIANCE).clone();
    }

    /** The number of samples adapted to; 0 if not adapted. */
    public long count() {
        return count;
    }

    /**
     * Sets the statistics directly: mean and variance per feature (finite, variance ≥ 0), and the number of
     * samples they came from. Atomic for a model in use, like {@link #setWeights}.
     */
    public void setStatistics(float[] newMean, float[] newVariance, long newCount) {
        if (newCount < 0) {
            throw new IllegalArgumentException("Normalization sample count must be at least 0, got " + newCount);
        }
        if (newMean.length == 0 || newMean.length != newVariance.length) {
            throw new ShapeException("Normalization '" + name()
                    + "' needs as many means as variances (at least one), got "
                    + newMean.length + " and " + newVariance.length);
        }
        if (knownInputWidth() > 0 && newMean.length != knownInputWidth()) {
            throw new ShapeException("Normalization '" + name() + "' has " + knownInputWidth()
                    + " features, got statistics for " + newMean.length);
        }
        Parameters params = parameters(newMean.clone(), newVariance.clone());
        prepare(params);
        if (isBuilt()) {
            publish(params);
        } else {
            pending = params;
        }
        count = newCount;
    }

    private static Parameters parameters(float[] mean, float[] variance) {
        int width = mean.length;
        return Parameters.builder()
                .add("mean", 1, width, Parameters.Kind.NON_TRAINABLE, mean)
                .add("variance", 1, width, Parameters.Kind.NON_TRAINABLE, variance)
                .add("scale", 1, width, Parameters.Kind.DERIVED)
                .add("shift", 1, width, Parameters.Kind.DERIVED)
                .build();
    }

    /** Checks the statistics and derives the scale and shift the pass uses. */
    @Override
    protected void prepare(Parameters params) {
        float[] mean = params.array(MEAN);
        float[] variance = params.array(VARIANCE);
        float[] scale = params.array(SCALE);
        float[] shift = params.array(SHIFT);
        for (int j = 0; j < mean.length; j++) {
            if (!Float.isFinite(mean[j]) || !(variance[j] >= 0f && variance[j] < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("Normalization '" + name() + "' feature " + j + ": mean "
                        + mean[j] + " and variance " + variance[j] + " must be finite, the variance at least 0");
            }
            scale[j] = 1f / Math.max((float) Math.sqrt(variance[j]), EPSILON);
            shift[j] = -mean[j] * scale[j];
        }
    }

    private Parameters statistics() {
        return isBuilt() ? current() : pending;
    }

    @Override
    public String type() {
        return "Normalization";
    }

    @Override
    public LayerConfig config() {
        return LayerConfig.create().put("count", count);
    }

    @Override
    public int outputWidth() {
        return knownInputWidth();
    }

    @Override
    protected int knownInputWidth() {
        return isBuilt() ? inputWidth() : pending == null ? -1 : pending.cols(MEAN);
    }

    /** Mean, variance and count, as Keras counts them: 2·features + 1. */
    @Override
    public long nonTrainableParams() {
        return isBuilt() ? 2L * inputWidth() + 1 : 0;
    }

    @Override
    protected Parameters createParameters(int width, SplittableRandom random) {
        if (pending == null) {
            float[] ones = new float[width];
            Arrays.fill(ones, 1f);
            Parameters identity = parameters(new float[width], ones);
            prepare(identity);
            return identity;
        }
        if (pending.cols(MEAN) != width) {
            throw new ShapeException("Normalization '" + name() + "' was adapted to " + pending.cols(MEAN)
                    + " features, but its input has " + width);
        }
        Parameters params = pending;
        pending = null;
        return params;
    }

    @Override
    public void forward(Batch in, Batch out, Parameters params) {
        KERNELS.scaleShiftRows(in.rows(), inputWidth(), params.array(SCALE), 0, params.array(SHIFT), 0, in.data(),
                in.offset(), out.data(), out.offset());
    }

    /**
     * The forward pass of features [from, to) only, in place: {@code x} holds {@code rows} rows of just those
     * features, as {@link #forward} would compute them. Features do not mix, so a trainer can normalise the
     * columns it holds. Allocates nothing.
     */
    void forwardFeatures(int rows, float[] x, int from, int to, Parameters params) {
        KERNELS.scaleShiftRows(rows, to - from, params.array(SCALE), from, params.array(SHIFT), from, x, 0, x, 0);
    }

    /** The statistics are not trained: only ∂L/∂x = ∂L/∂out · scale per column flows back. */
    @Override
    protected void backward(BatchRows rows, Parameters params) {
        Batch gradIn = rows.gradIn();
        if (gradIn != null) {
            Batch gradOut = rows.gradOut();
            for (int r = 0; r < gradOut.rows(); r++) {
                KERNELS.multiply(inputWidth(), gradOut.data(), gradOut.offset(r), params.array(SCALE), 0,
                        gradIn.data(), gradIn.offset(r));
            }
        }
    }
}
