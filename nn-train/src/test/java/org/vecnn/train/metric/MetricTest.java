package org.vecnn.train.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vecnn.train.loss.Loss;

/** Each metric on batches whose answer is known, accumulated over two updates and reset. */
class MetricTest {

    @Test
    void accuracyFollowsTheLoss() {
        Metric binary = Metric.of("accuracy", Loss.BINARY_CROSSENTROPY);
        binary.update(2, 2, new float[] {0.9f, 0.2f, 0.4f, 0.7f}, new float[] {1, 0, 1, 1}, 2);
        binary.update(1, 2, new float[] {0.1f, 0.1f}, new float[] {0, 1}, 2);
        assertEquals((1 + 0.5 + 0.5) / 3, binary.result(), 1e-12);
        Metric categorical = Metric.of("accuracy", Loss.CATEGORICAL_CROSSENTROPY);
        categorical.update(2, 3, new float[] {0.1f, 0.7f, 0.2f, 0.5f, 0.3f, 0.2f}, new float[] {0, 1, 0, 0, 0, 1}, 3);
        assertEquals(0.5, categorical.result());
        Metric sparse = Metric.of("acc", Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        sparse.update(2, 3, new float[] {0.1f, 0.7f, 0.2f, 0.5f, 0.3f, 0.2f}, new float[] {1, 0}, 1);
        assertEquals(1.0, sparse.result());
        sparse.reset();
        assertEquals(0.0, sparse.result());
    }

    @Test
    void precisionAndRecallCountTheConfusionMatrix() {
        float[] predictions = {0.9f, 0.8f, 0.3f, 0.6f, 0.1f};
        float[] labels = {1, 0, 1, 1, 0};
        Metric precision = Metric.of("precision", Loss.BINARY_CROSSENTROPY);
        Metric recall = Metric.of("recall", Loss.BINARY_CROSSENTROPY);
        precision.update(5, 1, predictions, labels, 1);
        recall.update(5, 1, predictions, labels, 1);
        assertEquals(2.0 / 3, precision.result(), 1e-12);
        assertEquals(2.0 / 3, recall.result(), 1e-12);
    }

    @Test
    void aucIsOneForAPerfectRankingHalfForNoneAndZeroInverted() {
        Metric auc = Metric.of("auc", Loss.BINARY_CROSSENTROPY);
        auc.update(4, 1, new float[] {0.1f, 0.35f, 0.65f, 0.9f}, new float[] {0, 0, 1, 1}, 1);
        assertEquals(1.0, auc.result(), 1e-12);
        auc.reset();
        auc.update(4, 1, new float[] {0.5f, 0.5f, 0.5f, 0.5f}, new float[] {0, 1, 0, 1}, 1);
        assertEquals(0.5, auc.result(), 1e-12);
        auc.reset();
        auc.update(4, 1, new float[] {0.9f, 0.65f, 0.35f, 0.1f}, new float[] {0, 0, 1, 1}, 1);
        assertEquals(0.0, auc.result(), 1e-12);
    }

    @Test
    void meanErrors() {
        Metric mse = Metric.of("mse", Loss.MEAN_SQUARED_ERROR);
        Metric mae = Metric.of("mae", Loss.MEAN_SQUARED_ERROR);
        mse.update(2, 1, new float[] {1, 3}, new float[] {0, 1}, 1);
        mae.update(2, 1, new float[] {1, 3}, new float[] {0, 1}, 1);
        assertEquals(2.5, mse.result());
        assertEquals(1.5, mae.result());
        assertEquals("unknown metric 'f1'; known: accuracy, acc, precision, recall, auc, mse, mean_squared_error, mae,"
                + " mean_absolute_error", assertThrows(IllegalArgumentException.class,
                        () -> Metric.of("f1", Loss.MEAN_SQUARED_ERROR)).getMessage());
    }
}
