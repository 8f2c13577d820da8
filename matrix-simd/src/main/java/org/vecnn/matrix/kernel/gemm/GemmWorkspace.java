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
     * column vectors of the small path's row passes.
     */
    final float[] tile = new float[Math.max(MicroKernel.MR * MicroKernel.NR, 8 * MicroKernel.LANES)];

    private final int[] lineOffsets = new int[Math.max(MicroKernel.MR, MicroKernel.NR)];
    private int lineOffsetsStride = -1;

    private GemmWorkspace() {
    }

    /** {@code r · stride} for r below max(MR, NR): the index map of a gather of panel lines. */
    int[] lineOffsets(int stride) {
        if (stride != lineOffsetsStride) {
            for (int r = 0; r < lineOffsets.length; r++) {
                lineOffsets[r] = r * stride;
            }
            lineOffsetsStride = stride;
        }
        return lineOffsets;
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
