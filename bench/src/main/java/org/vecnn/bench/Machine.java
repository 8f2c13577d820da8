package org.vecnn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vecnn.matrix.kernel.KernelProvider;

/** The first lines of every benchmark report: the CPU, vecnn's kernels and tile, and OpenBLAS's core. */
final class Machine {

    private Machine() {
    }

    /** CPU model, then the kernel line (ISA class, lanes, GEMM tile, registers), then OpenBLAS. */
    static String header() {
        return "CPU: " + cpuModel() + "\nvecnn: " + KernelProvider.description() + "\nOpenBLAS: "
                + OpenBlasSgemm.describe() + "\n\n";
    }

    /** The model name from /proc/cpuinfo, else the architecture and core count. */
    static String cpuModel() {
        String fallback = System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores";
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()
                            + ", " + Runtime.getRuntime().availableProcessors() + " cores")
                    .findFirst().orElse(fallback);
        } catch (IOException | SecurityException e) {
            return fallback;
        }
    }
}
