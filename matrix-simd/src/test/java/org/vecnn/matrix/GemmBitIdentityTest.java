package org.vecnn.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecnn.matrix.kernel.CheckedGemm;
import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.matrix.kernel.ScalarKernels;
import org.vecnn.matrix.testkit.KernelSides;

/**
 * The bit-identity invariant (DESIGN.md section 5): every element of C is one FMA chain over k in order,
 * {@code c = fma(α·a[i][p], b[p][j], c)} from {@code β·c} (0 for β = 0, c itself for β = 1), on every path:
 * the packed GEMM across its k blocks, the small path, GEMV, any lane count, the scalar loop. So each side
 * gives the scalar loop's bits exactly, and a row of A gives the same bits alone or inside any batch.
 */
@Tag("kernels")
@Tag("portable")
class GemmBitIdentityTest {

    private static final long SEED = Long.getLong("vecnn.test.seed", 0x5eed_2026L);

    private static float[] run(Kernels kernels, GemmCase gc) {
        return gc.run(GemmPropertyTest.through(kernels), gc.a(), gc.b(), gc.c());
    }

    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void everySideGivesTheScalarLoopsBits(Kernels kernels) {
        qt().withFixedSeed(SEED).withExamples(300).withGenerateAttempts(100_000)
                .forAll(GemmCases.cases(KernelSides.edgeSizes(kernels.lanes()), 140))
                .checkAssert(gc -> assertArrayEquals(run(ScalarKernels.INSTANCE, gc), run(kernels, gc),
                        () -> kernels.name() + " differs from the scalar loop for " + gc));
    }

    /**
     * The shapes of dense layers, with k across several k blocks: each row of a batch of any size, through
     * whichever path its batch takes (GEMV, small, packed), equals that row alone, bit for bit.
     */
    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void aRowGivesTheSameBitsAloneAndInAnyBatch(Kernels kernels) {
        for (int k : new int[] {2, 15, 300, 784}) {
            for (int n : new int[] {1, 10, 25, 256}) {
                Matrix w = Matrix.random(k, n, k * 31L + n);
                Matrix x = Matrix.random(70, k, k + 7L * n);
                float[] bias = Matrix.random(1, n, n).data();
                float[][] alone = new float[x.rows()][];
                for (int r = 0; r < x.rows(); r++) {
                    alone[r] = forward(kernels, 1, Arrays.copyOfRange(x.data(), r * k, (r + 1) * k), w, bias);
                }
                for (int rows : new int[] {2, 7, 8, 9, 17, 64, 70}) {
                    float[] batch = forward(kernels, rows, Arrays.copyOf(x.data(), rows * k), w, bias);
                    for (int r = 0; r < rows; r++) {
                        assertArrayEquals(alone[r], Arrays.copyOfRange(batch, r * n, (r + 1) * n),
                                kernels.name() + ": row " + r + " of " + rows + " rows, k " + k + ", n " + n);
                    }
                }
            }
        }
    }

