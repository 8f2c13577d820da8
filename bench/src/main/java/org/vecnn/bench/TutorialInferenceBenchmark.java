package org.vecnn.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Sequential;

/**
 * One sample through the tutorial network 2→25→15→1 (sigmoid throughout): vecnn's
 * {@code predict(float[], float[])} against a plain Java loop over the same weights, in the same run. The
 * average-time mode gives the mean (and, with {@code -prof gc}, bytes per call); the sample-time mode gives
 * p50 and p99 latency.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvecnn.kernels=vector"})
public class TutorialInferenceBenchmark {

    @Param({"vecnn", "loop"})
    public String implementation;

    private Sequential model;
    private PlainLoopNetwork loop;
    private final float[] input = {0.42f, -1.3f};
    private final float[] output = new float[1];

    @Setup
    public void setUp() {
        model = new Sequential(new Dense(25, "sigmoid"), new Dense(15, "sigmoid"), new Dense(1, "sigmoid")).build(2, 7);
        loop = new PlainLoopNetwork(model);
    }

    @Benchmark
    public float predict() {
        if (implementation.equals("vecnn")) {
            model.predict(input, output);
        } else {
            loop.predict(input, output);
        }
        return output[0];
    }
}
