package org.vecnn.bench;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Sequential;
import org.vecnn.train.FitOptions;
import org.vecnn.train.Trainer;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/**
 * The training benchmarks' workload: the MNIST-sized MLP 784→256→128→10 (relu, relu, softmax) with sparse
 * categorical cross-entropy and SGD, batches of 128, one fit of {@value #EPOCHS} epochs over {@value #SAMPLES}
 * samples per call (so a fit's one-off costs, checking the data and copying the weights in, weigh on a
 * call about as they do on a real run of several epochs).
 */
@State(Scope.Thread)
public class MlpTraining {

    static final int SAMPLES = 1280;
    static final int EPOCHS = 5;
    /** Samples trained per call, for {@code @OperationsPerInvocation}. */
    static final int SAMPLES_PER_CALL = SAMPLES * EPOCHS;

    private Trainer trainer;
    private Matrix x;
    private Matrix y;
    private final FitOptions options = FitOptions.defaults().withEpochs(EPOCHS).withBatchSize(128).withVerbose(0);

    @Setup
    public void setUp() {
        Sequential model = new Sequential(new Dense(256, "relu"), new Dense(128, "relu"), new Dense(10, "softmax"))
                .build(784, 1);
        trainer = new Trainer(model, Loss.SPARSE_CATEGORICAL_CROSSENTROPY, Optimizer.sgd(0.01, 0, false));
        x = Matrix.random(SAMPLES, 784, 2);
        y = Matrix.zeros(SAMPLES, 1);
        for (int i = 0; i < SAMPLES; i++) {
            y.set(i, 0, i % 10);
        }
    }

    /** One fit of the epochs; returns its history, so that JMH keeps it. */
    Object fit() {
        return trainer.fit(x, y, options);
    }
}
