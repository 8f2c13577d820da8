package org.vecnn.matrix.kernel;

import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Optional;
import org.vecnn.matrix.kernel.gemm.TileChoice;

/**
 * Chooses the kernels once per JVM, Lucene-style: {@link VectorKernels} where the Vector API can run fast,
 * {@link ScalarKernels} otherwise, logging the choice in one line.
 *
 * <p>{@code -Dvecnn.kernels=auto|vector|scalar} forces a side (default {@code auto}); forcing
 * {@code vector} where it cannot run fails with the reason. The vector class is loaded reflectively, so a
 * JVM started without {@code --add-modules jdk.incubator.vector} runs the scalar kernels instead of failing.
 */
public final class KernelProvider {

    /** The system property that forces a side. */
    public static final String PROPERTY = "vecnn.kernels";

    private static final System.Logger LOG = System.getLogger("org.vecnn.matrix.kernel");
    private static final String VECTOR_CLASS = "org.vecnn.matrix.kernel.VectorKernels";
    private static final Kernels KERNELS = chooseAndLog();

    private KernelProvider() {
    }

    /** The kernels chosen for this JVM. */
    public static Kernels kernels() {
        return KERNELS;
    }

    /**
     * The kernels for a {@code vecnn.kernels} value: {@code auto}, {@code vector} or {@code scalar}.
     *
     * @throws IllegalArgumentException for any other value
     * @throws IllegalStateException for {@code vector} where the vector kernels cannot run
     */
    public static Kernels select(String mode) {
        String normalised = mode == null ? "auto" : mode.strip().toLowerCase(Locale.ROOT);
        return switch (normalised) {
            case "scalar" -> ScalarKernels.INSTANCE;
            case "vector" -> loadVector().orElseThrow(() -> new IllegalStateException(
                    "-D" + PROPERTY + "=vector, but the vector kernels cannot run: " + vectorUnavailableReason()
                            .orElseThrow()));
            case "auto" -> Auto.KERNELS;
            default -> throw new IllegalArgumentException(
                    "unknown " + PROPERTY + " value '" + mode + "'; expected auto, vector or scalar");
        };
    }

    /**
     * The {@code auto} kernels, made once: where the vector side can run, {@link WarmingKernels} (plain loops
     * until enough work has shown the vector kernels worth compiling, the same bits either way), else the
     * scalar kernels.
     */
    private static final class Auto {
        static final Kernels KERNELS = loadVector().<Kernels>map(vector -> new WarmingKernels(vector,
                ScalarKernels.INSTANCE, WarmingKernels.WARM_UP_AFTER_MULTIPLY_ADDS)).orElse(ScalarKernels.INSTANCE);
    }

    /** Why the vector kernels cannot run in this JVM, or empty when they can. */
    public static Optional<String> vectorUnavailableReason() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Optional.of("the jdk.incubator.vector module is not loaded; add --add-modules jdk.incubator.vector"
                    + " to the java command line");
        }
        if (!c2Enabled()) {
            return Optional.of("the C2 compiler is disabled (-Xint, or -XX:TieredStopAtLevel below 4),"
                    + " and the Vector API is slower than plain loops without it");
        }
        return Optional.empty();
    }

    private static Optional<Kernels> loadVector() {
        if (vectorUnavailableReason().isPresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of((Kernels) Class.forName(VECTOR_CLASS).getConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the vector kernels failed to load", e);
        }
    }

    /**
     * The kernel line: the side, and for the vector side its lanes, FMA, ISA class, GEMM tile and register
     * count, for example {@code vector, 16 float lanes (512-bit), FMA true, GEMM tile 8x2 (8 x 32 floats),
     * x86 AVX-512, 32 vector registers}.
     */
    public static String description() {
        return describe(KERNELS);
    }

    private static String describe(Kernels kernels) {
        if (kernels.lanes() > 1) {
            return "vector, " + kernels.lanes() + " float lanes (" + kernels.lanes() * Float.SIZE + "-bit), FMA "
                    + vmFlag("UseFMA").orElse("unknown") + ", " + TileChoice.describe()
                    + (kernels instanceof WarmingKernels ? "; plain loops until the vector kernels are warm" : "");
        }
        return "scalar (plain loops), because " + vectorUnavailableReason().orElse("-D" + PROPERTY + "=scalar");
    }

    private static Kernels chooseAndLog() {
        Kernels kernels = select(System.getProperty(PROPERTY, "auto"));
        LOG.log(kernels.lanes() > 1 ? Level.INFO : Level.WARNING, "vecnn kernels: " + describe(kernels));
        return kernels;
    }

    private static boolean c2Enabled() {
        if (System.getProperty("java.vm.info", "").contains("interpreted mode")) {
            return false;
        }
        return vmFlag("TieredStopAtLevel").map(level -> Integer.parseInt(level) >= 4).orElse(true);
    }

    /** A HotSpot VM option's value, where the management module is present. */
    private static Optional<String> vmFlag(String name) {
        try {
            return Optional.of(ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption(name).getValue());
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }
}
