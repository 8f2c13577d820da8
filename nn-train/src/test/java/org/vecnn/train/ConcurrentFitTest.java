package org.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Sequential;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/**
 * The rule for fitting a model that other threads predict with: they see the weights of the last finished
 * epoch, never a mix. Every prediction made during the fit must equal what one of the published epochs'
 * weights (or the initial ones) give.
 */
class ConcurrentFitTest {

    @Test
    void predictionsDuringFitUseOneEpochsWeightsWhole() throws Exception {
        Sequential model = new Sequential(new Dense(32, "relu"), new Dense(16, "tanh"), new Dense(2, "softmax"))
                .build(8, 1);
        Matrix probe = Matrix.random(5, 8, 2);
        List<List<Matrix>> published = Collections.synchronizedList(new ArrayList<>());
        published.add(model.getWeights());
        Callback recorder = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingControl control) {
                published.add(model.getWeights());
            }
        };
        Matrix x = Matrix.random(400, 8, 3);
        Matrix y = Matrix.zeros(400, 1);
        for (int i = 0; i < 400; i++) {
            y.set(i, 0, i % 2);
        }
        AtomicBoolean training = new AtomicBoolean(true);
        List<Matrix> seen = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                readers.add(pool.submit(() -> {
                    while (training.get()) {
                        seen.add(model.predict(probe));
                    }
                }));
            }
            new Trainer(model, Loss.SPARSE_CATEGORICAL_CROSSENTROPY, Optimizer.adam(0.01))
                    .fit(x, y, FitOptions.defaults().withVerbose(0).withEpochs(20).withBatchSize(16)
                            .withCallbacks(recorder));
            training.set(false);
            for (Future<?> reader : readers) {
                reader.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Matrix> allowed = new ArrayList<>();
        Sequential replay = new Sequential(new Dense(32, "relu"), new Dense(16, "tanh"), new Dense(2, "softmax"))
                .build(8, 1);
        for (List<Matrix> weights : published) {
            replay.setWeights(weights);
            allowed.add(replay.predict(probe));
        }
        assertTrue(seen.size() > 20, "readers made " + seen.size() + " predictions");
        for (Matrix prediction : seen) {
            assertTrue(allowed.contains(prediction), "a prediction during fit matched no published epoch");
        }
        assertEquals(21, published.size());
    }
}
