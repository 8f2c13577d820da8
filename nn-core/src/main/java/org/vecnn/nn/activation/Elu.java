package org.vecnn.nn.activation;

import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.nn.Activation;

/**
 * The exponential linear unit, {@code z > 0 ? z : alpha·(e^z − 1)}.
 *
 * @param alpha the value approached as z → −∞ is −alpha; finite and at least 0
 */
public record Elu(float alpha) implements Activation {

    /** Keras's default alpha. */
    public static final float DEFAULT_ALPHA = 1f;

    /** Checks alpha. */
    public Elu {
        Alphas.check("elu", alpha);
    }

    @Override
    public String name() {
        return "elu";
    }

    @Override
    public void forward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] out, int outOffset) {
        kernels.elu(rows * cols, alpha, z, zOffset, out, outOffset);
    }

    @Override
    public void backward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] a, int aOffset,
                         float[] gradA, int gOffset, float[] gradZ, int outOffset) {
        kernels.eluBackward(rows * cols, alpha, z, zOffset, gradA, gOffset, gradZ, outOffset);
    }
}
