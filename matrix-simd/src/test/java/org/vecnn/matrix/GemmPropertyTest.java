package org.vecnn.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecnn.matrix.kernel.CheckedGemm;
import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.matrix.testkit.KernelSides;

/** {@link Gemm#sgemm} on each kernel side against the double oracle, and the exact properties. */
@Tag("kernels")
@Tag("portable")
class GemmPropertyTest {

    private static final long SEED = Long.getLong("vecnn.test.seed", 0x5eed_2026L);

    static GemmCase.Sgemm through(Kernels kernels) {
        return (ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc) ->
                CheckedGemm.sgemm(kernels, ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void matchesTheDoubleOracleWithinTheGammaBound(Kernels kernels) {
        double[] worst = {0};
        int[] cases = {0};
        qt().withFixedSeed(SEED).withExamples(400).withGenerateAttempts(100_000)
                .forAll(GemmCases.cases(KernelSides.edgeSizes(kernels.lanes()), 140))
                .checkAssert(gc -> {
                    worst[0] = Math.max(worst[0], gc.check(through(kernels)));
                    cases[0]++;
                });
        System.out.printf("%s: %d cases, largest error/bound ratio %.3g%n", kernels.name(), cases[0], worst[0]);
    }

    /** Integer data in [-4, 4]: every partial sum is exact, so any order gives the same bits (up to the sign of 0). */
    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void integerDataIsBitwiseExact(Kernels kernels) {
        qt().withFixedSeed(SEED).withExamples(150)
                .forAll(GemmCases.cases(KernelSides.edgeSizes(kernels.lanes()), 100))
                .checkAssert(gc -> {
                    GemmCase exact = new GemmCase(gc.m(), gc.n(), gc.k(), gc.transA(), gc.transB(),
                            gc.alpha() == 0f ? 0f : 2f, gc.beta() == 0f ? 0f : -1f, gc.aOffset(), gc.bOffset(),
                            gc.cOffset(), gc.ldaPad(), gc.ldbPad(), gc.ldcPad(), gc.seed());
                    float[] a = integers(exact.a(), exact.seed());
                    float[] b = integers(exact.b(), exact.seed() + 1);
                    float[] c = exact.beta() == 0f ? exact.c() : integers(exact.c(), exact.seed() + 2);
                    float[] expected = unsignedZeros(naive(exact, a, b, c.clone()));
                    float[] actual = unsignedZeros(exact.run(through(kernels), a, b, c.clone()));
                    assertArrayEquals(expected, actual, () -> "not bitwise equal for " + exact);
                });
    }

    /** x + 0 turns -0 into +0: the sign of an exact zero depends on the summation order. */
    private static float[] unsignedZeros(float[] data) {
        for (int i = 0; i < data.length; i++) {
            data[i] += 0f;
        }
        return data;
    }

    /** Replaces every non-sentinel value by an integer in [-4, 4]. */
    private static float[] integers(float[] data, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < data.length; i++) {
            if (data[i] != GemmCase.SENTINEL) {
                data[i] = random.nextInt(-4, 5);
            }
        }
        return data;
    }

    /** The naive loop in float, exact on integer data. */
    private static float[] naive(GemmCase gc, float[] a, float[] b, float[] c) {
        for (int i = 0; i < gc.m(); i++) {
            for (int j = 0; j < gc.n(); j++) {
                float sum = 0;
                for (int p = 0; p < gc.k(); p++) {
                    sum += GemmOracle.opA(gc, a, i, p) * GemmOracle.opB(gc, b, p, j);
                }
                int index = gc.cOffset() + i * gc.ldc() + j;
                float scaled = gc.beta() == 0f ? 0f : gc.beta() * c[index];
                c[index] = gc.alpha() == 0f || gc.k() == 0 ? scaled : gc.alpha() * sum + scaled;
            }
        }
        return c;
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void timesIdentityIsItself(Kernels kernels) {
        for (int size : KernelSides.edgeSizes(kernels.lanes())) {
            int rows = Math.min(size, 300);
            Matrix a = Matrix.random(rows, size, size);
            float[] identity = new float[size * size];
            for (int i = 0; i < size; i++) {
                identity[i * size + i] = 1f;
            }
            float[] c = new float[rows * size];
            CheckedGemm.sgemm(kernels, false, false, rows, size, size, 1f, a.data(), 0, Math.max(1, size),
                    identity, 0, Math.max(1, size), 0f, c, 0, Math.max(1, size));
            assertArrayEquals(a.data(), c, "A·I != A for size " + size);
        }
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void zeroAlphaOrZeroDepthScalesCWithoutReadingAOrB(Kernels kernels) {
        float[] nanA = new float[12];
        Arrays.fill(nanA, Float.NaN);
        float[] c = {1, 2, 3, 4, 5, 6};
        CheckedGemm.sgemm(kernels, false, false, 2, 3, 4, 0f, nanA, 0, 4, nanA, 0, 3, 2f, c, 0, 3);
        assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, c);
        float[] nanC = {Float.NaN, Float.NaN};
        CheckedGemm.sgemm(kernels, true, true, 1, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 1, 0f, nanC, 0, 2);
        assertArrayEquals(new float[] {0, 0}, nanC, "beta = 0 with k = 0 must write zeros over NaN");
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void nanAndInfinityPropagateToTheirRowAndColumnOnly(Kernels kernels) {
        for (int size : new int[] {3, 37, 200}) {
            float[] a = Matrix.random(size, size, 7).data();
            float[] b = Matrix.random(size, size, 8).data();
            a[size + 1] = Float.NaN;                     // row 1 of A
            b[2 * size + size - 1] = Float.POSITIVE_INFINITY; // column size-1 of B
            float[] c = new float[size * size];
            CheckedGemm.sgemm(kernels, false, false, size, size, size, 1f, a, 0, size, b, 0, size, 0f, c, 0, size);
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    float value = c[i * size + j];
                    if (i == 1) {
                        assertTrue(Float.isNaN(value), "row of the NaN");
                    } else if (j == size - 1) {
                        assertTrue(Float.isInfinite(value) || Float.isNaN(value), "column of the infinity");
                    } else {
                        assertTrue(Float.isFinite(value), "untouched element (" + i + ", " + j + ") = " + value);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void emptyDimensionsAreNoOps(Kernels kernels) {
        float[] c = {7f};
        CheckedGemm.sgemm(kernels, false, false, 0, 1, 5, 1f, new float[0], 0, 5, new float[5], 0, 1, 0f, c, 0, 1);
        CheckedGemm.sgemm(kernels, false, false, 1, 0, 5, 1f, new float[5], 0, 5, new float[0], 0, 1, 0f, c, 0, 1);
        assertEquals(7f, c[0]);
    }
}
