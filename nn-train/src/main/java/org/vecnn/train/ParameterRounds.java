package org.vecnn.train;

import java.util.function.IntConsumer;
import org.vecnn.nn.engine.Layers;
import org.vecnn.train.engine.BandedSteps;
import org.vecnn.train.optim.Optimizer;

/**
 * A step's last rounds, once backward has run over every row: the parameter gradients, part by part (the
 * split first layer's feature parts, then the bands of the other layers), and their optimiser updates.
 * Each layer's whole-batch views are pointed before a round starts, so the parts only read them.
 */
final class ParameterRounds {

    private final StepPlan plan;
    private final StepBuffers buffers;
    /** The parts the split first layer has in this step (0 when it is not split). */
    int splitParts;
    /** The optimiser that updates each part once its gradients are ready; null when only gradients are wanted. */
    Optimizer updating;
    /** Part q of the gradient round. */
    final IntConsumer gradients = this::gradients;
    /** Part q of the update round (when clipping needs whole gradients first). */
    final IntConsumer updates = this::updates;

    ParameterRounds(StepPlan plan, StepBuffers buffers) {
        this.plan = plan;
        this.buffers = buffers;
    }

    /** The parts of a round. */
    int count() {
        return splitParts + plan.bands.count();
    }

    private void gradients(int q) {
        if (q < splitParts) {
            int i = plan.split.layer();
            plan.split.gradients(q, splitParts, buffers.batchRows[i], buffers.parameters[i], buffers.gradients[i]);
        } else {
            int b = q - splitParts;
            int i = plan.bands.layer(b);
            Layers.gradients(plan.layers.get(i), buffers.batchRows[i], buffers.parameters[i], buffers.gradients[i],
                    plan.bands.from(b), plan.bands.to(b));
        }
        if (updating != null) {
            updates(q);
        }
    }

    private void updates(int q) {
        if (q < splitParts) {
            int i = plan.split.layer();
            int units = plan.split.units();
            BandedSteps.update(updating, buffers.firstParameter[i], plan.split.partStart(q, splitParts) * units,
                    plan.split.partStart(q + 1, splitParts) * units);
            if (q == 0 && buffers.gradients[i].size() > 1) {
                BandedSteps.update(updating, buffers.firstParameter[i] + 1, 0, units);
            }
        } else {
            int b = q - splitParts;
            int i = plan.bands.layer(b);
            plan.bands.update(b, buffers.gradients[i], buffers.firstParameter[i], updating);
        }
    }
}
