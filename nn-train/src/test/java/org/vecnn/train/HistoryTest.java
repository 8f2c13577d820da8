package org.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** History's best epochs (lowest for losses, highest for accuracy-like quantities) and its text. */
class HistoryTest {

    @Test
    void theBestEpochAndTheTextSayWhatTheFitReached() {
        History history = new History();
        double[] loss = {0.9, 0.5, 0.4, 0.45};
        double[] valLoss = {1.0, 0.6, 0.62, 0.7};
        double[] accuracy = {0.5, 0.7, 0.8, 0.79};
        for (int e = 0; e < loss.length; e++) {
            history.add("loss", loss[e]);
            history.add("val_loss", valLoss[e]);
            history.add("accuracy", accuracy[e]);
        }
        assertEquals(3, history.bestEpoch("loss"));
        assertEquals(2, history.bestEpoch("val_loss"));
        assertEquals(3, history.bestEpoch("accuracy"));
        assertEquals(0, history.bestEpoch("auc"));
        assertTrue(History.higherIsBetter("val_accuracy"));
        assertFalse(History.higherIsBetter("mse"));
        assertEquals("History[4 epochs: loss 0.4500, val_loss 0.7000, accuracy 0.7900; best val_loss at epoch 2]",
                history.toString());
        assertEquals("History[0 epochs]", new History().toString());
    }
}
