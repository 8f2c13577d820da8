package org.vecnn.matrix.kernel.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The micro-kernel choice: 8 x 2 for 32 vector registers, 5 x 2 for 16, the override, and that the tile a
 * forced test run asks for is the one its GEMM suite runs on.
 */
@Tag("kernels")
class TileChoiceTest {

    @Test
    void theTileFitsTheRegisterFile() {
        assertEquals("8x2", TileChoice.select("auto", 32).toString());
        assertEquals("5x2", TileChoice.select("auto", 16).toString());
        assertTrue(TileChoice.select("auto", 32).registers() <= 32);
        assertTrue(TileChoice.select("auto", 16).registers() <= 16);
    }

    @Test
    void thePropertyOverridesTheChoice() {
        assertEquals("5x2", TileChoice.select(" 5X2 ", 32).toString());
        assertEquals("8x2", TileChoice.select("8x2", 16).toString());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TileChoice.select("3x3", 16));
        assertEquals("unknown vecnn.gemm.tile value '3x3'; expected auto, 8x2 or 5x2", error.getMessage());
    }

    @Test
    void thisJvmRunsTheTileItWasAskedFor() {
        String forced = System.getProperty(TileChoice.PROPERTY, "auto");
        String expected = forced.equals("auto") ? TileChoice.select("auto", TileChoice.vectorRegisters()).toString()
                : forced;
        assertEquals(expected, MicroKernel.CHOSEN.toString());
        assertEquals(MicroKernel.CHOSEN.rows, MicroKernel.MR);
        assertEquals(MicroKernel.CHOSEN.vectors * MicroKernel.LANES, MicroKernel.NR);
        assertTrue(TileChoice.describe().startsWith("GEMM tile " + expected + " ("), TileChoice.describe());
    }

    @Test
    void avx2HasSixteenRegistersAndAvx512ThirtyTwo() {
        String isa = TileChoice.isa();
        if (isa.equals("x86 AVX2") || isa.equals("x86 AVX")) {
            assertEquals(16, TileChoice.vectorRegisters());
        } else if (isa.equals("x86 AVX-512") || isa.equals("aarch64")) {
            assertEquals(32, TileChoice.vectorRegisters());
        }
    }
}
