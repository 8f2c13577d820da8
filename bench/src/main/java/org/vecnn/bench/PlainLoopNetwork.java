package org.vecnn.bench;

import org.vecnn.nn.Dense;
import org.vecnn.nn.Layer;
import org.vecnn.nn.Sequential;

/**
 * The baseline a Java developer would write by hand: a sigmoid network as nested loops over
 * {@code float[][]} weights, {@code z = b[j] + Σ_i a[i]·W[i][j]}, then {@code 1/(1 + e^-z)}. Buffers are
 * preallocated so that it, too, allocates nothing per call.
 */
final class PlainLoopNetwork {

    private final float[][][] kernels;
    private final float[][] biases;
    private final float[][] activations;

    /** The loops for a model of sigmoid Dense layers, with its weights. */
    PlainLoopNetwork(Sequential model) {
        int layers = model.layers().size();
        kernels = new float[layers][][];
        biases = new float[layers][];
        activations = new float[layers][];
        for (int l = 0; l < layers; l++) {
            Layer layer = model.layers().get(l);
            if (!(layer instanceof Dense dense) || !dense.activation().name().equals("sigmoid")) {
                throw new IllegalArgumentException("the plain loop baseline takes sigmoid Dense layers only");
            }
            kernels[l] = dense.kernel().toArray();
            biases[l] = dense.bias();
            activations[l] = new float[dense.units()];
        }
    }

    void predict(float[] input, float[] output) {
        float[] a = input;
        for (int l = 0; l < kernels.length; l++) {
            float[][] w = kernels[l];
            float[] next = l == kernels.length - 1 ? output : activations[l];
            for (int j = 0; j < next.length; j++) {
                float z = biases[l][j];
                for (int i = 0; i < a.length; i++) {
                    z += a[i] * w[i][j];
                }
                next[j] = (float) (1 / (1 + Math.exp(-z)));
            }
            a = next;
        }
    }
}
