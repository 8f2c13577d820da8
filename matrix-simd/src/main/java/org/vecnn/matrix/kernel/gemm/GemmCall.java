package org.vecnn.matrix.kernel.gemm;

import static org.vecnn.matrix.kernel.gemm.MicroKernel.MR;
import static org.vecnn.matrix.kernel.gemm.MicroKernel.NR;

import java.util.function.IntConsumer;

/**
 * One blocked GEMM call, runnable in parts: the operands as strided views (element (i, p) of op(A) is
 * {@code a[aOffset + i·aRowStride + p·aColStride]}, likewise op(B); C is row-major with {@code ldc}), the
 * block sizes, and how the call is split between threads — by whole micro-tiles of C's columns or rows,
 * never k. One instance per thread is reused from call to call, so a call allocates nothing, and it is
 * cleared afterwards so that it never keeps the caller's arrays alive.
 */
final class GemmCall implements IntConsumer {

    BlockSizes blocks;
    int m;
    int n;
    int k;
    float alpha;
    /** Where the first k block's chains start: element (i, j) at start[startOffset + i·startStride + j], or 0. */
    float[] start;
    int startOffset;
    int startStride;
    float[] a;
    int aOffset;
    int aRowStride;
    int aColStride;
    float[] b;
    int bOffset;
    int bRowStride;
    int bColStride;
    /** B as {@link GemmDriver#packWeights} laid it out for these block sizes, or null: then B is packed here. */
    float[] packedB;
    int packedOffset;
    float[] c;
    int cOffset;
    int ldc;
    /** Whether the last k block stores {@code max(sum, 0)}: a ReLU layer's activation, fused. */
    boolean relu;
    private boolean splitColumns;
    private int tiles;
    private int parts;

    GemmCall set(BlockSizes blocks, boolean transA, boolean transB, int m, int n, int k, float alpha,
                 float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb, float[] packedB, int packedOffset,
                 float[] start, int startOffset, int startStride, float[] c, int cOffset, int ldc, boolean relu) {
        this.blocks = blocks;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.start = start;
        this.startOffset = startOffset;
        this.startStride = startStride;
        this.a = a;
        this.aOffset = aOffset;
        this.aRowStride = transA ? 1 : lda;
        this.aColStride = transA ? lda : 1;
        this.b = b;
        this.bOffset = bOffset;
        this.bRowStride = transB ? 1 : ldb;
        this.bColStride = transB ? ldb : 1;
        this.packedB = packedB;
        this.packedOffset = packedOffset;
        this.c = c;
        this.cOffset = cOffset;
        this.ldc = ldc;
        this.relu = relu;
        return this;
    }

    /**
     * Splits the call into {@code threads} parts by column tiles, else by row tiles where there are too
     * few columns, else not at all; returns the number of parts.
     */
    int split(int threads) {
        int columnTiles = (n + NR - 1) / NR;
        int rowTiles = (m + MR - 1) / MR;
        splitColumns = threads <= 1 || columnTiles >= threads || rowTiles < threads;
        tiles = splitColumns ? columnTiles : rowTiles;
        parts = threads > 1 && tiles >= threads ? threads : 1;
        return parts;
    }

    /** Runs one part: its share of the column (or row) tiles, all of k. */
    @Override
    public void accept(int part) {
        int first = (int) ((long) tiles * part / parts);
        int end = (int) ((long) tiles * (part + 1) / parts);
        if (splitColumns) {
            GemmDriver.blocked(this, 0, m, Math.min(n, first * NR), Math.min(n, end * NR));
        } else {
            GemmDriver.blocked(this, Math.min(m, first * MR), Math.min(m, end * MR), 0, n);
        }
    }

    void clear() {
        a = null;
        b = null;
        packedB = null;
        c = null;
        start = null;
        blocks = null;
    }
}
