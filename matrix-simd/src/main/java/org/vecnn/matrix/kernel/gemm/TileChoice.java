package org.vecnn.matrix.kernel.gemm;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the micro-kernel for the vector register file, once per JVM: the 8 x 2 tile where there are 32
 * vector registers (x86 with AVX-512, aarch64), the 5 x 2 tile where there are 16 (x86 with AVX or AVX2,
 * including an AVX-512 CPU whose JIT is held to {@code -XX:UseAVX=2}, and any other architecture).
 *
 * <p>{@code -Dvecnn.gemm.tile=auto|8x2|5x2} overrides the choice, for experiments and for the tests that
 * force every tile through the GEMM suite on any host. Every tile gives the same bits: each element of C
 * is one FMA chain over k whatever the tile.
 */
public final class TileChoice {

    /** The system property that forces a tile. */
    public static final String PROPERTY = "vecnn.gemm.tile";

    private TileChoice() {
    }

    /** The kernel this JVM uses. */
    static MicroKernel chosen() {
        return select(System.getProperty(PROPERTY, "auto"), vectorRegisters());
    }

    /**
     * The kernel for a {@code vecnn.gemm.tile} value on a machine with this many vector registers.
     *
     * @throws IllegalArgumentException for a value other than auto, 8x2 or 5x2
     */
    static MicroKernel select(String tile, int registers) {
        return switch (tile.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> registers >= 32 ? new Tile8x2() : new Tile5x2();
            case "8x2" -> new Tile8x2();
            case "5x2" -> new Tile5x2();
            default -> throw new IllegalArgumentException(
                    "unknown " + PROPERTY + " value '" + tile + "'; expected auto, 8x2 or 5x2");
        };
    }

    /**
     * The vector registers the JIT allocates from: 32 on aarch64 and on x86 with AVX-512 enabled
     * ({@code UseAVX} 3, whatever {@code MaxVectorSize}), else 16. Without the management module, the
     * preferred species stands in: 512 bits means AVX-512.
     */
    static int vectorRegisters() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (arch.equals("aarch64") || arch.equals("arm64")) {
            return 32;
        }
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return 16;
        }
        return useAvx().map(level -> level >= 3 ? 32 : 16).orElse(MicroKernel.SPECIES.vectorBitSize() >= 512 ? 32 : 16);
    }

    /**
     * One line for the kernel log: ISA class, tile and register count, for example
     * {@code GEMM tile 8x2 (8 x 32 floats), x86 AVX-512, 32 vector registers}.
     */
    public static String describe() {
        MicroKernel kernel = MicroKernel.CHOSEN;
        return "GEMM tile " + kernel + " (" + MicroKernel.MR + " x " + MicroKernel.NR + " floats), " + isa() + ", "
                + vectorRegisters() + " vector registers";
    }

    /** The instruction-set class the JIT targets: x86 AVX-512, x86 AVX2, aarch64, or the architecture's name. */
    public static String isa() {
        String arch = System.getProperty("os.arch", "");
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            return useAvx().map(level -> switch (level) {
                case 0 -> "x86 SSE";
                case 1 -> "x86 AVX";
                case 2 -> "x86 AVX2";
                default -> "x86 AVX-512";
            }).orElse("x86");
        }
        return arch;
    }

    /** HotSpot's {@code UseAVX} level, where the management module can tell. */
    private static Optional<Integer> useAvx() {
        try {
            return Optional.of(Integer.parseInt(ManagementFactory.getPlatformMXBean(
                    com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("UseAVX").getValue()));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }
}
