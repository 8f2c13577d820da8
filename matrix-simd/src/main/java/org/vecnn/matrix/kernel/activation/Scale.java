package org.vecnn.matrix.kernel.activation;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** {@code x[i] *= factor} in vectors, the tail one value at a time: a last pass of a scaled activation. */
final class Scale {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private Scale() {
    }

    /** Multiplies n values from offset by factor, in place. */
    static void times(int n, float factor, float[] x, int offset) {
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, x, offset + i).mul(factor).intoArray(x, offset + i);
        }
        for (int i = bound; i < n; i++) {
            x[offset + i] *= factor;
        }
    }
}
