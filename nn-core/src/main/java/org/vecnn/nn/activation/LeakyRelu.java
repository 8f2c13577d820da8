package org.vecnn.nn.activation;

import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.nn.Activation;

/**
 * Leaky ReLU, {@code z > 0 ? z : alpha·z}.
 *
 * @param alpha the negative slope, finite and at least 0
 */
public record LeakyRelu(float alpha) implements Activation {

    /** Keras's default negative slope. */
    public static final float DEFAULT_ALPHA = 0.2f;

    /** Checks alpha. */
    public LeakyRelu {
        Alphas.check("leaky_relu", alpha);
    }

    @Override
    public String name() {
        return "leaky_relu";
    }

    @Override
    public void forward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] out, int outOffset) {
        kernels.leakyRelu(rows * cols, alpha, z, zOffset, out, outOffset);
    }

    @Override
    public void backward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] a, int aOffset,
                         float[] gradA, int gOffset, float[] gradZ, int outOffset) {
        kernels.leakyReluBackward(rows * cols, alpha, z, zOffset, gradA, gOffset, gradZ, outOffset);
    }
}
