package org.vecnn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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

    /**
     * The model name from /proc/cpuinfo with its family and model numbers (a virtual machine may name only the
     * vendor, "AMD EPYC", for several generations), else the architecture and core count.
     */
    static String cpuModel() {
        String cores = Runtime.getRuntime().availableProcessors() + " cores";
        String fallback = System.getProperty("os.arch") + ", " + cores;
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            Optional<String> name = field(lines, "model name");
            Optional<String> family = field(lines, "cpu family");
            Optional<String> model = field(lines, "model");
            if (name.isEmpty()) {
                return fallback;
            }
            String generation = family.isPresent() && model.isPresent()
                    ? " (family " + family.get() + ", model " + model.get() + ")" : "";
            return name.get() + generation + ", " + cores;
        } catch (IOException | SecurityException e) {
            return fallback;
        }
    }

    /** The first value of a {@code key : value} line of /proc/cpuinfo whose key is exactly this one. */
    private static Optional<String> field(List<String> lines, String key) {
        return lines.stream()
                .filter(line -> line.indexOf(':') > 0 && line.substring(0, line.indexOf(':')).strip().equals(key))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst();
    }
}
