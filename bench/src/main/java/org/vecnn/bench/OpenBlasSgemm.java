package org.vecnn.bench;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Native OpenBLAS {@code cblas_sgemm}, called through the FFM API as a critical downcall on the Java arrays
 * themselves (no copies). Available where {@code libopenblas.so.0} is installed
 * ({@code apt-get install libopenblas0-pthread}).
 */
final class OpenBlasSgemm implements SgemmLibrary {

    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    /** The bound native functions, or empty where OpenBLAS is not installed. */
    private record Native(MethodHandle sgemm, MethodHandle setThreads, MethodHandle coreName, MethodHandle config) {
    }

    private static final Optional<Native> NATIVE = load();
    /** A constant handle, so that C2 can bind the downcall directly. */
    private static final MethodHandle SGEMM = NATIVE.map(Native::sgemm).orElse(null);

    private final GemmShape shape;
    private final MemorySegment a;
    private final MemorySegment b;
    private final float[] c;
    private final MemorySegment cSegment;

    OpenBlasSgemm(GemmShape shape, float[] a, float[] b, int threads) {
        setThreads(threads);
        this.shape = shape;
        this.a = MemorySegment.ofArray(a);
        this.b = MemorySegment.ofArray(b);
        this.c = new float[shape.m() * shape.n()];
        this.cSegment = MemorySegment.ofArray(c);
    }

    /** Whether OpenBLAS could be loaded in this JVM. */
    static boolean available() {
        return NATIVE.isPresent();
    }

    /** Which OpenBLAS and which of its CPU kernels runs, for the report. */
    static String describe() {
        if (!available()) {
            return "OpenBLAS not installed";
        }
        try {
            MemorySegment name = (MemorySegment) NATIVE.orElseThrow().coreName().invokeExact();
            MemorySegment config = (MemorySegment) NATIVE.orElseThrow().config().invokeExact();
            return config.reinterpret(256).getString(0) + ", core " + name.reinterpret(64).getString(0);
        } catch (Throwable e) {
            return "OpenBLAS (version unknown)";
        }
    }

    static String unavailableMessage() {
        return "OpenBLAS not found (libopenblas.so.0); install it with: apt-get install libopenblas0-pthread";
    }

    private static Optional<Native> load() {
        for (String name : new String[] {"libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"}) {
            try {
                SymbolLookup lookup = SymbolLookup.libraryLookup(name, Arena.global());
                Linker linker = Linker.nativeLinker();
                MethodHandle sgemm = linker.downcallHandle(lookup.findOrThrow("cblas_sgemm"),
                        FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                                JAVA_FLOAT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT),
                        Linker.Option.critical(true));
                MethodHandle setThreads = linker.downcallHandle(lookup.findOrThrow("openblas_set_num_threads"),
                        FunctionDescriptor.ofVoid(JAVA_INT));
                FunctionDescriptor text = FunctionDescriptor.of(ADDRESS);
                return Optional.of(new Native(sgemm, setThreads,
                        linker.downcallHandle(lookup.findOrThrow("openblas_get_corename"), text),
                        linker.downcallHandle(lookup.findOrThrow("openblas_get_config"), text)));
            } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
                // not this name: try the next
            }
        }
        return Optional.empty();
    }

    @Override
    public void multiply() {
        sgemm(shape.transA(), shape.transB(), shape.m(), shape.n(), shape.k(), a, shape.aCols(), b, shape.bCols(),
                cSegment, shape.n());
    }

    /** {@code C = op(A)·op(B)} (row-major, alpha 1, beta 0) on segments over Java arrays. */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, MemorySegment a, int lda,
                      MemorySegment b, int ldb, MemorySegment c, int ldc) {
        try {
            SGEMM.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, 1f,
                    a, lda, b, ldb, 0f, c, ldc);
        } catch (Throwable e) {
            throw new IllegalStateException("cblas_sgemm failed", e);
        }
    }

    /** Sets OpenBLAS's thread count. */
    static void setThreads(int threads) {
        try {
            NATIVE.orElseThrow(() -> new IllegalStateException(unavailableMessage())).setThreads().invokeExact(threads);
        } catch (Throwable e) {
            throw new IllegalStateException("openblas_set_num_threads failed", e);
        }
    }

    @Override
    public float[] result() {
        return c;
    }
}
