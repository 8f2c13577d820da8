package org.vecnn.nn;

import java.util.random.RandomGenerator;

/** Runs a layer's training calls on whole-batch arrays, as the trainer does, for the gradient tests. */
final class Passes {

    private Passes() {
    }

    /** Views of rows [from, to) of these whole-batch arrays (gradIn may be null). */
    static BatchRows rows(Layer layer, float[] in, float[] out, float[] gradOut, float[] gradIn, float[] cache,
                          int from, int to, RandomGenerator random, boolean preActivation) {
        BatchRows rows = new BatchRows();
        rows.point(layer, in, out, gradOut, gradIn, cache, from, to);
        rows.mode(random, true, preActivation);
        return rows;
    }
}
