package org.vecnn.matrix.kernel.gemm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The cache-blocking parameters of the GEMM (Goto and van de Geijn): a {@code kc x nc} panel of B is
 * packed once per (jc, pc) step and should stay in L2/L3; an {@code mc x kc} block of A is packed per ic
 * step and should stay in L2; a {@code kc x NR} micro-panel of B is reused from L1 or L2, by its depth, while
 * the micro-kernel sweeps the A block.
 *
 * @param mc rows of A per packed block kc deep, a multiple of {@link MicroKernel#MR} (a shallower product's
 *           block takes as many rows as the same room holds: {@link #rowsFor})
 * @param kc depth of each packed block, the length of the micro-kernel's inner loop
 * @param nc columns of B per packed panel, a multiple of {@link MicroKernel#NR}
 */
public record BlockSizes(int mc, int kc, int nc) {

    /** The most rows of A a block takes by default, in whole micro-tiles; set before {@link #DEFAULT} uses it. */
    private static final int MAX_ROWS = 256 / MicroKernel.MR * MicroKernel.MR;

    /** The L2 size assumed where the OS does not tell it: Sapphire Rapids' 2 MiB per core. */
    static final long DEFAULT_L2_BYTES = 2L << 20;

    /**
     * The defaults for this host: kc = 1024, nc = 1024 (a 4 MiB B panel, in L3), and mc the most rows (at most
     * 256) whose packed A block fills half the L2 ({@link #forL2}): 128 x 1024 on a 1 MiB L2, 256 x 1024 on 2
     * MiB. A deep k block matters more than a B micro-panel in L1: each k block stores every tile of C and the
     * next one loads it back, and the tile's FMA chains wait for those loads. The README gives the measurements.
     */
    public static final BlockSizes DEFAULT = forL2(hostL2Bytes());

    /** kc 1024 and nc 1024, with mc the largest multiple of MR, at most 256, whose A block fills half of L2. */
    static BlockSizes forL2(long l2Bytes) {
        int kc = 1024;
        long rows = l2Bytes / 2 / ((long) kc * Float.BYTES);
        int mc = (int) Math.clamp(rows / MicroKernel.MR * MicroKernel.MR, MicroKernel.MR, MAX_ROWS);
        return of(mc, kc, 1024);
    }

    /**
     * Rows of A per block when its k blocks are {@code depth} deep (at most kc): as many as fill the room of mc
     * rows of kc, in whole micro-tiles, at most 256 unless mc itself is more, so a shallow product keeps a tall
     * A block.
     */
    int rowsFor(int depth) {
        long rows = (long) mc * kc / Math.max(1, depth) / MicroKernel.MR * MicroKernel.MR;
        return (int) Math.clamp(rows, mc, Math.max(mc, MAX_ROWS));
    }

    /** The per-core L2 size from Linux's sysfs ({@code cpu0/cache/index2/size}), else the default. */
    static long hostL2Bytes() {
        try {
            return parseCacheSize(Files.readString(Path.of("/sys/devices/system/cpu/cpu0/cache/index2/size")))
                    .orElse(DEFAULT_L2_BYTES);
        } catch (IOException | SecurityException e) {
            return DEFAULT_L2_BYTES;
        }
    }

    /** A sysfs cache size such as {@code 2048K} or {@code 1M}, in bytes. */
    static OptionalLong parseCacheSize(String text) {
        String size = text.strip().toUpperCase(Locale.ROOT);
        long unit = size.endsWith("K") ? 1L << 10 : size.endsWith("M") ? 1L << 20 : 1;
        String digits = unit == 1 ? size : size.substring(0, size.length() - 1);
        if (!digits.matches("[0-9]{1,9}") || Long.parseLong(digits) == 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(digits) * unit);
    }

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
