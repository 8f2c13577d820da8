package org.vecnn.matrix.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.kernel.activation.Tanh;

/**
 * The auto kernels: plain loops until enough GEMM work has run, then a warm-up of the vector kernels on a
 * background thread, then the vector kernels, with the same bits before and after the switch.
 */
@Tag("kernels")
class WarmingKernelsTest {

    private static Kernels vector() {
        assumeTrue(KernelProvider.vectorUnavailableReason().isEmpty(), "the vector kernels cannot run here");
        return KernelProvider.select("vector");
    }

    /** A GEMM of 64 x 96 x 64 = 393,216 multiply-adds with an activation, as a layer's forward pass. */
    private static float[] layer(Kernels kernels) {
        float[] x = new float[64 * 96];
        float[] w = new float[96 * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i);
            w[i] = (float) Math.cos(3 * i) / 8;
        }
        float[] out = new float[64 * 64];
        kernels.sgemm(false, false, 64, 64, 96, 1f, x, 0, 96, w, 0, 64, 0f, out, 0, 64);
        kernels.activation(Tanh.KERNELS).forward(1, out.length, 0f, out, 0, out, 0);
        return out;
    }

    @Test
    void plainLoopsUntilTheWorkAddsUpThenTheVectorKernelsWithTheSameBits() throws InterruptedException {
        Kernels vector = vector();
        WarmingKernels kernels = new WarmingKernels(vector, ScalarKernels.INSTANCE, 1_000_000);
        float[] first = layer(kernels);
        assertSame(ScalarKernels.INSTANCE, kernels.current(), "393,216 multiply-adds stay on the plain loops");
        assertEquals("vector", kernels.name());
        assertEquals(vector.lanes(), kernels.lanes());
        float[] second = layer(kernels);
        float[] third = layer(kernels);
        assertTrue(kernels.awaitVector(2, TimeUnit.MINUTES), "the warm-up did not finish");
        assertSame(vector, kernels.current());
        float[] warm = layer(kernels);
        assertArrayEquals(first, second);
        assertArrayEquals(first, third);
        assertArrayEquals(first, warm, "the vector kernels give the plain loops' bits");
        assertArrayEquals(first, layer(ScalarKernels.INSTANCE));
    }

    @Test
    void manySmallCallsStartTheWarmUpToo() throws InterruptedException {
        WarmingKernels kernels = new WarmingKernels(vector(), ScalarKernels.INSTANCE, Long.MAX_VALUE);
        float[] x = {1f, 2f};
        float[] out = new float[1];
        for (int i = 0; i < WarmingKernels.WARM_UP_AFTER_CALLS; i++) {
            kernels.sgemm(false, false, 1, 1, 2, 1f, x, 0, 2, x, 0, 1, 0f, out, 0, 1);
        }
        assertTrue(kernels.awaitVector(2, TimeUnit.MINUTES), "the warm-up did not start or finish");
    }

    @Test
    void aShortRunNeverStartsTheWarmUp() throws InterruptedException {
        WarmingKernels kernels = new WarmingKernels(vector(), ScalarKernels.INSTANCE, Long.MAX_VALUE);
        for (int i = 0; i < 10; i++) {
            layer(kernels);
        }
        assertFalse(kernels.awaitVector(200, TimeUnit.MILLISECONDS));
        assertSame(ScalarKernels.INSTANCE, kernels.current());
    }

    @Test
    void aFailingWarmUpLeavesTheCallsOnThePlainLoops() throws InterruptedException {
        Kernels broken = (Kernels) Proxy.newProxyInstance(Kernels.class.getClassLoader(),
                new Class<?>[] {Kernels.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("a vector kernel that fails");
                });
        WarmingKernels kernels = new WarmingKernels(broken, ScalarKernels.INSTANCE, 1);
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> { });
        try {
            float[] first = layer(kernels);
            assertFalse(kernels.awaitVector(2, TimeUnit.MINUTES));
            assertSame(ScalarKernels.INSTANCE, kernels.current());
            assertArrayEquals(first, layer(kernels));
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    @Test
    void theWarmUpExercisesEveryKernelOnEitherSide() {
        WarmingKernels.exercise(ScalarKernels.INSTANCE, 2);
        WarmingKernels.exercise(vector(), 2);
    }

    @Test
    void autoIsTheWarmingKernelsWhereTheVectorSideCanRun() {
        vector();
        assertTrue(KernelProvider.select("auto") instanceof WarmingKernels);
        assertSame(KernelProvider.select("auto"), KernelProvider.select(" AUTO "), "made once per JVM");
    }
}
