package org.vecnn.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.vecnn.matrix.Matrix;

/** Random built models and inputs for the property tests: every layer type, activation and option. */
final class Networks {

    /** Widths that straddle the lane counts (4, 8, 16), the micro-tile (8 x 32) and primes. */
    static final int[] WIDTHS = {1, 2, 3, 4, 5, 7, 8, 9, 13, 15, 16, 17, 31, 32, 33, 64, 65, 97};

    /** Batch sizes around the micro-tile height and {@link Sequential#BLOCK_ROWS}. */
    static final int[] BATCHES = {1, 2, 3, 7, 8, 9, 31, 255, 256, 257, 300};

    static final Activation[] ACTIVATIONS = {Activation.LINEAR, Activation.RELU, Activation.SIGMOID, Activation.TANH,
            Activation.SOFTMAX, Activation.LEAKY_RELU, Activation.elu(0.7f), Activation.GELU, Activation.SWISH,
            Activation.SOFTPLUS};

    private Networks() {
    }

    /** A random architecture of one to four Dense layers, sometimes with Normalization and Dropout, built. */
    static Sequential random(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int inputWidth = pick(random, WIDTHS);
        List<Layer> layers = new ArrayList<>();
        if (random.nextBoolean()) {
            Normalization normalization = new Normalization();
            if (random.nextBoolean()) {
                normalization.adapt(Matrix.random(5, inputWidth, seed).add(Matrix.random(5, inputWidth, seed + 1)));
            }
            layers.add(normalization);
        }
        int depth = 1 + random.nextInt(4);
        for (int i = 0; i < depth; i++) {
            Dense dense = new Dense(pick(random, WIDTHS), ACTIVATIONS[random.nextInt(ACTIVATIONS.length)])
                    .useBias(random.nextInt(4) != 0)
                    .kernelInitializer(Initializer.values()[random.nextInt(6)]);
            if (random.nextBoolean()) {
                dense.biasInitializer(Initializer.GLOROT_UNIFORM);
            }
            layers.add(dense);
            if (random.nextInt(5) == 0) {
                layers.add(new Dropout(0.25f));
            }
        }
        return new Sequential("net" + seed, layers).build(inputWidth, seed);
    }

    /** rows x model-input values in [−2, 2). */
    static Matrix inputs(Sequential model, int rows, long seed) {
        Matrix x = Matrix.random(rows, model.inputWidth(), seed);
        for (int i = 0; i < x.data().length; i++) {
            x.data()[i] *= 2;
        }
        return x;
    }

    static int pick(SplittableRandom random, int[] values) {
        return values[random.nextInt(values.length)];
    }
}
