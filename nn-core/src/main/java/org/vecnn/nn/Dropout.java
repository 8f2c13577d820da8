package org.vecnn.nn;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.vecnn.matrix.kernel.Kernels;

/**
 * Dropout: while training, each input is zeroed with probability {@code rate} and the rest scaled by
 * {@code 1/(1 − rate)}; at inference it is the identity, as here.
 */
public final class Dropout extends Layer {

    private static final Kernels KERNELS = LayerRegistry.KERNELS;

    private final float rate;

    /** Dropout of this rate, in [0, 1). */
    public Dropout(float rate) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("Dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    static Dropout fromConfig(LayerConfig config) {
        return new Dropout(config.getFloat("rate"));
    }

    @Override
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
    public LayerConfig config() {
        return LayerConfig.create().put("rate", rate);
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
        System.arraycopy(in.data(), in.offset(), out.data(), out.offset(), in.size());
    }

    /** The mask, one value per input. */
    @Override
    protected int cacheSize(int maxRows) {
        return Math.multiplyExact(maxRows, inputWidth());
    }

    /**
     * Keeps each input with probability 1 − rate, scaled by 1/(1 − rate) (the mask, kept in the cache); with
     * no random source (evaluation) the mask is all ones.
     */
    @Override
    protected void forwardTraining(BatchRows rows, Parameters params) {
        Batch in = rows.in();
        int start = in.firstRow() * inputWidth();
        int end = start + in.size();
        float[] mask = rows.cache();
        RandomGenerator random = rows.random();
        float kept = 1f / (1f - rate);
        for (int i = start; i < end; i++) {
            mask[i] = random == null ? 1f : random.nextFloat() < rate ? 0f : kept;
        }
        KERNELS.multiply(in.size(), in.data(), in.offset(), mask, start, rows.out().data(), rows.out().offset());
    }

    @Override
    protected void backward(BatchRows rows, Parameters params) {
        Batch gradIn = rows.gradIn();
        if (gradIn != null) {
            Batch gradOut = rows.gradOut();
            KERNELS.multiply(gradOut.size(), gradOut.data(), gradOut.offset(), rows.cache(),
                    gradOut.firstRow() * inputWidth(), gradIn.data(), gradIn.offset());
        }
    }
}
