package org.vecnn.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Every Keras file of the shared corpus (Keras 1.2.2 to 3.x, tf.keras, both containers): imported, its 32
 * input rows predicted in one batch, each output within the corpus's rule, {@code 1e-4 + 1e-4·|expected|}.
 */
class KerasFixturesTest {

    @Test
    void everyKerasFileImportsAndPredictsItsExpectedOutputs() throws IOException {
        assertEquals(Fixtures.cases("keras").size(), Fixtures.checkCorpus("keras"));
    }
}
