package org.vecnn.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Sequential;
import org.vecnn.train.FitOptions;
import org.vecnn.train.Trainer;
import org.vecnn.train.loss.Loss;
import org.vecnn.train.optim.Optimizer;

/**
 * Training throughput, one thread: the MNIST-sized MLP 784→256→128→10 (relu, relu, softmax) with sparse
 * categorical cross-entropy and SGD, batches of 128, in samples per second (one epoch of 1,280 samples per
 * call; PyTorch 1.13 does about 42,000 samples/s on this machine, DESIGN.md section 8).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(TrainingBenchmark.SAMPLES)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvecnn.threads=1"})
public class TrainingBenchmark {

    static final int SAMPLES = 1280;

    private Trainer trainer;
    private Matrix x;
    private Matrix y;
    private final FitOptions options = FitOptions.defaults().withBatchSize(128).withVerbose(0);

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

    @Benchmark
    public Object epoch() {
        return trainer.fit(x, y, options);
    }
}