    /**
     * {@code sgemmWithBias}, whose vector side starts the accumulators from the bias instead of from C, gives
     * the bits of the bias copied into C and C += A·B (β = 1) on the scalar loop, at every edge of the tiles,
     * the small path and the k blocks, with offsets and padded rows, from B packed once as a layer's weights
     * and from B itself, with and without the ReLU fused.
     */
    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void theBiasStartGivesTheBitsOfTheBiasCopiedIntoC(Kernels kernels) {
        for (int m : new int[] {1, 2, 5, 7, 8, 9, 17, 64, 65, 130}) {
            for (int n : new int[] {1, 10, 16, 31, 32, 33, 100, 256}) {
                for (int k : new int[] {1, 2, 15, 257, 300}) {
                    int lda = k + 1;
                    int ldc = n + 2;
                    float[] a = Matrix.random(1, 3 + m * lda, 11L * m + k).data();
                    float[] b = Matrix.random(k, n, 13L * n + k).data();
                    float[] bias = Matrix.random(1, n + 2, n).data();
                    float[] expected = new float[1 + m * ldc];
                    for (int r = 0; r < m; r++) {
                        System.arraycopy(bias, 2, expected, 1 + r * ldc, n);
                    }
                    ScalarKernels.INSTANCE.sgemm(false, false, m, n, k, 1f, a, 3, lda, b, 0, n, 1f, expected, 1, ldc);
                    float[] actual = new float[1 + m * ldc];
                    Arrays.fill(actual, Float.NaN);
                    actual[0] = 0f;
                    for (int r = 0; r < m; r++) {
                        Arrays.fill(actual, 1 + r * ldc + n, Math.min(actual.length, 1 + (r + 1) * ldc), 0f);
                    }
                    kernels.sgemmWithBias(m, n, k, a, 3, lda, b, 0, n, packed(kernels, k, n, b), 0, bias, 2, actual, 1,
                            ldc, false);
                    assertArrayEquals(expected, actual, kernels.name() + ": " + m + "x" + k + "x" + n);
                    relu(m, n, expected, 1, ldc);
                    kernels.sgemmWithBias(m, n, k, a, 3, lda, b, 0, n, null, 0, bias, 2, actual, 1, ldc, true);
                    assertArrayEquals(expected, actual, kernels.name() + ": " + m + "x" + k + "x" + n + " with ReLU");
                }
            }
        }
    }

