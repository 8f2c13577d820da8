package org.vecnn.example;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.vecnn.nn.Batch;
import org.vecnn.nn.BatchRows;
import org.vecnn.nn.Layer;
import org.vecnn.nn.LayerConfig;
import org.vecnn.nn.Parameters;

/**
 * A layer written by a user, on the public layer contract only: {@code y = s ⊙ x + t} per feature, with a
 * trainable scale s (starting at {@code initialScale}) and offset t (starting at 0). Plain loops: a custom
 * layer needs none of vecnn's kernels.
 */
public final class Scale extends Layer {

    private final float initialScale;

    /** A scale layer whose scale starts at this value. */
    public Scale(float initialScale) {
        this.initialScale = initialScale;
    }

    /** Its factory from config, for {@code Layer.register("Scale", Scale::fromConfig)}. */
    public static Scale fromConfig(LayerConfig config) {
        return new Scale(config.getFloat("initial_scale", 1f));
    }

    @Override
    public String type() {
        return "Scale";
    }

    @Override
    public LayerConfig config() {
        return LayerConfig.create().put("initial_scale", initialScale);
    }

    @Override
    public int outputWidth() {
        return inputWidth();
    }

    @Override
    protected Parameters createParameters(int width, SplittableRandom random) {
        Parameters params = Parameters.builder()
                .add("scale", 1, width, Parameters.Kind.TRAINABLE)
                .add("offset", 1, width, Parameters.Kind.TRAINABLE)
                .build();
        Arrays.fill(params.array(0), initialScale);
        return params;
    }

    @Override
    public void forward(Batch in, Batch out, Parameters params) {
        float[] s = params.array(0);
        float[] t = params.array(1);
        for (int r = 0; r < in.rows(); r++) {
            for (int j = 0; j < inputWidth(); j++) {
                out.data()[out.offset(r) + j] = s[j] * in.data()[in.offset(r) + j] + t[j];
            }
        }
    }

    /** ∂L/∂x = ∂L/∂y ⊙ s. */
    @Override
    protected void backward(BatchRows rows, Parameters params) {
        Batch gradIn = rows.gradIn();
        if (gradIn == null) {
            return;
        }
        Batch gradOut = rows.gradOut();
        float[] s = params.array(0);
        for (int r = 0; r < gradOut.rows(); r++) {
            for (int j = 0; j < inputWidth(); j++) {
                gradIn.data()[gradIn.offset(r) + j] = gradOut.data()[gradOut.offset(r) + j] * s[j];
            }
        }
    }

    /** ∂L/∂s = Σ ∂L/∂y ⊙ x and ∂L/∂t = Σ ∂L/∂y over the batch, in row order. */
    @Override
    protected void gradients(BatchRows batch, Parameters params, Parameters gradients, int from, int to) {
        float[] ds = gradients.array(0);
        float[] dt = gradients.array(1);
        Arrays.fill(ds, 0f);
        Arrays.fill(dt, 0f);
        Batch in = batch.in();
        Batch gradOut = batch.gradOut();
        for (int r = 0; r < in.rows(); r++) {
            for (int j = 0; j < inputWidth(); j++) {
                float g = gradOut.data()[gradOut.offset(r) + j];
                ds[j] += g * in.data()[in.offset(r) + j];
                dt[j] += g;
            }
        }
    }
}
