package org.vecnn.matrix.kernel.gemm;

/**
 * Per-thread packing buffers, grown on demand and then reused, so that a steady stream of GEMM calls
 * allocates nothing.
 */
final class GemmWorkspace {

    private static final ThreadLocal<GemmWorkspace> PER_THREAD = ThreadLocal.withInitial(GemmWorkspace::new);

    /** Packed MR-row micro-panels of the current A block. */
    float[] packedA = new float[0];
    /** Packed NR-column micro-panels of the current B panel. */
    float[] packedB = new float[0];
    /** The GEMM call this thread is making. */
    final GemmCall call = new GemmCall();
    /**
     * One micro-tile of C for the edges, where the micro-kernel cannot work in C itself; also the eight
     * vectors of the small path's and the narrow path's passes.
     */
    final float[] tile = new float[Math.max(MicroKernel.MR * MicroKernel.NR, 8 * MicroKernel.LANES)];

    /** The small path's copies of B's rows whose vectors end past B's end, zero-padded ({@link #edges}). */
    private float[] edges = new float[0];

    private final int[] lineOffsets = new int[Math.max(Math.max(MicroKernel.MR, MicroKernel.NR), NarrowGemm.ROWS)];
    private int lineOffsetsStride = -1;

    private GemmWorkspace() {
    }

    /** {@code r · stride} for r below the widest panel's lines: the index map of a gather of panel lines. */
    int[] lineOffsets(int stride) {
        if (stride != lineOffsetsStride) {
            for (int r = 0; r < lineOffsets.length; r++) {
                lineOffsets[r] = r * stride;
            }
            lineOffsetsStride = stride;
        }
        return lineOffsets;
    }

    /**
     * Zero-padded copies, a vector apart, of {@code count} values of rows [safe, k) of B (row p at
     * {@code (p − safe) · LANES}), each row from {@code offset + p · stride}.
     */
    float[] edges(float[] b, int offset, int stride, int safe, int k, int count) {
        int size = (k - safe) * MicroKernel.LANES;
        if (edges.length < size) {
            edges = new float[size];
        }
        // Short copies: plain loops cost less than arraycopy's call here.
        for (int p = safe; p < k; p++) {
            int row = (p - safe) * MicroKernel.LANES;
            int from = offset + p * stride;
            for (int l = 0; l < MicroKernel.LANES; l++) {
                edges[row + l] = l < count ? b[from + l] : 0f;
            }
        }
        return edges;
    }

    /** The calling thread's workspace, with room for an A block and a B panel of the given sizes. */
    static GemmWorkspace forCurrentThread(int packedASize, int packedBSize) {
        GemmWorkspace workspace = PER_THREAD.get();
        if (workspace.packedA.length < packedASize) {
            workspace.packedA = new float[packedASize];
        }
        if (workspace.packedB.length < packedBSize) {
            workspace.packedB = new float[packedBSize];
        }
        return workspace;
    }
}
