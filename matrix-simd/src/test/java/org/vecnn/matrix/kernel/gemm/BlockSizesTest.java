package org.vecnn.matrix.kernel.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Block sizes from the host's L2: the packed A block fills at most half of it, in whole micro-tiles. */
@Tag("kernels")
class BlockSizesTest {

    @Test
    void theABlockFillsAtMostHalfTheL2() {
        BlockSizes xeon = BlockSizes.forL2(2L << 20);
        assertEquals(1024, xeon.kc());
        assertEquals(256 / MicroKernel.MR * MicroKernel.MR, xeon.mc());
        BlockSizes zen5 = BlockSizes.forL2(1L << 20);
        assertEquals(128 / MicroKernel.MR * MicroKernel.MR, zen5.mc());
        BlockSizes zen3 = BlockSizes.forL2(512L << 10);
        assertEquals(64 / MicroKernel.MR * MicroKernel.MR, zen3.mc());
        assertTrue((long) zen3.mc() * zen3.kc() * Float.BYTES <= 256L << 10);
        assertEquals(MicroKernel.MR, BlockSizes.forL2(1024).mc(), "never below one micro-tile");
        assertEquals(256 / MicroKernel.MR * MicroKernel.MR, BlockSizes.forL2(1L << 40).mc(), "at most 256 rows");
    }

    @Test
    void shallowProductsTakeTallerABlocks() {
        BlockSizes zen5 = BlockSizes.forL2(1L << 20);
        assertEquals(zen5.mc(), zen5.rowsFor(zen5.kc()));
        assertEquals(256 / MicroKernel.MR * MicroKernel.MR, zen5.rowsFor(256), "the same room, at most 256 rows");
        assertEquals(zen5.mc(), zen5.rowsFor(2 * zen5.kc()), "never fewer than mc");
        BlockSizes tall = BlockSizes.of(1024, 64, 1024);
        assertEquals(tall.mc(), tall.rowsFor(16), "an explicit mc above 256 is kept, not raised");
    }

    @Test
    void sysfsSizesAreParsedStrictly() {
        assertEquals(OptionalLong.of(2048L << 10), BlockSizes.parseCacheSize("2048K\n"));
        assertEquals(OptionalLong.of(1L << 20), BlockSizes.parseCacheSize("1M"));
        assertEquals(OptionalLong.of(512), BlockSizes.parseCacheSize("512"));
        assertEquals(OptionalLong.empty(), BlockSizes.parseCacheSize("0K"));
        assertEquals(OptionalLong.empty(), BlockSizes.parseCacheSize("lots"));
        assertEquals(OptionalLong.empty(), BlockSizes.parseCacheSize(""));
    }

    @Test
    void theDefaultsComeFromThisHost() {
        assertEquals(BlockSizes.forL2(BlockSizes.hostL2Bytes()), BlockSizes.DEFAULT);
    }
}
