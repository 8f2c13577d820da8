package org.vecnn.nn;

import org.vecnn.matrix.kernel.Kernels;

/**
 * A built-in activation: its passes run on a given side of the kernels (vector or scalar, the same bits),
 * and on this JVM's kernels through the public {@link Activation} methods, which each implements directly
 * (no default-method hop on the inference path).
 */
interface KernelActivation extends Activation {

    /** {@link #forward(int, int, float[], int, float[], int)} on these kernels. */
    void forward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] out, int outOffset);

    /** {@link #backward(int, int, float[], int, float[], int, float[], int, float[], int)} on these kernels. */
    void backward(Kernels kernels, int rows, int cols, float[] z, int zOffset, float[] a, int aOffset,
                  float[] gradA, int gOffset, float[] gradZ, int outOffset);
}
