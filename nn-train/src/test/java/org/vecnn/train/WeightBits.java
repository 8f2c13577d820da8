package org.vecnn.train;

import java.util.List;
import org.vecnn.matrix.Matrix;

/** A hash of every bit of a model's weights, for the tests that compare trainings bit for bit. */
final class WeightBits {

    private WeightBits() {
    }

    static long hash(List<Matrix> weights) {
        long hash = 17;
        for (Matrix weight : weights) {
            for (float value : weight.data()) {
                hash = hash * 31 + Float.floatToRawIntBits(value);
            }
        }
        return hash;
    }
}
