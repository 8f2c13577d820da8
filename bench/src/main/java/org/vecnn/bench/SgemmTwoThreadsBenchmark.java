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

/** sgemm with two threads (vecnn.threads=2, OpenBLAS with 2 threads), to compare with {@link SgemmBenchmark}. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Dvecnn.threads=2", "-Xms2g", "-Xmx2g"})
public class SgemmTwoThreadsBenchmark {

    @Param({"256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048", "32x784x256", "128x784x256",
            "256x784x256", "784x128x256:TN", "128x256x784:NT", "1x784x256"})
    public String shape;

    @Param({"vecnn", "openblas"})
    public String library;

    private SgemmLibrary sgemm;

    @Setup
    public void setUp() {
        sgemm = SgemmLibrary.create(library, GemmShape.parse(shape), 2);
    }

    @Benchmark
    public void sgemm() {
        sgemm.multiply();
    }
}
