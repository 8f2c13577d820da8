package org.vecnn.matrix.kernel;

/**
 * One side (the plain loop or the Vector API loop) of an activation's kernels, over a row-major
 * {@code rows x cols} block: element-wise activations treat it as {@code rows·cols} values, softmax row by
 * row. {@code alpha} is the activation's parameter (0 for one without). Outputs may alias their inputs
 * exactly (same array and offset); nothing is allocated.
 */
public interface ActivationKernel {

    /** {@code out = g(z)}. */
    void forward(int rows, int cols, float alpha, float[] z, int zOffset, float[] out, int outOffset);

    /**
     * {@code gradZ = gradA · g'(z)} (a Jacobian-vector product for softmax), from the forward input z or its
     * output a, whichever the activation needs; gradZ may alias gradA.
     */
    void backward(int rows, int cols, float alpha, float[] z, int zOffset, float[] a, int aOffset, float[] gradA,
                  int gOffset, float[] gradZ, int outOffset);
}
