package org.vecnn.nn;

import org.vecnn.matrix.kernel.Kernels;

/**
 * An element-wise activation with one parameter, alpha: {@code leaky_relu} ({@code z > 0 ? z : alpha·z}, the
 * negative slope) and {@code elu} ({@code z > 0 ? z : alpha·(e^z − 1)}, the saturation value). Equal when
 * the name and alpha are.
 *
 * @param name the Keras name
 * @param alpha the parameter, finite and at least 0
 * @param map the forward kernel
 * @param derivative the backward kernel, from the forward input z
 */
record Parameterised(String name, float alpha, Map map, Derivative derivative) implements KernelActivation {

    /** Keras's default negative slope for leaky_relu. */
    public static final float LEAKY_RELU_ALPHA = 0.2f;
    /** Keras's default alpha for elu. */
    public static final float ELU_ALPHA = 1f;

    private static final Map LEAKY_RELU = Kernels::leakyRelu;
    private static final Derivative LEAKY_RELU_DERIVATIVE = Kernels::leakyReluBackward;
    private static final Map ELU = Kernels::elu;
    private static final Derivative ELU_DERIVATIVE = Kernels::eluBackward;

    /** A forward kernel with alpha, such as {@link Kernels#elu}. */
    @FunctionalInterface
    public interface Map {
        void apply(Kernels kernels, int n, float alpha, float[] z, int zOffset, float[] out, int outOffset);
    }

    /** A backward kernel with alpha, from the forward input z. */
    @FunctionalInterface
    public interface Derivative {
        void apply(Kernels kernels, int n, float alpha, float[] z, int zOffset, float[] gradA, int gOffset,
                   float[] gradZ, int outOffset);
    }

    /** Checks alpha. */
    public Parameterised {
        if (!(alpha >= 0f && alpha < Float.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " alpha must be finite and at least 0, got " + alpha);
        }
    }

    /** Leaky ReLU with this negative slope. */
    public static Parameterised leakyRelu(float alpha) {
        return new Parameterised("leaky_relu", alpha, LEAKY_RELU, LEAKY_RELU_DERIVATIVE);
    }

    /** ELU with this alpha. */
    public static Parameterised elu(float alpha) {
        return new Parameterised("elu", alpha, ELU, ELU_DERIVATIVE);
    }

    @Override
    public void forward(int rows, int cols, float[] z, int zOffset, float[] out, int outOffset) {
        map.apply(LayerRegistry.KERNELS, rows * cols, alpha, z, zOffset, out, outOffset);
    }

    @Override
    public void backward(int rows, int cols, float[] z, int zOffset, float[] a, int aOffset, float[] gradA, int gOffset,
                         float[] gradZ, int outOffset) {
        derivative.apply(LayerRegistry.KERNELS, rows * cols, alpha, z, zOffset, gradA, gOffset, gradZ, outOffset);
    }

    @Override
    public void forward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] out, int outOffset) {
        map.apply(kernels, rows * cols, alpha, z, zOffset, out, outOffset);
    }

    @Override
    public void backward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] a, int aOffset,
                         float[] gradA, int gOffset, float[] gradZ, int outOffset) {
        derivative.apply(kernels, rows * cols, alpha, z, zOffset, gradA, gOffset, gradZ, outOffset);
    }

    @Override
    public String toString() {
        return name + "(alpha=" + alpha + ")";
    }
}
