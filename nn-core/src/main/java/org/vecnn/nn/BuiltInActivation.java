package org.vecnn.nn;

import java.util.Objects;
import org.vecnn.matrix.kernel.ActivationKernels;
import org.vecnn.matrix.kernel.Kernels;

/**
 * A built-in activation: its kernel pair (a plain loop and its SIMD twin, the same bits, in the
 * activation's own file) and its parameter. The public passes run on this JVM's kernels; the kernel-side
 * passes on a given side, for the tests and {@link DenseLoop}. Equal when the kernels and alpha are.
 *
 * @param kernels the pair
 * @param alpha the parameter, finite and at least 0; 0 for an activation without one
 */
record BuiltInActivation(ActivationKernels kernels, float alpha) implements Activation {

    /** Checks alpha. */
    BuiltInActivation {
        Objects.requireNonNull(kernels, "kernels");
        if (!(alpha >= 0f && alpha < Float.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(kernels.name() + " alpha must be finite and at least 0, got " + alpha);
        }
    }

    /** The activation with its default parameter. */
    static Activation of(ActivationKernels kernels) {
        return new BuiltInActivation(kernels, kernels.defaultAlpha());
    }

    @Override
    public String name() {
        return kernels.name();
    }

    @Override
    public Activation withAlpha(float value) {
        return kernels.takesAlpha() ? new BuiltInActivation(kernels, value) : Activation.super.withAlpha(value);
    }

    @Override
    public void forward(int rows, int cols, float[] z, int zOffset, float[] out, int outOffset) {
        LayerRegistry.KERNELS.activation(kernels).forward(rows, cols, alpha, z, zOffset, out, outOffset);
    }

    @Override
    public void backward(int rows, int cols, float[] z, int zOffset, float[] a, int aOffset, float[] gradA, int gOffset,
                         float[] gradZ, int outOffset) {
        LayerRegistry.KERNELS.activation(kernels).backward(rows, cols, alpha, z, zOffset, a, aOffset, gradA, gOffset,
                gradZ, outOffset);
    }

    /** {@link #forward(int, int, float[], int, float[], int)} on these kernels. */
    void forward(Kernels side, int rows, int cols, float[] z, int zOffset, float[] out, int outOffset) {
        side.activation(kernels).forward(rows, cols, alpha, z, zOffset, out, outOffset);
    }

    /** {@link #backward(int, int, float[], int, float[], int, float[], int, float[], int)} on these kernels. */
    void backward(Kernels side, int rows, int cols, float[] z, int zOffset, float[] a, int aOffset, float[] gradA,
                  int gOffset, float[] gradZ, int outOffset) {
        side.activation(kernels).backward(rows, cols, alpha, z, zOffset, a, aOffset, gradA, gOffset, gradZ,
                outOffset);
    }

    @Override
    public String toString() {
        return kernels.takesAlpha() ? name() + "(alpha=" + alpha + ")" : name();
    }
}
