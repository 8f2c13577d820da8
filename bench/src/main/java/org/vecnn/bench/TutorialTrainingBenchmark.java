package org.vecnn.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
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
 * The tutorial's training run: 2→25→15→1 (sigmoid), binary cross-entropy, Adam, 200 samples, batches of 32,
 * 100 epochs, in milliseconds per whole fit from fresh weights (PyTorch needs about 300 ms here).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvecnn.kernels=vector",
        "-Dvecnn.threads=1"})
public class TutorialTrainingBenchmark {

    private Matrix x;
    private Matrix y;
    private final FitOptions options = FitOptions.defaults().withEpochs(100).withBatchSize(32).withVerbose(0);

    @Setup
    public void setUp() {
        x = Matrix.random(200, 2, 3);
        y = Matrix.zeros(200, 1);
        for (int i = 0; i < 200; i++) {
            y.set(i, 0, x.get(i, 0) * x.get(i, 1) > 0 ? 1 : 0);
        }
    }

    @Benchmark
    public Object fit() {
        Sequential model = new Sequential(new Dense(25, "sigmoid"), new Dense(15, "sigmoid"), new Dense(1, "sigmoid"))
                .build(2, 1);
        return new Trainer(model, Loss.BINARY_CROSSENTROPY, Optimizer.adam()).fit(x, y, options);
    }
}
