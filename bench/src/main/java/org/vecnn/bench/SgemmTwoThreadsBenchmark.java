package org.vecnn.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** sgemm with two threads (vecnn.threads=2, OpenBLAS with 2 threads), to compare with {@link SgemmBenchmark}. */
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Dvecnn.threads=2", "-Xms2g", "-Xmx2g"})
public class SgemmTwoThreadsBenchmark extends SgemmRun {

    @Param({"256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048", "32x784x256", "128x784x256",
            "256x784x256", "784x128x256:TN", "128x256x784:NT", "1x784x256"})
    public String shape;

    @Param({"vecnn", "openblas"})
    public String library;

    @Setup
    public void setUp() {
        prepare(library, shape, 2);
    }
}
