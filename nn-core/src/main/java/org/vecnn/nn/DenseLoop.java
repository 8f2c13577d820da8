package org.vecnn.nn;

import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.ShapeException;
import org.vecnn.matrix.kernel.ScalarKernels;

/**
 * The loop version of a dense layer, as the tutorial first writes it: for each unit j,
 * {@code z = dot(W[:, j], a_in) + b[j]}, then {@code a_out[j] = g(z)}. It is the reference {@link Dense}'s
 * vectorised batch pass is tested against, and what the demo shows next to it. Plain loops throughout: the
 * dot products in double, g on the scalar kernels.
 */
public final class DenseLoop {

    private DenseLoop() {
    }

    /**
     * One sample through one layer.
     *
     * @param input a_in, one value per row of w
     * @param w the kernel, input x units
     * @param b the bias, one value per unit
     * @param g the activation
     * @return a_out, one value per unit
     */
    public static float[] forward(float[] input, Matrix w, float[] b, Activation g) {
        if (input.length != w.rows() || b.length != w.cols()) {
            throw new ShapeException("a_in has " + input.length + " values and b " + b.length + "; W is " + w.shape()
                    + ", so they need " + w.rows() + " and " + w.cols());
        }
        float[] z = new float[w.cols()];
        for (int j = 0; j < w.cols(); j++) {
            double dot = 0;
            for (int i = 0; i < input.length; i++) {
                dot += (double) w.get(i, j) * input[i];
            }
            z[j] = (float) (dot + b[j]);
        }
        float[] output = new float[z.length];
        if (g instanceof BuiltInActivation builtIn) {
            builtIn.forward(ScalarKernels.INSTANCE, 1, z.length, z, 0, output, 0);
        } else {
            g.forward(1, z.length, z, 0, output, 0);
        }
        return output;
    }

    /** One sample through every layer of a built model, each Dense by {@link #forward}, the rest as they are. */
    public static float[] predict(Sequential model, float[] input) {
        float[] activations = input.clone();
        for (Layer layer : model.layers()) {
            if (layer instanceof Dense dense) {
                activations = forward(activations, dense.kernel(), dense.bias(), dense.activation());
            } else {
                float[] next = new float[layer.outputWidth()];
                layer.forward(new Batch().set(activations, 0, activations.length, 0, 1),
                        new Batch().set(next, 0, next.length, 0, 1), layer.current());
                activations = next;
            }
        }
        return activations;
    }
}