    /**
     * Narrow layers of a few rows (the small path's last vectors: overlapping, masked, scalar for one column)
     * with every array exactly as long as its data, so that vectors end at arrays' ends: bias start and C
     * start alike give the scalar loop's bits.
     */
    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void narrowLayersOnArraysThatEndWithTheirDataGiveTheScalarBits(Kernels kernels) {
        for (int m : new int[] {1, 2, 3, 7}) {
            for (int n : new int[] {1, 2, 5, 9, 15, 16, 17, 25, 31, 33, 47, 100}) {
                for (int k : new int[] {1, 2, 15, 25}) {
                    float[] a = Matrix.random(m, k, 17L * m + k).data();
                    float[] b = Matrix.random(k, n, 19L * n + k).data();
                    float[] bias = Matrix.random(1, n, 23L * n).data();
                    float[] expected = new float[m * n];
                    for (int r = 0; r < m; r++) {
                        System.arraycopy(bias, 0, expected, r * n, n);
                    }
                    float[] fromC = expected.clone();
                    ScalarKernels.INSTANCE.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 1f, expected, 0, n);
                    float[] fromBias = new float[m * n];
                    kernels.sgemmWithBias(m, n, k, a, 0, k, b, 0, n, null, 0, bias, 0, fromBias, 0, n, false);
                    assertArrayEquals(expected, fromBias, kernels.name() + ": bias start " + m + "x" + k + "x" + n);
                    float[] rectified = expected.clone();
                    relu(m, n, rectified, 0, n);
                    kernels.sgemmWithBias(m, n, k, a, 0, k, b, 0, n, packed(kernels, k, n, b), 0, bias, 0, fromBias, 0,
                            n, true);
                    assertArrayEquals(rectified, fromBias, kernels.name() + ": ReLU " + m + "x" + k + "x" + n);
                    kernels.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 1f, fromC, 0, n);
                    assertArrayEquals(expected, fromC, kernels.name() + ": C start " + m + "x" + k + "x" + n);
                }
            }
        }
    }

    /**
     * Narrow C of many rows (the unpacked paths: rows of C down a vector, op(A)'s rows copied a chunk of k
     * at a time, or B's rows along a vector) across each path's boundaries: rows around one and two
     * passes, columns around one pass and one vector, k around a copied chunk, A plain and transposed, and
     * chains from zero, from C and from a bias, every array as long as its data: the scalar loop's bits.
     */
    @ParameterizedTest
    @MethodSource("org.vecnn.matrix.testkit.KernelSides#all")
    void narrowOutputsGiveTheScalarBitsAcrossEveryPathsBoundaries(Kernels kernels) {
        int lanes = kernels.lanes();
        for (int m : new int[] {8, 9, 2 * lanes - 1, 2 * lanes, 2 * lanes + 1, 4 * lanes + 3}) {
            for (int n : new int[] {1, 3, 4, 5, 10, lanes - 1, lanes + 1, 25, 32}) {
                for (int k : new int[] {1, 7, 8, 15, 255, 256, 257, 513}) {
                    for (boolean transA : new boolean[] {false, true}) {
                        narrowCase(kernels, m, n, k, transA);
                    }
                }
            }
        }
    }

    private static void narrowCase(Kernels kernels, int m, int n, int k, boolean transA) {
        String shape = kernels.name() + ": " + m + "x" + k + "x" + n + (transA ? ":TN" : "");
        float[] a = Matrix.random(transA ? k : m, transA ? m : k, 29L * m + k).data();
        int lda = transA ? m : k;
        float[] b = Matrix.random(k, n, 31L * n + k).data();
        float[] bias = Matrix.random(1, n, 37L * n).data();
        float[] start = Matrix.random(m, n, 41L * m + n).data();
        for (float beta : new float[] {0f, 1f}) {
            float[] expected = start.clone();
            ScalarKernels.INSTANCE.sgemm(transA, false, m, n, k, 1f, a, 0, lda, b, 0, n, beta, expected, 0, n);
            float[] actual = start.clone();
            kernels.sgemm(transA, false, m, n, k, 1f, a, 0, lda, b, 0, n, beta, actual, 0, n);
            assertArrayEquals(expected, actual, shape + ", beta " + beta);
        }
        if (!transA) {
            float[] expected = new float[m * n];
            for (int r = 0; r < m; r++) {
                System.arraycopy(bias, 0, expected, r * n, n);
            }
            ScalarKernels.INSTANCE.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 1f, expected, 0, n);
            float[] fromBias = new float[m * n];
            kernels.sgemmWithBias(m, n, k, a, 0, k, b, 0, n, packed(kernels, k, n, b), 0, bias, 0, fromBias, 0, n,
                    false);
            assertArrayEquals(expected, fromBias, shape + ", bias start");
            relu(m, n, expected, 0, n);
            kernels.sgemmWithBias(m, n, k, a, 0, k, b, 0, n, null, 0, bias, 0, fromBias, 0, n, true);
            assertArrayEquals(expected, fromBias, shape + ", bias start with ReLU");
        }
    }

    /** B (k x n) as the side packs a layer's weights, or null where it does not. */
    private static float[] packed(Kernels kernels, int k, int n, float[] b) {
        int size = kernels.packedWeightsSize(k, n);
        if (size == 0) {
            return null;
        }
        float[] packed = new float[size];
        kernels.packWeights(false, k, n, b, 0, n, packed, 0);
        return packed;
    }

    /** ReLU's plain loop over m rows of n from offset, ldc apart: what the fused store must equal. */
    private static void relu(int m, int n, float[] c, int offset, int ldc) {
        for (int r = 0; r < m; r++) {
            for (int j = offset + r * ldc; j < offset + r * ldc + n; j++) {
                c[j] = Math.max(c[j], 0f);
            }
        }
    }

    /** A dense layer's pre-activations: the bias in C, then C += X·W (β = 1). */
    private static float[] forward(Kernels kernels, int rows, float[] x, Matrix w, float[] bias) {
        int n = w.cols();
        int k = w.rows();
        float[] z = new float[rows * n];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(bias, 0, z, r * n, n);
        }
        CheckedGemm.sgemm(kernels, false, false, rows, n, k, 1f, x, 0, k, w.data(), 0, n, 1f, z, 0, n);
        return z;
    }

    @Test
    void theScalarLoopIsTheSpecification() {
        float[] a = {0.1f, 0.2f, 0.3f};
        float[] b = {3f, 5f, 7f};
        float[] c = {0.5f};
        ScalarKernels.INSTANCE.sgemm(false, false, 1, 1, 3, 1f, a, 0, 3, b, 0, 1, 1f, c, 0, 1);
        assertArrayEquals(new float[] {Math.fma(0.3f, 7f, Math.fma(0.2f, 5f, Math.fma(0.1f, 3f, 0.5f)))}, c);
    }
}
