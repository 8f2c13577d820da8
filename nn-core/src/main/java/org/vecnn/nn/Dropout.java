package org.vecnn.nn;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.kernel.Kernels;

/**
 * Dropout: while training, each input is zeroed with probability {@code rate} and the rest scaled by
 * {@code 1/(1 − rate)}; at inference it is the identity, as here.
 */
public final class Dropout extends Layer {

    private final float rate;

    /** Dropout of this rate, in [0, 1). */
    public Dropout(float rate) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("Dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    /** Names the layer; returns this layer. */
    public Dropout named(String name) {
        setName(name);
        return this;
    }

    /** The fraction of inputs zeroed while training. */
    public float rate() {
        return rate;
    }

    @Override
    public String type() {
        return "Dropout";
    }

    @Override
    public int outputWidth() {
        return inputWidth();
    }

    @Override
    public long trainableParams() {
        return 0;
    }

    @Override
    public long nonTrainableParams() {
        return 0;
    }

    @Override
    public List<Matrix> weights() {
        return List.of();
    }

    @Override
    public int weightCount() {
        return 0;
    }

    @Override
    float[][] checkedArrays(List<Matrix> weights) {
        checkCount(weights);
        return new float[0][];
    }

    @Override
    float[][] initialArrays(int width, SplittableRandom random) {
        return new float[0][];
    }

    @Override
    public void forward(Kernels kernels, int rows, float[] in, int inOffset, float[] out, int outOffset,
                        float[][] arrays) {
        System.arraycopy(in, inOffset, out, outOffset, rows * inputWidth());
    }

    @Override
    public int cacheWidth() {
        return inputWidth();
    }

    /**
     * Keeps each input with probability 1 − rate, scaled by 1/(1 − rate) (the mask, kept in the cache); with
     * no random source (evaluation) the mask is all ones.
     */
    @Override
    public void forwardTraining(Kernels kernels, int from, int to, float[] in, float[] out, float[][] arrays,
                                float[] cache, RandomGenerator random) {
        int start = from * inputWidth();
        int end = to * inputWidth();
        float kept = 1f / (1f - rate);
        for (int i = start; i < end; i++) {
            cache[i] = random == null ? 1f : random.nextFloat() < rate ? 0f : kept;
        }
        kernels.multiply(end - start, in, start, cache, start, out, start);
    }

    @Override
    public void backward(Kernels kernels, int from, int to, float[] out, float[][] arrays, float[] cache,
                         float[] gradOut, boolean preActivation, float[] gradIn) {
        if (gradIn != null) {
            int start = from * inputWidth();
            kernels.multiply((to - from) * inputWidth(), gradOut, start, cache, start, gradIn, start);
        }
    }
}
