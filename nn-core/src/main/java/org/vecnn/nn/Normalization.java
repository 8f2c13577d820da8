package org.vecnn.nn;

import java.util.Arrays;
import java.util.List;
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

    /** Where each statistic sits among the layer's arrays; scale and shift are derived from them. */
    private static final int MEAN = 0;
    private static final int VARIANCE = 1;
    private static final int SCALE = 2;
    private static final int SHIFT = 3;

    /** The statistics set before the model is built, or null. */
    private float[][] pending;
    private long count;

    /** A normalisation to be adapted, or built as the identity. */
    public Normalization() {
    }

    /** Names the layer; returns this layer. */
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
        float[][] arrays = statistics();
        return arrays == null ? null : arrays[MEAN].clone();
    }

    /** The per-feature variances (a copy), or null before adapt or build. */
    public float[] variance() {
        float[][] arrays = statistics();
        return arrays == null ? null : arrays[VARIANCE].clone();
    }

    /** The number of samples adapted to; 0 if not adapted. */
    public long count() {
        return count;
    }

    /**
     * Sets the statistics directly (as a model file does): mean and variance per feature (finite, variance ≥ 0),
     * and the number of samples they came from. Atomic for a model in use, like {@link #setWeights}.
     */
    public void setStatistics(float[] newMean, float[] newVariance, long newCount) {
        if (newCount < 0) {
            throw new IllegalArgumentException("Normalization sample count must be at least 0, got " + newCount);
        }
        float[][] arrays = arrays(newMean, newVariance);
        if (isBuilt()) {
            publish(arrays);
        } else {
            pending = arrays;
        }
        count = newCount;
    }

    /** Checked copies of the statistics with the scale and shift they imply. */
    private float[][] arrays(float[] newMean, float[] newVariance) {
        if (newMean.length == 0 || newMean.length != newVariance.length) {
            throw new ShapeException("Normalization '" + name()
                    + "' needs as many means as variances (at least one), got "
                    + newMean.length + " and " + newVariance.length);
        }
        if (knownInputWidth() > 0 && newMean.length != knownInputWidth()) {
            throw new ShapeException("Normalization '" + name() + "' has " + knownInputWidth()
                    + " features, got statistics for " + newMean.length);
        }
        float[] scale = new float[newMean.length];
        float[] shift = new float[newMean.length];
        for (int j = 0; j < newMean.length; j++) {
            if (!Float.isFinite(newMean[j]) || !(newVariance[j] >= 0f && newVariance[j] < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("Normalization '" + name() + "' feature " + j + ": mean "
                        + newMean[j] + " and variance " + newVariance[j] + " must be finite, the variance at least 0");
            }
            scale[j] = 1f / Math.max((float) Math.sqrt(newVariance[j]), EPSILON);
            shift[j] = -newMean[j] * scale[j];
        }
        return new float[][] {newMean.clone(), newVariance.clone(), scale, shift};
    }

    private float[][] statistics() {
        return isBuilt() ? current() : pending;
    }

    @Override
    public String type() {
        return "Normalization";
    }

    @Override
    public int outputWidth() {
        return knownInputWidth();
    }

    @Override
    int knownInputWidth() {
        return isBuilt() ? inputWidth() : pending == null ? -1 : pending[MEAN].length;
    }

    @Override
    public long trainableParams() {
        return 0;
    }

    /** Mean, variance and count, as Keras counts them: 2·features + 1. */
    @Override
    public long nonTrainableParams() {
        return isBuilt() ? 2L * inputWidth() + 1 : 0;
    }

    @Override
    public int weightCount() {
        return 2;
    }

    @Override
    public List<Matrix> weights() {
        requireBuilt();
        return List.of(row(current()[MEAN]), row(current()[VARIANCE]));
    }

    @Override
    float[][] checkedArrays(List<Matrix> weights) {
        checkCount(weights);
        return arrays(checkedWeight(weights, 0, "mean", 1, inputWidth()),
                checkedWeight(weights, 1, "variance", 1, inputWidth()));
    }

    @Override
    float[][] initialArrays(int width, SplittableRandom random) {
        if (pending == null) {
            float[] ones = new float[width];
            Arrays.fill(ones, 1f);
            return arrays(new float[width], ones);
        }
        if (pending[MEAN].length != width) {
            throw new ShapeException("Normalization '" + name() + "' was adapted to " + pending[MEAN].length
                    + " features, but its input has " + width);
        }
        float[][] arrays = pending;
        pending = null;
        return arrays;
    }

    /** The arrays are the mean, the variance, and the scale and shift the pass uses. */
    @Override
    public void forward(Kernels kernels, int rows, float[] in, int inOffset, float[] out, int outOffset,
                        float[][] arrays) {
        kernels.scaleShiftRows(rows, inputWidth(), arrays[SCALE], 0, arrays[SHIFT], 0, in, inOffset, out, outOffset);
    }

    /**
     * The forward pass of features [from, to) only, in place: {@code x} holds {@code rows} rows of just those
     * features, as {@link #forward} would compute them. Features do not mix, so a trainer can normalise the
     * columns it holds. Allocates nothing.
     */
    public void forwardFeatures(Kernels kernels, int rows, float[] x, int from, int to, float[][] arrays) {
        kernels.scaleShiftRows(rows, to - from, arrays[SCALE], from, arrays[SHIFT], from, x, 0, x, 0);
    }

    /** The statistics are not trained: only ∂L/∂x = ∂L/∂out · scale per column flows back. */
    @Override
    public void backward(Kernels kernels, int from, int to, float[] out, float[][] arrays, float[] cache,
                         float[] gradOut, boolean preActivation, float[] gradIn) {
        if (gradIn != null) {
            for (int r = from; r < to; r++) {
                kernels.multiply(inputWidth(), gradOut, r * inputWidth(), arrays[SCALE], 0, gradIn, r * inputWidth());
            }
        }
    }
}
