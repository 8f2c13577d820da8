package org.vecnn.train;

import java.util.ArrayList;
import java.util.List;
import org.vecnn.nn.Layer;
import org.vecnn.nn.Sequential;
import org.vecnn.nn.engine.Layers;
import org.vecnn.nn.engine.FeatureSplit;
import org.vecnn.train.loss.Loss;

/**
 * How a training step runs, computed once from the model's shapes: the stages of the forward pass (runs of
 * layers that work row by row, so the batch's row chunks go through them independently, and the layers
 * that need the whole batch at once), the first layer that trains, whether the loss fuses with the last
 * activation, and the split of a wide first Dense layer by input features. Nothing here depends on the
 * thread count.
 */
final class StepPlan {

    /**
     * Batch rows per chunk (at least; fewer than twice as many): a 128-row batch of the MNIST MLP runs as fast
     * per row in 16-row chunks as whole, and its eight chunks leave two threads less idle at the end.
     */
    static final int CHUNK_ROWS = 16;

    /** Layers [from, to) of the model; {@code whole}: one layer that sees every row of the batch at once. */
    record Stage(int from, int to, boolean whole) {
    }

    final List<Layer> layers;
    final List<Stage> stages;
    /** Whether the loss reads the last layer's pre-activations: it ends in the activation the loss fuses with. */
    final boolean fused;
    /** The first layer with trainable weights: no gradient flows below it. */
    final int firstTrainable;
    /** The first Dense layer split by input features, or null (then its gradients come in bands, as the others'). */
    final FeatureSplit split;
    final ParameterBands bands;

    StepPlan(Sequential model, Loss loss, int maxRows) {
        layers = model.layers();
        Layer last = layers.getLast();
        fused = loss.fusedActivation() != null && loss.fusedActivation().equals(Layers.outputActivation(last));
        int trainable = 0;
        while (trainable < layers.size() && layers.get(trainable).trainableParams() == 0) {
            trainable++;
        }
        firstTrainable = trainable;
        stages = stages(layers);
        split = stages.getFirst().whole() ? null : FeatureSplit.of(layers, maxRows);
        bands = new ParameterBands(layers, split == null ? -1 : split.layer());
    }

    private static List<Stage> stages(List<Layer> layers) {
        List<Stage> stages = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < layers.size(); i++) {
            if (Layers.mixesRows(layers.get(i))) {
                if (from < i) {
                    stages.add(new Stage(from, i, false));
                }
                stages.add(new Stage(i, i + 1, true));
                from = i + 1;
            }
        }
        if (from < layers.size()) {
            stages.add(new Stage(from, layers.size(), false));
        }
        return List.copyOf(stages);
    }

    /** How many chunks a batch of {@code rows} splits into. */
    static int chunks(int rows) {
        return Math.max(1, rows / CHUNK_ROWS);
    }

    /** The first row of chunk {@code c} of a batch of {@code rows}; {@code chunkStart(chunks, rows)} is rows. */
    static int chunkStart(int c, int rows) {
        return (int) ((long) rows * c / chunks(rows));
    }

    /** Whether stage {@code s} is the last. */
    boolean isLast(int s) {
        return s == stages.size() - 1;
    }
}
