package org.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.metric.Metric;
import org.vecnn.train.optim.Optimizer;

/** Losses, optimisers and metrics are looked up by the shared registry: same normalisation, same errors. */
class RegistryNamesTest {

    @Test
    void namesAreNormalisedTheSameWayEverywhere() {
        assertSame(Loss.MEAN_SQUARED_ERROR, Loss.of(" MSE "));
        assertEquals("adam", Optimizer.of(" Adam").name());
        assertEquals("accuracy", Metric.of("ACC", Loss.BINARY_CROSSENTROPY).name());
        assertNotSame(Optimizer.of("adam"), Optimizer.of("adam"), "an optimiser has state: one per look-up");
        assertEquals("unknown optimizer 'lbfgs'; known: sgd, rmsprop, adagrad, adam, adamw",
                assertThrows(IllegalArgumentException.class, () -> Optimizer.of("lbfgs")).getMessage());
    }
}
