package org.vecnn.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vecnn.matrix.parallel.Parallelism;

/**
 * Two training threads against one, in the same JVM: {@link MlpTraining}'s MLP with the kernel threads
 * switched between 1 and 2 before every iteration (warm-up included, so measured iteration i runs on
 * {@code 1 + i % 2} threads while the warm-up count is even; {@code -p threads=1} is the control). The
 * ratio of each pair of neighbouring iterations compares the two on the same machine state;
 * {@link TrainingReport} prints their median. The primary score, a mix of both, means nothing on its own.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(MlpTraining.SAMPLES_PER_CALL)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 40, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvecnn.kernels=vector",
        "-Dvecnn.threads=2"})
public class TrainingScalingBenchmark {

    /**
     * Alternates the kernel threads between 1 and {@code threads}, from 1, one iteration each; with
     * {@code -p threads=1} every iteration runs on one thread, a control whose pairs should give 1.00x.
     */
    @State(Scope.Benchmark)
    public static class AlternatingThreads {
        @Param("2")
        public int threads;
        private int iteration;

        @Setup(Level.Iteration)
        public void next() {
            Parallelism.setThreads(iteration++ % 2 == 0 ? 1 : threads);
        }
    }

    @Benchmark
    public Object epochs(AlternatingThreads threads, MlpTraining training) {
        return training.fit();
    }
}
