package org.vecnn.matrix.kernel.gemm;

import static org.vecnn.matrix.kernel.gemm.MicroKernel.LANES;
import static org.vecnn.matrix.kernel.gemm.MicroKernel.MR;
import static org.vecnn.matrix.kernel.gemm.MicroKernel.NR;
import static org.vecnn.matrix.kernel.gemm.MicroKernel.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

import org.vecnn.matrix.parallel.Parallelism;

/**
 * The BLIS-structured GEMM: five loops around the micro-kernel (Goto and van de Geijn, "Anatomy of
 * High-Performance Matrix Multiplication").
 *
 * <pre>
 * jc over n by NC      pack B[pc.., jc..] (kc x nc) into NR-wide micro-panels
 *  pc over k by KC
 *   ic over m by MC    pack A[ic.., pc..] (mc x kc) into MR-tall micro-panels
 *    jr over nc by NR
 *     ir over mc by MR   micro-kernel on one MR x NR tile of C
 * </pre>
 *
 * Threads split the rows (ic) or columns (jc) of C at micro-tile boundaries, never k, so each element of
 * C is summed in the same order for any thread count and results are bitwise reproducible.
 */
public final class GemmDriver {

    /**
     * Multiply-adds per thread below which another thread costs more than it saves. Measured on the
     * 2-core AVX-512 machine (best of 8 interleaved rounds): 2 threads break even at 256³ (16.7 M) and
     * lose at 128³ (0.7x) and 32x784x256 (0.95x); they win from 128x784x256 (1.3x) and 512³ (1.75x).
     */
    static final long MIN_MULTIPLY_ADDS_PER_THREAD = 1L << 23;

    /**
     * Blocks of at most this many rows of C read B's rows in place instead of packing them: with few row
     * panels to reuse it, packing B costs more than it saves. Measured (best of 10): 32x784x256 ran at 38-40
     * GFLOP/s packed and 55-60 in place; at 128 rows the two were within noise, so packing resumes above 64.
     */
    static final int MAX_ROWS_UNPACKED_B = 64;

    private GemmDriver() {
    }

    /**
     * How many threads a problem of this shape should use, at most {@code available}: one per
     * {@link #MIN_MULTIPLY_ADDS_PER_THREAD} multiply-adds.
     */
    public static int threadsFor(int available, int m, int n, int k) {
        return (int) Math.max(1L, Math.min(available, (long) m * n * k / MIN_MULTIPLY_ADDS_PER_THREAD));
    }

    /**
     * {@code C = alpha·op(A)·op(B) + beta·C} on validated row-major operands with m, n, k > 0, using the
     * given block sizes, split into {@code threads} parts where C has enough micro-tiles for that.
     */
    public static void sgemm(BlockSizes blocks, int threads, boolean transA, boolean transB, int m, int n, int k,
                             float alpha, float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc) {
        sgemm(blocks, threads, transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, null, 0, beta, c,
                cOffset, ldc);
    }

    /**
     * {@link #sgemm}, with op(B) also given as {@link #packWeights} laid it out for these block sizes from
     * {@code packedOffset} (or {@code packedB} null), which the blocked path reads instead of packing op(B).
     */
    public static void sgemm(BlockSizes blocks, int threads, boolean transA, boolean transB, int m, int n, int k,
                             float alpha, float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                             float[] packedB, int packedOffset, float beta, float[] c, int cOffset, int ldc) {
        if (beta != 0f && beta != 1f) {
            scale(m, n, beta, c, cOffset, ldc);
        }
        multiply(blocks, threads, transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, packedB,
                packedOffset, beta == 0f ? null : c, cOffset, ldc, c, cOffset, ldc, false);
    }

    /**
     * {@code C = A·B + bias} (every row of C starts from the bias row), then with {@code relu} {@code max(C, 0)},
     * on validated row-major operands with m, n, k > 0: a dense layer's output in one pass over C, each element
     * one FMA chain over k from its bias, bit for bit what copying the bias into C, calling {@link #sgemm} with
     * β = 1 and then the ReLU kernel gives. The blocked path applies the ReLU in the micro-kernel's last store;
     * the small one, whose C is a few rows in cache, in a pass after it.
     */
    public static void sgemmWithBias(BlockSizes blocks, int threads, int m, int n, int k, float[] a, int aOffset,
                                     int lda, float[] b, int bOffset, int ldb, float[] packedB, int packedOffset,
                                     float[] bias, int biasOffset, float[] c, int cOffset, int ldc, boolean relu) {
        multiply(blocks, threads, false, false, m, n, k, 1f, a, aOffset, lda, b, bOffset, ldb, packedB, packedOffset,
                bias, biasOffset, 0, c, cOffset, ldc, relu);
    }

