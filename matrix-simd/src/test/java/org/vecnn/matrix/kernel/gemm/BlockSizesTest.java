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
        assertEquals(256, xeon.kc());
        assertEquals(256 / MicroKernel.MR * MicroKernel.MR, xeon.mc());
        BlockSizes zen3 = BlockSizes.forL2(512L << 10);
        assertEquals(256 / MicroKernel.MR * MicroKernel.MR, zen3.mc());
        assertTrue((long) zen3.mc() * zen3.kc() * Float.BYTES <= 256L << 10);
        assertEquals(MicroKernel.MR, BlockSizes.forL2(1024).mc(), "never below one micro-tile");
        assertEquals(256 / MicroKernel.MR * MicroKernel.MR, BlockSizes.forL2(1L << 40).mc(), "at most 256 rows");
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
