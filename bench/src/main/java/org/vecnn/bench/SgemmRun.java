package org.vecnn.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the sgemm benchmarks share: the timed call (one library's multiply on one shape, as
 * multiplications per second) and the JMH settings. Subclasses choose the shapes, libraries and threads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class SgemmRun {

    private SgemmLibrary sgemm;

    /** Sets up a library for a shape; subclasses call it from their {@code @Setup}. */
    protected void prepare(String library, String shape, int threads) {
        sgemm = SgemmLibrary.create(library, GemmShape.parse(shape), threads);
    }

    @Benchmark
    public void sgemm() {
        sgemm.multiply();
    }
}
