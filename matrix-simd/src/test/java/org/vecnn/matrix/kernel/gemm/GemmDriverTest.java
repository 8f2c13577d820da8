package org.vecnn.matrix.kernel.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.vecnn.matrix.GemmCase;
import org.vecnn.matrix.GemmCases;

/**
 * The blocked driver with block sizes small enough that modest shapes cross every loop boundary (jc, pc,
 * ic, jr, ir) at and around the block edges, and the bitwise equality of results across thread counts.
 */
@Tag("kernels")
class GemmDriverTest {

    private static final long SEED = Long.getLong("vecnn.test.seed", 0x5eed_2026L);
    private static final int MR = MicroKernel.MR;
    private static final int NR = MicroKernel.NR;

    /** Sizes around one and two of each small block and of the micro-tile. */
    private static List<Integer> edgeSizes(BlockSizes blocks) {
        List<Integer> sizes = new ArrayList<>(List.of(0, 1, 2, 3, 5, 7, 13, 31));
        for (int edge : new int[] {MR, NR, MicroKernel.LANES, blocks.kc(), blocks.mc(), blocks.nc(),
                                   2 * blocks.kc(), 2 * blocks.mc(), 2 * blocks.nc()}) {
            sizes.add(edge - 1);
            sizes.add(edge);
            sizes.add(edge + 1);
        }
        return sizes;
    }

