package org.vecnn.matrix.kernel.gemm;

import static org.vecnn.matrix.kernel.gemm.MicroKernel.LANES;
import static org.vecnn.matrix.kernel.gemm.MicroKernel.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packs lines that run along k (the rows of a row-major A, the rows of W behind a transposed B) into
 * micro-panels, whose steps hold the lines' values side by side, a vector of steps at a time: the line
 * vectors are transposed in registers by levels of two-vector permutes, each interleaving pairs of vectors
 * in units of 1, 2, 4 (and 8) lines, instead of a scalar load and store, or a gather, per value. A copy, so
 * the panel's bits are the plain loop's. {@link #fits} says which panel widths this JVM's species can take.
 *
 * <p>The lines move as their int bits, with int index vectors: a float index vector is converted and checked
 * on every permute. The loads and stores are written out, not behind helpers, whose extra call levels take the
 * sixteen-line transpose past the JIT's inlining budget.
 */
final class RegisterTranspose {

    /** Eight lines need a multiple of eight lanes (8 on AVX2, 16 on AVX-512). */
    private static final boolean EIGHT_LINES = LANES % 8 == 0;
    /** Sixteen lines need sixteen lanes (AVX-512). */
    private static final boolean SIXTEEN_LINES = LANES == 16;

    /** The species of ints as wide as the floats. */
    private static final VectorSpecies<Integer> BITS = SPECIES.withLanes(int.class);

    private static final IntVector ONE_LOW = interleave(1, 0);
    private static final IntVector ONE_HIGH = interleave(1, 1);
    private static final IntVector TWO_LOW = interleave(2, 0);
    private static final IntVector TWO_HIGH = interleave(2, 1);
    private static final IntVector FOUR_LOW = interleave(4, 0);
    private static final IntVector FOUR_HIGH = interleave(4, 1);
    private static final IntVector EIGHT_LOW = interleave(8, 0);
    private static final IntVector EIGHT_HIGH = interleave(8, 1);

    private RegisterTranspose() {
    }

    /**
     * Whether a whole panel of {@code width} lines can be transposed: 8 lines, a multiple of 16 at 16 lanes,
     * a multiple of 8 at 8 lanes.
     */
    static boolean fits(int width) {
        return SIXTEEN_LINES && width % 16 == 0 || EIGHT_LINES && (width == 8 || LANES == 8 && width % 8 == 0);
    }

    /**
     * {@code packed[dst + p·width + r] = src[offset + r·lineStride + p]} for r below {@code width} and p below
     * {@code steps}: a whole panel of lines adjacent along p, for a width that {@link #fits}.
     */
    static void pack(int width, int steps, float[] src, int offset, int lineStride, float[] packed, int dst) {
        if (width == 8 || !SIXTEEN_LINES) {
            for (int line = 0; line < width; line += 8) {
                eightLines(steps, src, offset + line * lineStride, lineStride, width, packed, dst + line);
            }
            return;
        }
        for (int line = 0; line < width; line += 16) {
            sixteenLines(steps, src, offset + line * lineStride, lineStride, width, packed, dst + line);
        }
    }

    /**
     * The index vector (for {@code selectFrom(x, y)}) that interleaves units of {@code unit} lanes from x
     * and y, taken from the given half of each: x's first unit, y's first, x's second, and so on.
     */
    private static IntVector interleave(int unit, int half) {
        int[] indexes = new int[LANES];
        for (int t = 0; t < LANES; t++) {
            int group = t / (2 * unit);
            int within = t % (2 * unit);
            int source = half * LANES / 2 + group * unit + within % unit;
            indexes[t] = within < unit ? source : LANES + source;
        }
        return IntVector.fromArray(BITS, indexes, 0);
    }

    /**
     * {@code packed[dst + p·width + r] = a[offset + r·rowStride + p]} for r below 8 and p below kc, width 8 or,
     * at 8 lanes (one step per vector), any multiple of 8 (eight of a wider panel's lines): the steps in whole
     * vectors by the transpose, the rest one by one.
     */
    private static void eightLines(int kc, float[] a, int offset, int rowStride, int width, float[] packed,
                                   int dst) {
        int stepsPerVector = LANES / 8;
        int p = 0;
        for (; p + LANES <= kc; p += LANES) {
            int at = offset + p;
            IntVector r0 = FloatVector.fromArray(SPECIES, a, at).reinterpretAsInts();
            IntVector r1 = FloatVector.fromArray(SPECIES, a, at + rowStride).reinterpretAsInts();
            IntVector r2 = FloatVector.fromArray(SPECIES, a, at + 2 * rowStride).reinterpretAsInts();
            IntVector r3 = FloatVector.fromArray(SPECIES, a, at + 3 * rowStride).reinterpretAsInts();
            IntVector r4 = FloatVector.fromArray(SPECIES, a, at + 4 * rowStride).reinterpretAsInts();
            IntVector r5 = FloatVector.fromArray(SPECIES, a, at + 5 * rowStride).reinterpretAsInts();
            IntVector r6 = FloatVector.fromArray(SPECIES, a, at + 6 * rowStride).reinterpretAsInts();
            IntVector r7 = FloatVector.fromArray(SPECIES, a, at + 7 * rowStride).reinterpretAsInts();
            // Rows in pairs, steps [0, L/2) and [L/2, L).
            IntVector p01Low = ONE_LOW.selectFrom(r0, r1);
            IntVector p01High = ONE_HIGH.selectFrom(r0, r1);
            IntVector p23Low = ONE_LOW.selectFrom(r2, r3);
            IntVector p23High = ONE_HIGH.selectFrom(r2, r3);
            IntVector p45Low = ONE_LOW.selectFrom(r4, r5);
            IntVector p45High = ONE_HIGH.selectFrom(r4, r5);
            IntVector p67Low = ONE_LOW.selectFrom(r6, r7);
            IntVector p67High = ONE_HIGH.selectFrom(r6, r7);
            // Rows in fours, steps in quarters.
            IntVector q0123First = TWO_LOW.selectFrom(p01Low, p23Low);
            IntVector q0123Second = TWO_HIGH.selectFrom(p01Low, p23Low);
            IntVector q0123Third = TWO_LOW.selectFrom(p01High, p23High);
            IntVector q0123Fourth = TWO_HIGH.selectFrom(p01High, p23High);
            IntVector q4567First = TWO_LOW.selectFrom(p45Low, p67Low);
            IntVector q4567Second = TWO_HIGH.selectFrom(p45Low, p67Low);
            IntVector q4567Third = TWO_LOW.selectFrom(p45High, p67High);
            IntVector q4567Fourth = TWO_HIGH.selectFrom(p45High, p67High);
            // All eight rows, steps in eighths: the panel's next L steps in order.
            int out = dst + p * width;
            int next = stepsPerVector * width;
            FOUR_LOW.selectFrom(q0123First, q4567First).reinterpretAsFloats().intoArray(packed, out);
            FOUR_HIGH.selectFrom(q0123First, q4567First).reinterpretAsFloats().intoArray(packed, out + next);
            FOUR_LOW.selectFrom(q0123Second, q4567Second).reinterpretAsFloats().intoArray(packed, out + 2 * next);
            FOUR_HIGH.selectFrom(q0123Second, q4567Second).reinterpretAsFloats().intoArray(packed, out + 3 * next);
            FOUR_LOW.selectFrom(q0123Third, q4567Third).reinterpretAsFloats().intoArray(packed, out + 4 * next);
            FOUR_HIGH.selectFrom(q0123Third, q4567Third).reinterpretAsFloats().intoArray(packed, out + 5 * next);
            FOUR_LOW.selectFrom(q0123Fourth, q4567Fourth).reinterpretAsFloats().intoArray(packed, out + 6 * next);
            FOUR_HIGH.selectFrom(q0123Fourth, q4567Fourth).reinterpretAsFloats().intoArray(packed, out + 7 * next);
        }
        for (; p < kc; p++) {
            for (int r = 0; r < 8; r++) {
                packed[dst + p * width + r] = a[offset + r * rowStride + p];
            }
        }
    }

    /**
     * {@code packed[dst + p·width + r] = b[offset + r·lineStride + p]} for r below 16 and p below kc: a
     * micro-panel's 16 lines (half of an AVX-512 B panel, at {@code dst} and {@code dst + 16}) from lines
     * adjacent along p, whole vectors of steps by the transpose, the rest one by one.
     */
    private static void sixteenLines(int kc, float[] b, int offset, int lineStride, int width, float[] packed,
                                     int dst) {
        int p = 0;
        for (; p + LANES <= kc; p += LANES) {
            int at = offset + p;
            IntVector l0 = FloatVector.fromArray(SPECIES, b, at).reinterpretAsInts();
            IntVector l1 = FloatVector.fromArray(SPECIES, b, at + lineStride).reinterpretAsInts();
            IntVector l2 = FloatVector.fromArray(SPECIES, b, at + 2 * lineStride).reinterpretAsInts();
            IntVector l3 = FloatVector.fromArray(SPECIES, b, at + 3 * lineStride).reinterpretAsInts();
            IntVector l4 = FloatVector.fromArray(SPECIES, b, at + 4 * lineStride).reinterpretAsInts();
            IntVector l5 = FloatVector.fromArray(SPECIES, b, at + 5 * lineStride).reinterpretAsInts();
            IntVector l6 = FloatVector.fromArray(SPECIES, b, at + 6 * lineStride).reinterpretAsInts();
            IntVector l7 = FloatVector.fromArray(SPECIES, b, at + 7 * lineStride).reinterpretAsInts();
            IntVector l8 = FloatVector.fromArray(SPECIES, b, at + 8 * lineStride).reinterpretAsInts();
            IntVector l9 = FloatVector.fromArray(SPECIES, b, at + 9 * lineStride).reinterpretAsInts();
            IntVector l10 = FloatVector.fromArray(SPECIES, b, at + 10 * lineStride).reinterpretAsInts();
            IntVector l11 = FloatVector.fromArray(SPECIES, b, at + 11 * lineStride).reinterpretAsInts();
            IntVector l12 = FloatVector.fromArray(SPECIES, b, at + 12 * lineStride).reinterpretAsInts();
            IntVector l13 = FloatVector.fromArray(SPECIES, b, at + 13 * lineStride).reinterpretAsInts();
            IntVector l14 = FloatVector.fromArray(SPECIES, b, at + 14 * lineStride).reinterpretAsInts();
            IntVector l15 = FloatVector.fromArray(SPECIES, b, at + 15 * lineStride).reinterpretAsInts();
            // Lines in pairs, steps in halves.
            IntVector x0Low = ONE_LOW.selectFrom(l0, l1);
            IntVector x0High = ONE_HIGH.selectFrom(l0, l1);
            IntVector x2Low = ONE_LOW.selectFrom(l2, l3);
            IntVector x2High = ONE_HIGH.selectFrom(l2, l3);
            IntVector x4Low = ONE_LOW.selectFrom(l4, l5);
            IntVector x4High = ONE_HIGH.selectFrom(l4, l5);
            IntVector x6Low = ONE_LOW.selectFrom(l6, l7);
            IntVector x6High = ONE_HIGH.selectFrom(l6, l7);
            IntVector x8Low = ONE_LOW.selectFrom(l8, l9);
            IntVector x8High = ONE_HIGH.selectFrom(l8, l9);
            IntVector x10Low = ONE_LOW.selectFrom(l10, l11);
            IntVector x10High = ONE_HIGH.selectFrom(l10, l11);
            IntVector x12Low = ONE_LOW.selectFrom(l12, l13);
            IntVector x12High = ONE_HIGH.selectFrom(l12, l13);
            IntVector x14Low = ONE_LOW.selectFrom(l14, l15);
            IntVector x14High = ONE_HIGH.selectFrom(l14, l15);
            // Lines in fours, steps in quarters.
            IntVector y0First = TWO_LOW.selectFrom(x0Low, x2Low);
            IntVector y0Second = TWO_HIGH.selectFrom(x0Low, x2Low);
            IntVector y0Third = TWO_LOW.selectFrom(x0High, x2High);
            IntVector y0Fourth = TWO_HIGH.selectFrom(x0High, x2High);
            IntVector y4First = TWO_LOW.selectFrom(x4Low, x6Low);
            IntVector y4Second = TWO_HIGH.selectFrom(x4Low, x6Low);
            IntVector y4Third = TWO_LOW.selectFrom(x4High, x6High);
            IntVector y4Fourth = TWO_HIGH.selectFrom(x4High, x6High);
            IntVector y8First = TWO_LOW.selectFrom(x8Low, x10Low);
            IntVector y8Second = TWO_HIGH.selectFrom(x8Low, x10Low);
            IntVector y8Third = TWO_LOW.selectFrom(x8High, x10High);
            IntVector y8Fourth = TWO_HIGH.selectFrom(x8High, x10High);
            IntVector y12First = TWO_LOW.selectFrom(x12Low, x14Low);
            IntVector y12Second = TWO_HIGH.selectFrom(x12Low, x14Low);
            IntVector y12Third = TWO_LOW.selectFrom(x12High, x14High);
            IntVector y12Fourth = TWO_HIGH.selectFrom(x12High, x14High);
            // Lines in eights, steps in pairs.
            IntVector z0Steps0 = FOUR_LOW.selectFrom(y0First, y4First);
            IntVector z0Steps1 = FOUR_HIGH.selectFrom(y0First, y4First);
            IntVector z0Steps2 = FOUR_LOW.selectFrom(y0Second, y4Second);
            IntVector z0Steps3 = FOUR_HIGH.selectFrom(y0Second, y4Second);
            IntVector z0Steps4 = FOUR_LOW.selectFrom(y0Third, y4Third);
            IntVector z0Steps5 = FOUR_HIGH.selectFrom(y0Third, y4Third);
            IntVector z0Steps6 = FOUR_LOW.selectFrom(y0Fourth, y4Fourth);
            IntVector z0Steps7 = FOUR_HIGH.selectFrom(y0Fourth, y4Fourth);
            IntVector z8Steps0 = FOUR_LOW.selectFrom(y8First, y12First);
            IntVector z8Steps1 = FOUR_HIGH.selectFrom(y8First, y12First);
            IntVector z8Steps2 = FOUR_LOW.selectFrom(y8Second, y12Second);
            IntVector z8Steps3 = FOUR_HIGH.selectFrom(y8Second, y12Second);
            IntVector z8Steps4 = FOUR_LOW.selectFrom(y8Third, y12Third);
            IntVector z8Steps5 = FOUR_HIGH.selectFrom(y8Third, y12Third);
            IntVector z8Steps6 = FOUR_LOW.selectFrom(y8Fourth, y12Fourth);
            IntVector z8Steps7 = FOUR_HIGH.selectFrom(y8Fourth, y12Fourth);
            // All sixteen lines, one step per vector.
            int out = dst + p * width;
            EIGHT_LOW.selectFrom(z0Steps0, z8Steps0).reinterpretAsFloats().intoArray(packed, out);
            EIGHT_HIGH.selectFrom(z0Steps0, z8Steps0).reinterpretAsFloats().intoArray(packed, out + width);
            EIGHT_LOW.selectFrom(z0Steps1, z8Steps1).reinterpretAsFloats().intoArray(packed, out + 2 * width);
            EIGHT_HIGH.selectFrom(z0Steps1, z8Steps1).reinterpretAsFloats().intoArray(packed, out + 3 * width);
            EIGHT_LOW.selectFrom(z0Steps2, z8Steps2).reinterpretAsFloats().intoArray(packed, out + 4 * width);
            EIGHT_HIGH.selectFrom(z0Steps2, z8Steps2).reinterpretAsFloats().intoArray(packed, out + 5 * width);
            EIGHT_LOW.selectFrom(z0Steps3, z8Steps3).reinterpretAsFloats().intoArray(packed, out + 6 * width);
            EIGHT_HIGH.selectFrom(z0Steps3, z8Steps3).reinterpretAsFloats().intoArray(packed, out + 7 * width);
            EIGHT_LOW.selectFrom(z0Steps4, z8Steps4).reinterpretAsFloats().intoArray(packed, out + 8 * width);
            EIGHT_HIGH.selectFrom(z0Steps4, z8Steps4).reinterpretAsFloats().intoArray(packed, out + 9 * width);
            EIGHT_LOW.selectFrom(z0Steps5, z8Steps5).reinterpretAsFloats().intoArray(packed, out + 10 * width);
            EIGHT_HIGH.selectFrom(z0Steps5, z8Steps5).reinterpretAsFloats().intoArray(packed, out + 11 * width);
            EIGHT_LOW.selectFrom(z0Steps6, z8Steps6).reinterpretAsFloats().intoArray(packed, out + 12 * width);
            EIGHT_HIGH.selectFrom(z0Steps6, z8Steps6).reinterpretAsFloats().intoArray(packed, out + 13 * width);
            EIGHT_LOW.selectFrom(z0Steps7, z8Steps7).reinterpretAsFloats().intoArray(packed, out + 14 * width);
            EIGHT_HIGH.selectFrom(z0Steps7, z8Steps7).reinterpretAsFloats().intoArray(packed, out + 15 * width);
        }
        for (; p < kc; p++) {
            for (int r = 0; r < 16; r++) {
                packed[dst + p * width + r] = b[offset + r * lineStride + p];
            }
        }
    }
}
