package org.vecnn.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vecnn.matrix.parallel.Parallelism;

/**
 * vecnn against a contender in one JVM, switching between the two before every iteration, warm-up included:
 * measured iteration i runs vecnn on one thread where i is even and the contender where it is odd (the
 * warm-up count is even). Each pair of neighbouring iterations compares the two on the same machine state,
 * which a shared, noisy machine does not keep from one fork to the next; {@link PairsTable} prints the
 * median ratio. {@code versus=openblas}: OpenBLAS on one thread; {@code versus=two-threads}: vecnn on two.
 * The primary score, a mix of both, means nothing on its own.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 400, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 20, time = 400, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Dvecnn.threads=2", "-Xms2g", "-Xmx2g"})
public class SgemmPairsBenchmark {

    /** The contender that two threads of vecnn are. */
    static final String TWO_THREADS = "two-threads";

    @Param({"256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048",
            "32x784x256", "128x784x256", "256x784x256", "256x256x10", "784x128x256:TN", "128x256x784:NT",
            "1x784x256"})
    public String shape;

    @Param({"openblas", TWO_THREADS})
    public String versus;

    private SgemmLibrary vecnn;
    private SgemmLibrary contender;
    private SgemmLibrary current;
    private int iteration;

    @Setup(Level.Trial)
    public void setUp() {
        GemmShape parsed = GemmShape.parse(shape);
        vecnn = SgemmLibrary.create("vecnn", parsed, 1);
        contender = versus.equals(TWO_THREADS) ? SgemmLibrary.create("vecnn", parsed, 2)
                : SgemmLibrary.create(versus, parsed, 1);
    }

    /** vecnn on one thread, then the contender, one iteration each. */
    @Setup(Level.Iteration)
    public void next() {
        boolean contenderTurn = iteration++ % 2 == 1;
        Parallelism.setThreads(contenderTurn && versus.equals(TWO_THREADS) ? 2 : 1);
        current = contenderTurn ? contender : vecnn;
    }

    @Benchmark
    public void sgemm() {
        current.multiply();
    }
}
