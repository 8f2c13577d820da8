package org.vecnn.matrix.kernel.gemm;

import static org.vecnn.matrix.kernel.gemm.MicroKernel.LANES;
import static org.vecnn.matrix.kernel.gemm.MicroKernel.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * Packs eight row-major rows of A into the 8-row micro-panel layout (for each p, the eight rows' values
 * side by side) a vector of steps at a time: eight row vectors are transposed in registers by three levels
 * of two-vector permutes, each interleaving pairs of vectors in units of 1, 2 and 4 rows, instead of 16
 * scalar loads and stores per step. A copy, so the panel's bits are the plain loop's. Needs a multiple of
 * eight lanes; {@link #APPLIES} says whether this JVM's species has them.
 */
final class EightRowTranspose {

    /** Whether the preferred species has a multiple of eight lanes (8 on AVX2, 16 on AVX-512). */
    static final boolean APPLIES = LANES % 8 == 0;

    private static final FloatVector ONE_LOW = interleave(1, 0);
    private static final FloatVector ONE_HIGH = interleave(1, 1);
    private static final FloatVector TWO_LOW = interleave(2, 0);
    private static final FloatVector TWO_HIGH = interleave(2, 1);
    private static final FloatVector FOUR_LOW = interleave(4, 0);
    private static final FloatVector FOUR_HIGH = interleave(4, 1);

    private EightRowTranspose() {
    }

    /**
     * The index vector (for {@code selectFrom(x, y)}) that interleaves units of {@code unit} lanes from x
     * and y, taken from the given half of each: x's first unit, y's first, x's second, and so on.
     */
    private static FloatVector interleave(int unit, int half) {
        float[] indexes = new float[LANES];
        for (int t = 0; t < LANES; t++) {
            int group = t / (2 * unit);
            int within = t % (2 * unit);
            int source = half * LANES / 2 + group * unit + within % unit;
            indexes[t] = within < unit ? source : LANES + source;
        }
        return FloatVector.fromArray(SPECIES, indexes, 0);
    }

    /**
     * {@code packed[dst + p·8 + r] = a[offset + r·rowStride + p]} for r below 8 and p below kc: the steps in
     * whole vectors by the transpose, the rest one by one.
     */
    static void pack(int kc, float[] a, int offset, int rowStride, float[] packed, int dst) {
        int p = 0;
        for (; p + LANES <= kc; p += LANES) {
            int at = offset + p;
            FloatVector r0 = FloatVector.fromArray(SPECIES, a, at);
            FloatVector r1 = FloatVector.fromArray(SPECIES, a, at + rowStride);
            FloatVector r2 = FloatVector.fromArray(SPECIES, a, at + 2 * rowStride);
            FloatVector r3 = FloatVector.fromArray(SPECIES, a, at + 3 * rowStride);
            FloatVector r4 = FloatVector.fromArray(SPECIES, a, at + 4 * rowStride);
            FloatVector r5 = FloatVector.fromArray(SPECIES, a, at + 5 * rowStride);
            FloatVector r6 = FloatVector.fromArray(SPECIES, a, at + 6 * rowStride);
            FloatVector r7 = FloatVector.fromArray(SPECIES, a, at + 7 * rowStride);
            // Rows in pairs, steps [0, L/2) and [L/2, L).
            FloatVector p01Low = ONE_LOW.selectFrom(r0, r1);
            FloatVector p01High = ONE_HIGH.selectFrom(r0, r1);
            FloatVector p23Low = ONE_LOW.selectFrom(r2, r3);
            FloatVector p23High = ONE_HIGH.selectFrom(r2, r3);
            FloatVector p45Low = ONE_LOW.selectFrom(r4, r5);
            FloatVector p45High = ONE_HIGH.selectFrom(r4, r5);
            FloatVector p67Low = ONE_LOW.selectFrom(r6, r7);
            FloatVector p67High = ONE_HIGH.selectFrom(r6, r7);
            // Rows in fours, steps in quarters.
            FloatVector q0123First = TWO_LOW.selectFrom(p01Low, p23Low);
            FloatVector q0123Second = TWO_HIGH.selectFrom(p01Low, p23Low);
            FloatVector q0123Third = TWO_LOW.selectFrom(p01High, p23High);
            FloatVector q0123Fourth = TWO_HIGH.selectFrom(p01High, p23High);
            FloatVector q4567First = TWO_LOW.selectFrom(p45Low, p67Low);
            FloatVector q4567Second = TWO_HIGH.selectFrom(p45Low, p67Low);
            FloatVector q4567Third = TWO_LOW.selectFrom(p45High, p67High);
            FloatVector q4567Fourth = TWO_HIGH.selectFrom(p45High, p67High);
            // All eight rows, steps in eighths: the panel's next L steps in order.
            int out = dst + p * 8;
            FOUR_LOW.selectFrom(q0123First, q4567First).intoArray(packed, out);
            FOUR_HIGH.selectFrom(q0123First, q4567First).intoArray(packed, out + LANES);
            FOUR_LOW.selectFrom(q0123Second, q4567Second).intoArray(packed, out + 2 * LANES);
            FOUR_HIGH.selectFrom(q0123Second, q4567Second).intoArray(packed, out + 3 * LANES);
            FOUR_LOW.selectFrom(q0123Third, q4567Third).intoArray(packed, out + 4 * LANES);
            FOUR_HIGH.selectFrom(q0123Third, q4567Third).intoArray(packed, out + 5 * LANES);
            FOUR_LOW.selectFrom(q0123Fourth, q4567Fourth).intoArray(packed, out + 6 * LANES);
            FOUR_HIGH.selectFrom(q0123Fourth, q4567Fourth).intoArray(packed, out + 7 * LANES);
        }
        for (; p < kc; p++) {
            for (int r = 0; r < 8; r++) {
                packed[dst + p * 8 + r] = a[offset + r * rowStride + p];
            }
        }
    }
}
