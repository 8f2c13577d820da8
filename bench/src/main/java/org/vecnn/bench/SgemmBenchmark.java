package org.vecnn.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Single-threaded sgemm, every library on every shape (GFLOP/s = ops/s · 2MKN / 1e9; {@link BenchMain}
 * prints them): square sizes, the MLP 784→256→128→10 forward shapes, its backpropagation products
 * (TN: Xᵀ·dZ, NT: dZ·Wᵀ) and the batch-1 GEMV.
 */
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Dvecnn.threads=1", "-Xms2g", "-Xmx2g"})
public class SgemmBenchmark extends SgemmRun {

    @Param({"256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048",
            "32x784x256", "128x784x256", "256x784x256", "256x256x10", "784x128x256:TN", "128x256x784:NT",
            "1x784x256"})
    public String shape;

    @Param({"vecnn", "openblas", "vecnn-scalar", "naive", "ejml", "ojalgo"})
    public String library;

    @Setup
    public void setUp() {
        prepare(library, shape, 1);
    }
}
