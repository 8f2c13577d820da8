package org.vecnn.matrix.kernel.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked micro-kernel, BLIS-style: one hand-unrolled kernel per register file around the
 * shared blocking and packing loops. An MR x NR tile of C lives in MR·NV vector accumulators (named locals,
 * never an array) across the whole k loop, updated by {@code kc} rank-1 products of a packed A column (MR
 * broadcasts) and a B row (NV vector loads). NR = NV · lanes, so a tile adapts to any lane count.
 *
 * <p>{@link #CHOSEN} is fixed once per JVM by {@link TileChoice}; {@link #MR} and {@link #NR} are its
 * shape as constants for the loops around it.
 */
abstract class MicroKernel {

    /** The preferred species: 512 bits on AVX-512, 256 on AVX2, 128 on NEON. */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /** The kernel for this JVM's vector registers. */
    static final MicroKernel CHOSEN = TileChoice.chosen();
    /** Rows of the chosen C tile: one broadcast each per step. */
    static final int MR = CHOSEN.rows;
    /** Columns of the chosen C tile. */
    static final int NR = CHOSEN.vectors * LANES;

    /** Rows of this kernel's tile. */
    final int rows;
    /** Vectors across this kernel's tile: one load each per step. */
    final int vectors;

    MicroKernel(int rows, int vectors) {
        this.rows = rows;
        this.vectors = vectors;
    }

    /** Vector registers the kernel's loop holds: the accumulators, one B row and a broadcast. */
    final int registers() {
        return rows * vectors + vectors + 1;
    }

    /**
     * {@code C = start + Ã·B̃} on one whole tile: a packed micro-panel Ã (kc x MR, column by column) times a
     * micro-panel B̃ (kc rows of NR, {@code bStride} apart: NR when packed), stored into the rows of C at
     * {@code cOffset}, {@code ldc} apart. The accumulators start from the rows of {@code start} at
     * {@code startOffset}, {@code startStride} apart (C itself, its chains so far; a bias row, stride 0), or
     * from zero where {@code start} is null, and are stored once at the end: each element of C goes on being
     * one FMA chain over k across k blocks, from its bias, as the scalar loop sums it. With {@code relu} (the
     * last k block of a ReLU layer) each sum is stored as {@code max(sum, 0)}, the ReLU kernel's operation, so
     * the layer's activation costs no pass over C.
     */
    abstract void multiply(int kc, float[] a, int aOffset, float[] b, int bOffset, int bStride, float[] start,
                           int startOffset, int startStride, float[] c, int cOffset, int ldc, boolean relu);

    @Override
    public String toString() {
        return rows + "x" + vectors;
    }

    /**
     * How many of {@code count} rows, from {@code offset} every {@code stride} (positive) values, have a whole
     * vector in an array of this length.
     */
    static int rowsInRange(int count, int offset, int stride, int length) {
        long room = (long) length - LANES - offset;
        return room < 0 ? 0 : (int) Math.min(count, room / stride + 1);
    }

    /**
     * Copies {@code rows x cols} floats between two row-major views (a partial tile of C and the workspace
     * tile), whole vectors first, then the remaining columns as one masked vector (where it would run past
     * an array's end, the JDK checks the mask's lanes first: a few nanoseconds, what a short scalar loop costs).
     */
    static void copy(int rows, int cols, float[] from, int fromOffset, int fromStride, float[] to, int toOffset,
                     int toStride) {
        int vectorCols = cols / LANES * LANES;
        VectorMask<Float> rest = SPECIES.indexInRange(vectorCols, cols);
        for (int i = 0; i < rows; i++) {
            int f = fromOffset + i * fromStride;
            int t = toOffset + i * toStride;
            for (int j = 0; j < vectorCols; j += LANES) {
                FloatVector.fromArray(SPECIES, from, f + j).intoArray(to, t + j);
            }
            if (vectorCols < cols) {
                FloatVector.fromArray(SPECIES, from, f + vectorCols, rest).intoArray(to, t + vectorCols, rest);
            }
        }
    }
}