    private static GemmCase.Sgemm driver(BlockSizes blocks, int threads) {
        return (ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc) -> {
            if (m > 0 && n > 0 && k > 0 && alpha != 0f) {
                GemmDriver.sgemm(blocks, threads, ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
            } else {
                org.vecnn.matrix.Gemm.sgemm(ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
            }
        };
    }

    /** Block sizes of one to four row tiles, kc 1 to 40 and one to three column tiles: every boundary is near. */
    private static Gen<BlockSizes> smallBlocks() {
        return integers().between(1, 4).zip(integers().between(1, 40), integers().between(1, 3),
                (mcTiles, kc, ncTiles) -> new BlockSizes(mcTiles * MR, kc, ncTiles * NR));
    }

    /** m, n and k each from 1 to four micro-panels of columns and a few more. */
    private static Gen<int[]> smallShapes() {
        Gen<Integer> size = integers().between(1, 4 * NR + 3);
        return size.zip(size, size, (m, n, k) -> new int[] {m, n, k});
    }

    @Test
    void smallBlocksMatchTheOracleAcrossEveryBlockBoundary() {
        qt().withFixedSeed(SEED).withExamples(300).withGenerateAttempts(100_000)
                .forAll(smallBlocks(), GemmCases.cases(edgeSizes(new BlockSizes(2 * MR, 16, 2 * NR)), 150),
                        integers().between(1, 3))
                .checkAssert((bs, gc, threads) -> gc.check(driver(bs, threads)));
    }

    @Test
    void resultsAreBitwiseEqualForOneTwoAndThreeThreads() {
        qt().withFixedSeed(SEED).withExamples(60).withGenerateAttempts(100_000)
                .forAll(GemmCases.cases(edgeSizes(BlockSizes.DEFAULT), 300))
                .checkAssert(gc -> {
                    float[] a = gc.a();
                    float[] b = gc.b();
                    float[] c = gc.c();
                    float[] one = gc.run(driver(BlockSizes.DEFAULT, 1), a, b, c.clone());
                    for (int threads = 2; threads <= 3; threads++) {
                        float[] many = gc.run(driver(BlockSizes.DEFAULT, threads), a, b, c.clone());
                        int t = threads;
                        assertArrayEquals(one, many, () -> t + " threads differ from 1 for " + gc);
                    }
                });
    }

    /**
     * The bias start through small blocks (every boundary) and one to three threads (splits by rows and by
     * columns), with and without the ReLU taken in the last store, from B itself and from B packed once as a
     * layer's weights: the scalar loop's bits for the bias copied into C, C += A·B and then ReLU's loop.
     */
    @Test
    void theBiasStartCrossesEveryBlockBoundaryOnAnyThreadCount() {
        qt().withFixedSeed(SEED).withExamples(300).withGenerateAttempts(100_000)
                .forAll(smallBlocks(), smallShapes(), integers().between(1, 3), integers().between(0, 3))
                .checkAssert((bs, shape, threads, variant) -> {
                    boolean relu = (variant & 1) != 0;
                    boolean prepacked = (variant & 2) != 0;
                    int m = shape[0];
                    int n = shape[1];
                    int k = shape[2];
                    float[] a = org.vecnn.matrix.Matrix.random(m, k, m * 7L + k).data();
                    float[] b = org.vecnn.matrix.Matrix.random(k, n, n * 5L + k).data();
                    float[] bias = org.vecnn.matrix.Matrix.random(1, n, n).data();
                    float[] expected = new float[m * n];
                    org.vecnn.matrix.kernel.ScalarKernels.INSTANCE.sgemmWithBias(m, n, k, a, 0, k, b, 0, n, null, 0,
                            bias, 0, expected, 0, n, relu);
                    float[] actual = new float[m * n];
                    float[] packed = null;
                    if (prepacked && GemmDriver.packedSize(k, n) > 0) {
                        packed = new float[GemmDriver.packedSize(k, n)];
                        GemmDriver.packWeights(bs, false, k, n, b, 0, n, packed, 0, variant == 3);
                    }
                    GemmDriver.sgemmWithBias(bs, threads, m, n, k, a, 0, k, b, 0, n, packed, 0, bias, 0, actual, 0, n,
                            relu);
                    assertArrayEquals(expected, actual, () -> m + "x" + k + "x" + n + " with " + bs + ", " + threads
                            + " threads" + (relu ? ", ReLU" : "") + (prepacked ? ", B packed once" : ""));
                });
    }

    /**
     * op(B) packed once (plain or transposed, from an offset) through small blocks and one to three threads,
     * with op(A) plain or transposed and β 0 or 1: the scalar loop's bits, as with op(B) packed per call.
     */
    @Test
    void opBPackedOnceGivesTheScalarBits() {
        qt().withFixedSeed(SEED).withExamples(200).withGenerateAttempts(100_000)
                .forAll(smallBlocks(), smallShapes(), integers().between(1, 3), integers().between(0, 7))
                .checkAssert((bs, shape, threads, variant) -> {
                    int m = shape[0];
                    int n = shape[1];
                    int k = shape[2];
                    boolean transA = (variant & 1) != 0;
                    boolean transB = (variant & 2) != 0;
                    float beta = (variant & 4) != 0 ? 1f : 0f;
                    int lda = transA ? m : k;
                    int ldb = transB ? k : n;
                    float[] a = org.vecnn.matrix.Matrix.random(m, k, m * 3L + k).data();
                    float[] b = org.vecnn.matrix.Matrix.random(k, n, n * 11L + k).data();
                    float[] expected = org.vecnn.matrix.Matrix.random(m, n, m + n).data();
                    float[] actual = expected.clone();
                    org.vecnn.matrix.kernel.ScalarKernels.INSTANCE.sgemm(transA, transB, m, n, k, 1f, a, 0, lda, b,
                            0, ldb, beta, expected, 0, n);
                    // Fewer than NR columns have no packed form (0 floats): the call then packs as usual.
                    float[] packed = null;
                    if (GemmDriver.packedSize(k, n) > 0) {
                        packed = new float[3 + GemmDriver.packedSize(k, n)];
                        GemmDriver.packWeights(bs, transB, k, n, b, 0, ldb, packed, 3, false);
                        float[] plainlyPacked = packed.clone();
                        GemmDriver.packWeights(bs, transB, k, n, b, 0, ldb, plainlyPacked, 3, true);
                        assertArrayEquals(packed, plainlyPacked, "the plain loops' layout");
                    }
                    GemmDriver.sgemm(bs, threads, transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, packed, 3, beta,
                            actual, 0, n);
                    assertArrayEquals(expected, actual, () -> m + "x" + k + "x" + n + (transA ? " A^T" : "")
                            + (transB ? " B^T" : "") + ", beta " + beta + ", " + bs + ", " + threads + " threads");
                });
    }

    @Test
    void blockSizesMustBeWholeMicroTiles() {
        assertThrows(IllegalArgumentException.class, () -> new BlockSizes(MR + 1, 8, NR));
        assertThrows(IllegalArgumentException.class, () -> new BlockSizes(MR, 0, NR));
        BlockSizes rounded = BlockSizes.of(MR + 1, 8, NR + 1);
        assertEquals(2 * MR, rounded.mc());
        assertEquals(2 * NR, rounded.nc());
    }

    @Test
    void threadsGrowWithTheProblemAndNeverExceedWhatIsAvailable() {
        assertEquals(1, GemmDriver.threadsFor(8, 16, 16, 16));
        assertEquals(2, GemmDriver.threadsFor(2, 1024, 1024, 1024));
        assertEquals(1, GemmDriver.threadsFor(1, 1024, 1024, 1024));
    }
}
