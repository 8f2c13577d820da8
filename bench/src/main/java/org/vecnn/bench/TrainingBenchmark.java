package org.vecnn.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Training throughput, one thread, in samples per second: {@link MlpTraining}'s MLP (PyTorch 1.13 trains it
 * at about 42,000 samples/s on this machine, DESIGN.md section 8).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(MlpTraining.SAMPLES_PER_CALL)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvecnn.kernels=vector",
        "-Dvecnn.threads=1"})
public class TrainingBenchmark {

    @Benchmark
    public Object epochs(MlpTraining training) {
        return training.fit();
    }
}
