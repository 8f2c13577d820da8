package org.vecnn.interop;

import java.util.List;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Dense;

/**
 * A Dense layer being assembled from ONNX nodes: a Gemm or MatMul gives its kernel (block-diagonal over a
 * sample's rows), an Add of a constant that follows its bias, an activation that follows its activation.
 */
final class OnnxDense {

    private final int in;
    private final int out;
    private final float[] kernel;
    private float[] bias;
    private Activation activation = Activation.LINEAR;

    /** The layer of {@code rows} copies of the k x n matrix w on the diagonal. */
    OnnxDense(float[] w, int k, int n, int rows) {
        this.in = rows * k;
        this.out = rows * n;
        this.kernel = new float[in * out];
        for (int block = 0; block < rows; block++) {
            for (int p = 0; p < k; p++) {
                System.arraycopy(w, p * n, kernel, (block * k + p) * out + block * n, n);
            }
        }
    }

    /** Whether nothing has followed the product yet: an offset or activation may still fold in. */
    boolean open() {
        return activation == Activation.LINEAR;
    }

    /** Adds {@code factor·values} (one per output) to the bias. */
    void addToBias(float[] values, float factor) {
        if (bias == null) {
            bias = new float[out];
        }
        for (int j = 0; j < out; j++) {
            bias[j] += factor * values[j];
        }
    }

    /** Ends the layer with this activation. */
    void activate(Activation g) {
        activation = g;
    }

    /** The layer. */
    Dense layer() {
        return new Dense(out, activation).useBias(bias != null);
    }

    /** Its weights, in Dense's order. */
    List<Matrix> weights() {
        return bias == null ? List.of(Matrix.wrap(in, out, kernel))
                : List.of(Matrix.wrap(in, out, kernel), Matrix.wrap(1, out, bias));
    }
}
