package org.vecnn.train.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Sequential;
import org.vecnn.train.Callback;
import org.vecnn.train.FitOptions;
import org.vecnn.train.History;
import org.vecnn.train.Trainer;
import org.vecnn.train.TrainingControl;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/** The callbacks inside real fits: when they stop, what they save, what they change. */
class CallbackTest {

    private static final FitOptions QUIET = FitOptions.defaults().withVerbose(0).withBatchSize(10);

    @TempDir
    Path dir;

    private static Matrix x() {
        return Matrix.random(50, 3, 1);
    }

    private static Matrix y() {
        Matrix y = Matrix.zeros(50, 1);
        for (int i = 0; i < 50; i++) {
            y.set(i, 0, x().get(i, 0) - x().get(i, 1));
        }
        return y;
    }

    /** Records the model's published weights after every epoch. */
    private static final class WeightsByEpoch implements Callback {
        private final Sequential model;
        private final List<List<Matrix>> weights = new ArrayList<>();
        private int batches;
        private boolean began;
        private boolean ended;

        WeightsByEpoch(Sequential model) {
            this.model = model;
        }

        @Override
        public void onTrainBegin(TrainingControl control) {
            began = true;
        }

        @Override
        public void onBatchEnd(int epoch, int batch, double loss, TrainingControl control) {
            batches++;
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingControl control) {
            weights.add(model.getWeights());
        }

        @Override
        public void onTrainEnd(History history, TrainingControl control) {
            ended = true;
        }
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresTheBestWeights() {
        Sequential model = new Sequential(new Dense(4, "tanh"), new Dense(1));
        WeightsByEpoch record = new WeightsByEpoch(model);
        // A tiny learning rate: val_loss creeps down by far less than min_delta, so epoch 1 stays the best.
        EarlyStopping stopping = new EarlyStopping("val_loss", 2, 0.5, true);
        History history = new Trainer(model, Loss.MEAN_SQUARED_ERROR, Optimizer.sgd(1e-4, 0, false))
                .fit(x(), y(), QUIET.withEpochs(50).withValidationSplit(0.2).withCallbacks(record, stopping));
        assertEquals(3, stopping.stoppedEpoch());
        assertEquals(3, history.epochs());
        assertEquals(record.weights.get(0), model.getWeights(), "the best epoch's weights are back");
        assertTrue(record.began && record.ended);
        assertEquals(3 * 4, record.batches);
    }

    @Test
    void terminateOnNaNStopsAtTheBadBatchAndKeepsTheLastFiniteEpoch() {
        Sequential model = new Sequential(new Dense(4, "relu"), new Dense(1)).build(3, 1);
        List<Matrix> initial = model.getWeights();
        TerminateOnNaN terminate = new TerminateOnNaN();
        Matrix huge = Matrix.zeros(50, 1);
        for (int i = 0; i < 50; i++) {
            huge.set(i, 0, 1e18f);
        }
        new Trainer(model, Loss.MEAN_SQUARED_ERROR, Optimizer.sgd(1e3, 0, false))
                .fit(x(), huge, QUIET.withEpochs(5).withCallbacks(terminate));
        assertTrue(terminate.terminated());
        assertEquals(1, terminate.epoch());
        assertTrue(terminate.batch() >= 1);
        assertEquals(initial, model.getWeights(), "no epoch ended finite, so the model keeps its first weights");
    }

    @Test
    void modelCheckpointSavesTheBestEpochs() throws IOException {
        Sequential model = new Sequential(new Dense(4, "tanh"), new Dense(1));
        Path best = dir.resolve("best.vnn");
        Path each = dir.resolve("epoch-{epoch}.vnn");
        Sequential built = model.build(3, 2);
        new Trainer(built, Loss.MEAN_SQUARED_ERROR, Optimizer.adam(0.01)).fit(x(), y(), QUIET.withEpochs(3)
                .withCallbacks(new ModelCheckpoint(built, best, "loss", true),
                        new ModelCheckpoint(built, each, "loss", false)));
        assertEquals(built.getWeights(), Sequential.load(best).getWeights(), "loss fell every epoch: the last is best");
        for (int epoch = 1; epoch <= 3; epoch++) {
            assertTrue(Files.exists(dir.resolve("epoch-" + epoch + ".vnn")));
        }
    }

    @Test
    void reduceLROnPlateauCutsTheRateWhenNothingImproves() {
        Optimizer sgd = Optimizer.sgd(0.08, 0, false);
        new Trainer(new Sequential(new Dense(1)), Loss.MEAN_SQUARED_ERROR, sgd).fit(x(), y(), QUIET.withEpochs(4)
                .withCallbacks(new ReduceLROnPlateau("loss", 0.5, 1, 1e9, 0, 0)));
        assertEquals(0.01, sgd.learningRate(), 1e-12);
    }
}
