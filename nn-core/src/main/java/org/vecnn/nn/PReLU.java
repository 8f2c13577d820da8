package org.vecnn.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Keras's {@code PReLU}: {@code z > 0 ? z : α_j·z}, with a slope α learnt for every feature (zeros at first,
 * as Keras's default {@code alpha_initializer}); its output has its input's width.
 */
public final class PReLU extends Layer {

    private static final int ALPHA = 0;

    /** A PReLU whose slopes start at 0 (a ReLU until trained). */
    public PReLU() {
    }

    /** A PReLU from its {@link #config()}, which is empty. */
    static PReLU fromConfig(LayerConfig config) {
        return new PReLU();
    }

    @Override
    public PReLU named(String name) {
        super.named(name);
        return this;
    }

    @Override
    public String type() {
        return "PReLU";
    }

    @Override
    public LayerConfig config() {
        return LayerConfig.create();
    }

    @Override
    public int outputWidth() {
        return inputWidth();
    }

    @Override
    protected Parameters createParameters(int width, SplittableRandom random) {
        return Parameters.builder().add("alpha", 1, width, Parameters.Kind.TRAINABLE).build();
    }

    @Override
    public void forward(Batch in, Batch out, Parameters params) {
        float[] alpha = params.array(ALPHA);
        int width = inputWidth();
        for (int r = 0; r < in.rows(); r++) {
            int at = in.offset(r);
            int to = out.offset(r);
            for (int j = 0; j < width; j++) {
                float z = in.data()[at + j];
                out.data()[to + j] = z > 0f ? z : alpha[j] * z;
            }
        }
    }

    /** ∂L/∂z = ∂L/∂y · (z > 0 ? 1 : α_j). */
    @Override
    protected void backward(BatchRows rows, Parameters params) {
        Batch gradIn = rows.gradIn();
        if (gradIn == null) {
            return;
        }
        Batch in = rows.in();
        Batch gradOut = rows.gradOut();
        float[] alpha = params.array(ALPHA);
        for (int r = 0; r < in.rows(); r++) {
            for (int j = 0; j < inputWidth(); j++) {
                float g = gradOut.data()[gradOut.offset(r) + j];
                gradIn.data()[gradIn.offset(r) + j] = in.data()[in.offset(r) + j] > 0f ? g : alpha[j] * g;
            }
        }
    }

    /** ∂L/∂α_j = Σ ∂L/∂y · min(z, 0) over the batch, in row order. */
    @Override
    protected void gradients(BatchRows batch, Parameters params, Parameters gradients, int from, int to) {
        float[] dAlpha = gradients.array(ALPHA);
        Arrays.fill(dAlpha, 0f);
        Batch in = batch.in();
        Batch gradOut = batch.gradOut();
        for (int r = 0; r < in.rows(); r++) {
            for (int j = 0; j < inputWidth(); j++) {
                float z = in.data()[in.offset(r) + j];
                if (z <= 0f) {
                    dAlpha[j] += gradOut.data()[gradOut.offset(r) + j] * z;
                }
            }
        }
    }
}
