package org.vecnn.matrix.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The side the provider chose is the side this surefire fork expects ({@code vecnn.test.expectKernels}),
 * so a misconfigured build cannot quietly test only the scalar path.
 */
@Tag("kernels")
@Tag("portable")
class KernelProviderTest {

    @Test
    void choseTheExpectedSide() {
        String expected = System.getProperty("vecnn.test.expectKernels");
        assertTrue(expected != null, "the build must say which side it expects (vecnn.test.expectKernels)");
        assertEquals(expected, KernelProvider.kernels().name(),
                () -> "vector unavailable because: " + KernelProvider.vectorUnavailableReason()
                        .orElse("(it is available)"));
    }

    @Test
    void laneCountFitsTheFork() {
        Kernels kernels = KernelProvider.kernels();
        if (kernels.name().equals("vector")) {
            assertTrue(kernels.lanes() >= 2, "a vector side with " + kernels.lanes() + " lanes");
            int maxLanes = Integer.getInteger("vecnn.test.maxLanes", Integer.MAX_VALUE);
            assertTrue(kernels.lanes() <= maxLanes, kernels.lanes() + " lanes, the fork allows " + maxLanes);
        } else {
            assertEquals(1, kernels.lanes());
        }
    }

    @Test
    void vectorAvailabilityMatchesTheFork() {
        boolean unavailable = Boolean.getBoolean("vecnn.test.vectorUnavailable");
        assertEquals(unavailable, KernelProvider.vectorUnavailableReason().isPresent());
        if (unavailable) {
            assertTrue(KernelProvider.vectorUnavailableReason().orElseThrow()
                    .contains("--add-modules jdk.incubator.vector"));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelProvider.select("vector"));
            assertTrue(e.getMessage().contains("--add-modules jdk.incubator.vector"), e.getMessage());
            assertSame(ScalarKernels.INSTANCE, KernelProvider.select("auto"));
        } else {
            assertEquals("vector", KernelProvider.select("vector").name());
            assertEquals("vector", KernelProvider.select(" AUTO ").name());
        }
    }

    @Test
    void scalarCanAlwaysBeForcedAndUnknownModesAreNamed() {
        assertSame(ScalarKernels.INSTANCE, KernelProvider.select("scalar"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelProvider.select("gpu"));
        assertTrue(e.getMessage().contains("'gpu'") && e.getMessage().contains("auto, vector or scalar"),
                e.getMessage());
    }
}
