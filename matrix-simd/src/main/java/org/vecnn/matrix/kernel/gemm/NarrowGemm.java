package org.vecnn.matrix.kernel.gemm;

import static org.vecnn.matrix.kernel.gemm.MicroKernel.LANES;
import static org.vecnn.matrix.kernel.gemm.MicroKernel.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * C with few columns (a classifier's 10 classes, a single logit) and many rows, vectorised down its columns:
 * each accumulator holds one column of C for a vector of consecutive rows, so every lane is a wanted
 * element however narrow C is. A pass covers {@link #ROWS} rows (two vectors) by four columns: eight
 * independent FMA chains, each step two loads of op(A)'s column, four broadcasts of a row of B and eight
 * FMAs, with few index registers live.
 *
 * <p>op(A)'s rows of a pass are read where they are adjacent in memory (a transposed A, the weight
 * gradient's Xᵀ) and whole; otherwise they are first packed, zero-padded, into the workspace. Every C
 * element is one FMA chain over p in order from its start, as on every other path.
 */
final class NarrowGemm {

    /** Rows of C per pass: two vectors. */
    static final int ROWS = 2 * LANES;
    /** The widest C this path takes; wider ones fill vectors along their rows instead. */
    static final int MAX_COLUMNS = 32;
    /** Columns of C per pass. */
    private static final int COLUMNS = 4;

    private NarrowGemm() {
    }

    /**
     * Whether C of this shape takes this path: at least a pass of rows, and at most {@link #MAX_COLUMNS}
     * columns where op(A)'s rows are adjacent, at most one pass of columns otherwise: the transposing copy of
     * a row-major A costs about what the products of a few columns do, but C that narrow would leave most
     * lanes of a row vector empty.
     */
    static boolean applies(int m, int n, int aRowStride) {
        return m >= ROWS && n <= (aRowStride == 1 ? MAX_COLUMNS : COLUMNS);
    }

    /**
     * {@code C = op(A)·B + S} (α already folded into A), op(A) element (i, p) at
     * {@code a[aOffset + i·aRowStride + p·aColStride]}, B row-major with {@code ldb}, S as in
     * {@link SmallGemm#multiply}: C itself, a bias row (stride 0), or zero where {@code start} is null.
     */
    static void multiply(int m, int n, int k, float[] a, int aOffset, int aRowStride, int aColStride,
                         float[] b, int bOffset, int ldb, float[] start, int startOffset, int startStride,
                         float[] c, int cOffset, int ldc) {
        GemmWorkspace ws = GemmWorkspace.forCurrentThread(0, k * ROWS);
        float[] tile = ws.tile;
        boolean fromTile = start != null && startStride != 0;
        for (int i0 = 0; i0 < m; i0 += ROWS) {
            int rows = Math.min(ROWS, m - i0);
            int first = aOffset + i0 * aRowStride;
            boolean inPlace = rows == ROWS && aRowStride == 1;
            if (!inPlace) {
                Packing.panel(ROWS, rows, k, a, first, aRowStride, aColStride, ws.packedB, 0);
            }
            float[] panel = inPlace ? a : ws.packedB;
            int panelOffset = inPlace ? first : 0;
            int step = inPlace ? aColStride : ROWS;
            for (int j0 = 0; j0 < n; j0 += COLUMNS) {
                int cols = Math.min(COLUMNS, n - j0);
                if (fromTile) {
                    transpose(rows, cols, start, startOffset + i0 * startStride + j0, startStride, tile);
                }
                fourColumns(k, panel, panelOffset, step, b, bOffset + j0, ldb, cols,
                        fromTile ? tile : start, fromTile ? 0 : startOffset + j0, fromTile, tile);
                store(rows, cols, tile, c, cOffset + i0 * ldc + j0, ldc);
            }
        }
    }

    /**
     * Columns {@code 0..cols)} of B (the last repeated up to four) times a pass's two vectors of op(A)'s
     * rows, over all k steps; the eight column vectors go to the tile, column j's rows at
     * {@code 2j·LANES}. The chains start from the tile so laid out ({@code fromTile}), from the row
     * {@code start[startOffset + j]} broadcast down the column, or from zero where {@code start} is null.
     */
    private static void fourColumns(int k, float[] panel, int panelOffset, int step, float[] b, int bj, int ldb,
                                    int cols, float[] start, int startOffset, boolean fromTile, float[] tile) {
        int j1 = Math.min(1, cols - 1);
        int j2 = Math.min(2, cols - 1);
        int j3 = Math.min(3, cols - 1);
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        if (fromTile) {
            c00 = FloatVector.fromArray(SPECIES, tile, 0);
            c01 = FloatVector.fromArray(SPECIES, tile, LANES);
            c10 = FloatVector.fromArray(SPECIES, tile, 2 * LANES);
            c11 = FloatVector.fromArray(SPECIES, tile, 3 * LANES);
            c20 = FloatVector.fromArray(SPECIES, tile, 4 * LANES);
            c21 = FloatVector.fromArray(SPECIES, tile, 5 * LANES);
            c30 = FloatVector.fromArray(SPECIES, tile, 6 * LANES);
            c31 = FloatVector.fromArray(SPECIES, tile, 7 * LANES);
        } else if (start != null) {
            c00 = FloatVector.broadcast(SPECIES, start[startOffset]);
            c01 = c00;
            c10 = FloatVector.broadcast(SPECIES, start[startOffset + j1]);
            c11 = c10;
            c20 = FloatVector.broadcast(SPECIES, start[startOffset + j2]);
            c21 = c20;
            c30 = FloatVector.broadcast(SPECIES, start[startOffset + j3]);
            c31 = c30;
        } else {
            FloatVector zero = FloatVector.zero(SPECIES);
            c00 = zero;
            c01 = zero;
            c10 = zero;
            c11 = zero;
            c20 = zero;
            c21 = zero;
            c30 = zero;
            c31 = zero;
        }
        int end = bj + k * ldb;
        for (int ap = panelOffset, bp = bj; bp < end; ap += step, bp += ldb) {
            FloatVector a0 = FloatVector.fromArray(SPECIES, panel, ap);
            FloatVector a1 = FloatVector.fromArray(SPECIES, panel, ap + LANES);
            FloatVector w = FloatVector.broadcast(SPECIES, b[bp]);
            c00 = a0.fma(w, c00);
            c01 = a1.fma(w, c01);
            w = FloatVector.broadcast(SPECIES, b[bp + j1]);
            c10 = a0.fma(w, c10);
            c11 = a1.fma(w, c11);
            w = FloatVector.broadcast(SPECIES, b[bp + j2]);
            c20 = a0.fma(w, c20);
            c21 = a1.fma(w, c21);
            w = FloatVector.broadcast(SPECIES, b[bp + j3]);
            c30 = a0.fma(w, c30);
            c31 = a1.fma(w, c31);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, LANES);
        c10.intoArray(tile, 2 * LANES);
        c11.intoArray(tile, 3 * LANES);
        c20.intoArray(tile, 4 * LANES);
        c21.intoArray(tile, 5 * LANES);
        c30.intoArray(tile, 6 * LANES);
        c31.intoArray(tile, 7 * LANES);
    }

    /** Rows x cols of a row-major view into the tile's column layout: element (i, j) at {@code 2j·LANES + i}. */
    private static void transpose(int rows, int cols, float[] from, int offset, int stride, float[] tile) {
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                tile[j * ROWS + i] = from[offset + i * stride + j];
            }
        }
    }

    /** The tile's rows x cols (column layout) into C, row-major with {@code ldc}. */
    private static void store(int rows, int cols, float[] tile, float[] c, int cOffset, int ldc) {
        for (int i = 0; i < rows; i++) {
            int row = cOffset + i * ldc;
            for (int j = 0; j < cols; j++) {
                c[row + j] = tile[j * ROWS + i];
            }
        }
    }
}
