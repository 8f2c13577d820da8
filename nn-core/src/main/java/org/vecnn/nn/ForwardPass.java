package org.vecnn.nn;

import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.ShapeException;
import org.vecnn.matrix.kernel.Kernels;

/**
 * A built model's inference: rows through every layer with one snapshot of the weights, ping-ponging
 * between two scratch buffers of the calling thread (grown once to the widest hidden layer times the rows
 * in flight), so that a prediction allocates nothing after a thread's first and many threads share the
 * model without locks.
 */
final class ForwardPass {

    private static final Kernels KERNELS = LayerRegistry.KERNELS;

    private final String name;
    private final Layer[] layers;
    /** Each layer's input width, then the last one's output width: read once, not asked of the layers per call. */
    private final int[] widths;
    private final int widestHidden;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /** The pass of the model {@code name} (for errors) over these built layers. */
    ForwardPass(String name, Layer[] layers, int widestHidden) {
        this.name = name;
        this.layers = layers;
        this.widths = new int[layers.length + 1];
        for (int i = 0; i < layers.length; i++) {
            widths[i] = layers[i].inputWidth();
        }
        widths[layers.length] = layers[layers.length - 1].outputWidth();
        this.widestHidden = widestHidden;
    }

    /** {@link Sequential#predict(Matrix, Matrix)} of a built model with these weights. */
    void predict(WeightSnapshot weights, Matrix x, Matrix out) {
        int inputWidth = widths[0];
        int outputs = widths[layers.length];
        if (x.rows() == 0) {
            throw new IllegalArgumentException("empty batch: x has no rows");
        }
        if (x.cols() != inputWidth) {
            throw new ShapeException("x has " + x.cols() + " columns; model '" + name + "' takes " + inputWidth
                    + " inputs per sample");
        }
        if (out.rows() != x.rows() || out.cols() != outputs) {
            throw new ShapeException("out is " + out.shape() + "; predicting " + x.shape() + " needs "
                    + ShapeException.shape(x.rows(), outputs));
        }
        if (x.data() == out.data()) {
            throw new IllegalArgumentException("x and out must be different matrices");
        }
        int bad = KERNELS.firstNonFinite(x.data().length, x.data(), 0);
        if (bad >= 0) {
            throw new IllegalArgumentException("x[" + bad / inputWidth + "][" + bad % inputWidth + "] is "
                    + x.data()[bad] + "; inputs must be finite");
        }
        Parameters[] snapshot = weights.current();
        Scratch buffers = scratch.get();
        buffers.ensure(Math.min(x.rows(), Sequential.BLOCK_ROWS) * widestHidden, 0);
        for (int row = 0; row < x.rows(); row += Sequential.BLOCK_ROWS) {
            int rows = Math.min(Sequential.BLOCK_ROWS, x.rows() - row);
            run(buffers, snapshot, rows, x.data(), row * inputWidth, out.data(), row * outputs);
        }
        requireFiniteOutputs(out.data(), outputs, x.data(), inputWidth);
    }

    /** {@link Sequential#predict(float[], float[])} of a built model with these weights. */
    void predict(WeightSnapshot weights, float[] input, float[] output) {
        int inputWidth = widths[0];
        int outputs = widths[layers.length];
        if (input.length != inputWidth || output.length != outputs) {
            throw new ShapeException("input has " + input.length + " values and output " + output.length
                    + "; model '" + name + "' takes " + inputWidth + " and gives " + outputs);
        }
        if (input == output) {
            throw new IllegalArgumentException("input and output must be different arrays");
        }
        int bad = KERNELS.firstNonFinite(input.length, input, 0);
        if (bad >= 0) {
            throw new IllegalArgumentException("input[" + bad + "] is " + input[bad] + "; inputs must be finite");
        }
        // Through the thread's padded buffer, so that no kernel's last vector runs past an array's end (the
        // JDK first checks such a masked vector's lanes against the array, which costs more than this copy).
        Scratch buffers = scratch.get();
        buffers.ensure(widestHidden, outputs);
        run(buffers, weights.current(), 1, input, 0, buffers.output, 0);
        System.arraycopy(buffers.output, 0, output, 0, outputs);
        requireFiniteOutputs(output, output.length, input, input.length);
    }

    /**
     * {@code rows} samples from {@code in} to {@code out} with these parameters, layer by layer, through
     * buffers that hold {@code rows} rows.
     */
    private void run(Scratch buffers, Parameters[] snapshot, int rows, float[] in, int inOffset, float[] out,
                     int outOffset) {
        // One layer's output view is the next one's input view: each step points only the spare view anew.
        Batch source = buffers.first.set(in, inOffset, widths[0], 0, rows);
        Batch spare = buffers.second;
        int last = layers.length - 1;
        for (int i = 0; i <= last; i++) {
            float[] target = i == last ? out : (i & 1) == 0 ? buffers.even : buffers.odd;
            Batch result = spare.set(target, i == last ? outOffset : 0, widths[i + 1], 0, rows);
            layers[i].forward(source, result, snapshot[i]);
            spare = source;
            source = result;
        }
    }


    /**
     * Throws {@link NonFiniteOutputException} for the first NaN or infinite output, naming its row, column
     * and the largest input of that row.
     */
    static void requireFiniteOutputs(float[] outputs, int width, float[] inputs, int inputWidth) {
        int bad = KERNELS.firstNonFinite(outputs.length, outputs, 0);
        if (bad >= 0) {
            int row = bad / width;
            float largest = 0;
            for (int i = row * inputWidth; i < (row + 1) * inputWidth; i++) {
                largest = Math.max(largest, Math.abs(inputs[i]));
            }
            throw new NonFiniteOutputException(row, bad % width, outputs[bad], largest);
        }
    }

    /**
     * A thread's two activation buffers, a single sample's output, and the views the layers are called with;
     * each buffer has a vector's room beyond what it holds.
     */
    private static final class Scratch {
        /** Floats beyond a buffer's contents: a whole vector of the widest species (2048-bit SVE's 64). */
        private static final int PADDING = 64;

        private final Batch first = new Batch();
        private final Batch second = new Batch();
        private float[] even = new float[0];
        private float[] odd = new float[0];
        private float[] output = new float[0];

        void ensure(int size, int outputs) {
            if (even.length < size + PADDING) {
                even = new float[size + PADDING];
                odd = new float[size + PADDING];
            }
            if (output.length < outputs + PADDING) {
                output = new float[outputs + PADDING];
            }
        }
    }
}