    /**
     * The floats {@link #packWeights} writes for a k x n op(B), k rows of whole NR-wide panels; 0 for fewer
     * than NR columns, which the small path multiplies as they are (a packed copy would go unread and be
     * mostly padding).
     */
    public static int packedSize(int k, int n) {
        return n < NR ? 0 : Math.multiplyExact(k, BlockSizes.roundUp(n, NR));
    }

    /**
     * Copies op(B) (k x n; B row-major, {@code ldb} apart from {@code bOffset}) into {@code packed} from
     * {@code packedOffset} as the blocked path packs it with these block sizes: k block by k block
     * ({@link #evenBlock}, which depends on k only), the block from row pc at {@code pc · roundUp(n, NR)}, its
     * micro-panels {@code kc · NR} apart. A layer's weights, packed once like this, are multiplied without a
     * copy per call: the same reads in the same order, so the same bits. With {@code plainLoops} the panels are
     * copied value by value (the same layout), for callers whose vector code is not compiled yet: the Vector
     * API in the interpreter costs many times a plain loop there.
     */
    public static void packWeights(BlockSizes blocks, boolean transB, int k, int n, float[] b, int bOffset, int ldb,
                                   float[] packed, int packedOffset, boolean plainLoops) {
        int kcMax = evenBlock(k, blocks.kc(), 1);
        int width = BlockSizes.roundUp(n, NR);
        int rowStride = transB ? 1 : ldb;
        int colStride = transB ? ldb : 1;
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            int block = packedOffset + pc * width;
            int from = bOffset + pc * rowStride;
            if (plainLoops) {
                Packing.packBPlainly(kc, n, b, from, rowStride, colStride, packed, block);
            } else {
                Packing.packB(kc, n, b, from, rowStride, colStride, packed, block);
            }
        }
    }

    /**
     * The products, each chain starting from {@code start} (see {@link GemmCall#start}) or from zero, stored
     * as {@code max(sum, 0)} with {@code relu}; the blocked path reads B's panels from {@code packedB} where
     * it is given ({@link #packWeights}), the small path reads B itself.
     */
    private static void multiply(BlockSizes blocks, int threads, boolean transA, boolean transB, int m, int n,
                                 int k, float alpha, float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                                 float[] packedB, int packedOffset, float[] start, int startOffset,
                                 int startStride, float[] c, int cOffset, int ldc, boolean relu) {
        if (SmallGemm.applies(transB, m, n, k)) {
            SmallGemm.multiply(m, n, k, alpha, a, aOffset, transA ? 1 : lda, transA ? lda : 1, b, bOffset, ldb,
                    start, startOffset, startStride, c, cOffset, ldc);
            if (relu) {
                relu(m, n, c, cOffset, ldc);
            }
            return;
        }
        GemmCall call = GemmWorkspace.forCurrentThread(0, 0).call.set(blocks, transA, transB, m, n, k, alpha, a,
                aOffset, lda, b, bOffset, ldb, packedB, packedOffset, start, startOffset, startStride, c, cOffset, ldc,
                relu);
        try {
            Parallelism.run(call.split(threads), call);
        } finally {
            call.clear();
        }
    }

    /** {@code C = max(C, 0)} over m rows of n, the ReLU kernel's vector operation, the last vector masked. */
    private static void relu(int m, int n, float[] c, int cOffset, int ldc) {
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            for (int j = 0; j < n; j += LANES) {
                VectorMask<Float> lanes = SPECIES.indexInRange(j, n);
                FloatVector.fromArray(SPECIES, c, row + j, lanes).max(zero).intoArray(c, row + j, lanes);
            }
        }
    }

    /**
     * {@code C = β·C} before the products, so that every path then starts each element's FMA chain from C
     * (β = 1) or from zero (β = 0), as the scalar loop does. A general β thus costs one pass over C.
     */
    private static void scale(int m, int n, float beta, float[] c, int cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] *= beta;
            }
        }
    }

    /**
     * The block size that splits {@code extent} into as few blocks of at most {@code max} as possible, of
     * equal size rounded up to {@code multiple}: no short last block (k = 784 with KC = 256 runs 4 x 196,
     * not 3 x 256 + 16). The k split depends only on k, so summation order does not depend on threads.
     */
    static int evenBlock(int extent, int max, int multiple) {
        int count = (extent + max - 1) / max;
        return Math.min(max, BlockSizes.roundUp((extent + count - 1) / count, multiple));
    }

    /** The five loops over rows [i0, i1) and columns [j0, j1) of C, on the calling thread. */
    static void blocked(GemmCall call, int i0, int i1, int j0, int j1) {
        BlockSizes blocks = call.blocks;
        if (i0 >= i1 || j0 >= j1) {
            return;
        }
        int kcMax = evenBlock(call.k, blocks.kc(), 1);
        int mcMax = evenBlock(i1 - i0, blocks.rowsFor(kcMax), MR);
        int ncMax = Math.min(blocks.nc(), BlockSizes.roundUp(j1 - j0, NR));
        boolean prepacked = call.packedB != null;
        GemmWorkspace ws = GemmWorkspace.forCurrentThread(mcMax * kcMax, prepacked ? 0 : kcMax * ncMax);
        boolean packB = !prepacked && (call.bColStride != 1 || i1 - i0 > MAX_ROWS_UNPACKED_B);
        int packedWidth = BlockSizes.roundUp(call.n, NR);
        for (int jc = j0; jc < j1; jc += ncMax) {
            int nc = Math.min(ncMax, j1 - jc);
            for (int pc = 0; pc < call.k; pc += kcMax) {
                int kc = Math.min(kcMax, call.k - pc);
                // The first k block starts from the call's start rows (C, a bias, or zero), the others from C.
                float[] start = pc == 0 ? call.start : call.c;
                int startColumn = (pc == 0 ? call.startOffset : call.cOffset) + jc;
                int startStride = pc == 0 ? call.startStride : call.ldc;
                int bBlock = call.bOffset + pc * call.bRowStride + jc * call.bColStride;
                if (packB) {
                    Packing.packB(kc, nc, call.b, bBlock, call.bRowStride, call.bColStride, ws.packedB, 0);
                } else if (!prepacked && nc % NR != 0) {
                    Packing.packB(kc, nc % NR, call.b, bBlock + nc / NR * NR, call.bRowStride, 1, ws.packedB, 0);
                }
                float[] panels = prepacked ? call.packedB : ws.packedB;
                int panelsOffset = prepacked ? call.packedOffset + pc * packedWidth + jc * kc : 0;
                for (int ic = i0; ic < i1; ic += mcMax) {
                    int mc = Math.min(mcMax, i1 - ic);
                    Packing.packA(mc, kc, call.alpha, call.a, call.aOffset + ic * call.aRowStride
                            + pc * call.aColStride, call.aRowStride, call.aColStride, ws.packedA);
                    macroKernel(mc, nc, kc, ws, packB || prepacked ? null : call.b, bBlock, call.bRowStride,
                            panels, panelsOffset, start,
                            startColumn + ic * startStride, startStride, call.c, call.cOffset + ic * call.ldc + jc,
                            call.ldc, call.relu && pc + kc == call.k);
                }
            }
        }
    }

    /**
     * Sweeps the micro-kernel over one block of C. A whole tile is multiplied in place in C; a partial one
     * (the bottom or right edge) in the workspace tile, started from its start rows and copied back. B
     * micro-panels come from the packed {@code panels} (from {@code panelsOffset}, {@code kc · NR} apart), or,
     * where {@code b} is given, straight from B's rows (stride {@code ldb} from {@code bBlock}) with only a
     * partial last micro-panel packed, at {@code panelsOffset}. The chains start from the
     * block's {@code start} rows ({@code startStride} apart: C's chains so far, a bias row with stride 0), or
     * from zero where it is null (the first k block with β = 0, when C is not read). With {@code relu} (the
     * last k block of a ReLU layer) the tiles are stored as {@code max(sum, 0)}.
     */
    private static void macroKernel(int mc, int nc, int kc, GemmWorkspace ws, float[] b, int bBlock, int ldb,
                                    float[] panels, int panelsOffset, float[] start, int startOffset,
                                    int startStride, float[] c, int cOffset, int ldc, boolean relu) {
        MicroKernel kernel = MicroKernel.CHOSEN;
        float[] tile = ws.tile;
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            boolean direct = b != null && nr == NR;
            float[] bPanelArray = direct ? b : panels;
            int bPanel = direct ? bBlock + jr : b == null ? panelsOffset + jr * kc : panelsOffset;
            int bStride = direct ? ldb : NR;
            for (int ir = 0; ir < mc; ir += MR) {
                int rows = Math.min(MR, mc - ir);
                int at = cOffset + ir * ldc + jr;
                int from = startOffset + ir * startStride + jr;
                if (rows == MR && nr == NR) {
                    kernel.multiply(kc, ws.packedA, ir * kc, bPanelArray, bPanel, bStride, start, from, startStride,
                            c, at, ldc, relu);
                } else {
                    if (start != null) {
                        MicroKernel.copy(rows, nr, start, from, startStride, tile, 0, NR);
                    }
                    kernel.multiply(kc, ws.packedA, ir * kc, bPanelArray, bPanel, bStride, start == null ? null
                            : tile, 0, NR, tile, 0, NR, relu);
                    MicroKernel.copy(rows, nr, tile, 0, NR, c, at, ldc);
                }
            }
        }
    }
}
