package org.vecnn.matrix.kernel.gemm;

/**
 * The cache-blocking parameters of the GEMM (Goto and van de Geijn): a {@code kc x nc} panel of B is
 * packed once per (jc, pc) step and should stay in L2/L3; an {@code mc x kc} block of A is packed per ic
 * step and should stay in L2; a {@code kc x NR} micro-panel of B stays in L1 while the micro-kernel sweeps
 * the A block.
 *
 * @param mc rows of A per packed block, a multiple of {@link MicroKernel#MR}
 * @param kc depth of each packed block, the length of the micro-kernel's inner loop
 * @param nc columns of B per packed panel, a multiple of {@link MicroKernel#NR}
 */
public record BlockSizes(int mc, int kc, int nc) {

    /**
     * The defaults for this CPU class (48 KiB L1d, 2 MiB L2 per core): A block 1024 x 256 floats = 1 MiB in
     * L2, B micro-panel 256 x 32 floats = 32 KiB in L1, B panel 256 x 4096 floats = 4 MiB in L3. Chosen by
     * best-of-10 interleaved runs (GFLOP/s, 2048³ / 1024³ / 128x784x256 / 784x128x256:TN): kc 256 vs 384
     * vs 512 vs 1024 and mc 256 .. 1024 all fell within the machine's noise (±10%), so the smallest
     * footprint that keeps the micro-panel in L1 stays.
     */
    public static final BlockSizes DEFAULT = of(1024, 256, 4096);

    /** Validates the sizes; use {@link #of} to round mc and nc up to whole micro-tiles. */
    public BlockSizes {
        if (mc <= 0 || kc <= 0 || nc <= 0) {
            throw new IllegalArgumentException("block sizes must be positive: mc=" + mc + ", kc=" + kc + ", nc=" + nc);
        }
        if (mc % MicroKernel.MR != 0 || nc % MicroKernel.NR != 0) {
            throw new IllegalArgumentException("mc=" + mc + " must be a multiple of MR=" + MicroKernel.MR
                    + " and nc=" + nc + " a multiple of NR=" + MicroKernel.NR);
        }
    }

    /** Block sizes with mc and nc rounded up to multiples of the micro-tile MR x NR. */
    public static BlockSizes of(int mc, int kc, int nc) {
        return new BlockSizes(roundUp(mc, MicroKernel.MR), kc, roundUp(nc, MicroKernel.NR));
    }

    static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
