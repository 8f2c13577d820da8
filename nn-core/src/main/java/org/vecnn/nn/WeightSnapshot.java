package org.vecnn.nn;

import java.util.ArrayList;
import java.util.List;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.kernel.Kernels;

/**
 * A model's weights as one immutable snapshot, each layer's {@link Parameters}: a prediction reads the
 * snapshot once, and changing weights publishes a new one in one atomic step, so readers never wait and
 * never see a mix; writers take turns.
 */
final class WeightSnapshot {

    private static final Kernels KERNELS = LayerRegistry.KERNELS;

    private volatile Parameters[] current;

    /** The published parameters, layer by layer: read them, never write them. */
    Parameters[] current() {
        return current;
    }

    /** Publishes these parameters as they are. */
    synchronized void set(Parameters[] parameters) {
        current = parameters;
    }

    /** Publishes a snapshot in which layer {@code index} has these parameters. */
    synchronized void replace(int index, Parameters parameters) {
        Parameters[] next = current.clone();
        next[index] = parameters;
        current = next;
    }

    /** A deep copy of the current parameters. */
    Parameters[] copy() {
        Parameters[] snapshot = current;
        Parameters[] copy = new Parameters[snapshot.length];
        for (int i = 0; i < snapshot.length; i++) {
            copy[i] = snapshot[i].copy();
        }
        return copy;
    }

    /**
     * Publishes a deep copy of parameters laid out as the current ones, each finite and accepted by its
     * layer's {@link Layer#prepare}, which also recomputes the derived arrays.
     *
     * @throws IllegalArgumentException naming the layer and the value, with nothing published
     */
    void publish(Layer[] layers, Parameters[] parameters) {
        Parameters[] snapshot = current;
        if (parameters.length != snapshot.length) {
            throw new IllegalArgumentException("parameters for " + parameters.length + " layers; the model has "
                    + snapshot.length);
        }
        Parameters[] next = new Parameters[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            if (!parameters[i].sameLayout(snapshot[i])) {
                throw new IllegalArgumentException("layer '" + layers[i].name() + "' has other parameters");
            }
            next[i] = parameters[i].copy();
            for (int a = 0; a < next[i].size(); a++) {
                float[] array = next[i].array(a);
                int bad = KERNELS.firstNonFinite(array.length, array, 0);
                if (bad >= 0) {
                    throw new IllegalArgumentException("layer '" + layers[i].name() + "': " + next[i].name(a) + "["
                            + bad + "] is " + array[bad]);
                }
            }
            layers[i].prepare(next[i]);
        }
        set(next);
    }

    /** Copies of every layer's weights, in layer order, as {@link Sequential#getWeights()} gives them. */
    static List<Matrix> weightsOf(Layer[] layers) {
        List<Matrix> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.weights());
        }
        return all;
    }

    /**
     * Publishes weights given in {@link #weightsOf} order, each layer's checked by the layer, all or nothing.
     *
     * @throws IllegalArgumentException for a wrong count, or a weight its layer rejects (named)
     */
    void setWeights(String model, Layer[] layers, List<Matrix> all) {
        int expected = 0;
        for (Layer layer : layers) {
            expected += layer.weightCount();
        }
        if (all.size() != expected) {
            throw new IllegalArgumentException("model '" + model + "' has " + expected + " weights, got " + all.size());
        }
        Parameters[] next = new Parameters[layers.length];
        int from = 0;
        for (int i = 0; i < layers.length; i++) {
            int count = layers[i].weightCount();
            next[i] = layers[i].withWeights(all.subList(from, from + count));
            from += count;
        }
        set(next);
    }
}
