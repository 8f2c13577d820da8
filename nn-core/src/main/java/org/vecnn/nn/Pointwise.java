package org.vecnn.nn;

import java.util.Objects;
import org.vecnn.matrix.kernel.Kernels;

/**
 * An element-wise activation without parameters, as a pair of kernels: relu, sigmoid, tanh, gelu, swish
 * and softplus are each one of these, made once in {@link Activation}.
 *
 * @param name the Keras name
 * @param map the forward kernel, {@code out = g(z)}
 * @param derivative the backward kernel, {@code gradZ = gradA · g'(z)}
 */
record Pointwise(String name, Map map, Derivative derivative) implements KernelActivation {

    /** A forward kernel over n values, such as {@link Kernels#sigmoid}. */
    @FunctionalInterface
    public interface Map {
        void apply(Kernels kernels, int n, float[] z, int zOffset, float[] out, int outOffset);
    }

    /** A backward kernel over n values, reading the forward input z or output a, whichever it needs. */
    @FunctionalInterface
    public interface Derivative {
        void apply(Kernels kernels, int n, float[] z, int zOffset, float[] a, int aOffset, float[] gradA, int gOffset,
                   float[] gradZ, int outOffset);
    }

    /** Checks that nothing is missing. */
    public Pointwise {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(derivative, "derivative");
    }

    @Override
    public void forward(int rows, int cols, float[] z, int zOffset, float[] out, int outOffset) {
        map.apply(LayerRegistry.KERNELS, rows * cols, z, zOffset, out, outOffset);
    }

    @Override
    public void backward(int rows, int cols, float[] z, int zOffset, float[] a, int aOffset, float[] gradA, int gOffset,
                         float[] gradZ, int outOffset) {
        derivative.apply(LayerRegistry.KERNELS, rows * cols, z, zOffset, a, aOffset, gradA, gOffset, gradZ, outOffset);
    }

    @Override
    public void forward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] out, int outOffset) {
        map.apply(kernels, rows * cols, z, zOffset, out, outOffset);
    }

    @Override
    public void backward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] a, int aOffset,
                         float[] gradA, int gOffset, float[] gradZ, int outOffset) {
        derivative.apply(kernels, rows * cols, z, zOffset, a, aOffset, gradA, gOffset, gradZ, outOffset);
    }

    @Override
    public String toString() {
        return name;
    }
}
