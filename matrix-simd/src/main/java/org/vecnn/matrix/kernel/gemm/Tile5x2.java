package org.vecnn.matrix.kernel.gemm;

import jdk.incubator.vector.FloatVector;

/**
 * The kernel for 16 vector registers (AVX and AVX2): a 5 x 2-vector tile, 10 accumulators (enough
 * independent FMA chains to cover two FMA units' latency), two B vectors and a broadcast. C2 spills the
 * 8 x 2 tile's 19 registers here, and tiles that fill all 16 (4 x 3, 6 x 2) were measured slower still.
 */
final class Tile5x2 extends MicroKernel {

    Tile5x2() {
        super(5, 2);
    }

    @Override
    void multiply(int kc, float[] a, int aOffset, float[] b, int bOffset, int bStride, float[] start,
                  int startOffset, int startStride, float[] c, int cOffset, int ldc, boolean relu) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41;
        if (start != null) {
            c00 = FloatVector.fromArray(SPECIES, start, startOffset);
            c01 = FloatVector.fromArray(SPECIES, start, startOffset + LANES);
            c10 = FloatVector.fromArray(SPECIES, start, startOffset + startStride);
            c11 = FloatVector.fromArray(SPECIES, start, startOffset + startStride + LANES);
            c20 = FloatVector.fromArray(SPECIES, start, startOffset + 2 * startStride);
            c21 = FloatVector.fromArray(SPECIES, start, startOffset + 2 * startStride + LANES);
            c30 = FloatVector.fromArray(SPECIES, start, startOffset + 3 * startStride);
            c31 = FloatVector.fromArray(SPECIES, start, startOffset + 3 * startStride + LANES);
            c40 = FloatVector.fromArray(SPECIES, start, startOffset + 4 * startStride);
            c41 = FloatVector.fromArray(SPECIES, start, startOffset + 4 * startStride + LANES);
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
            c40 = zero;
            c41 = zero;
        }
        int aEnd = aOffset + kc * 5;
        for (int ai = aOffset, bi = bOffset; ai < aEnd; ai += 5, bi += bStride) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bi + LANES);
            FloatVector ar = FloatVector.broadcast(SPECIES, a[ai]);
            c00 = ar.fma(b0, c00);
            c01 = ar.fma(b1, c01);
            ar = FloatVector.broadcast(SPECIES, a[ai + 1]);
            c10 = ar.fma(b0, c10);
            c11 = ar.fma(b1, c11);
            ar = FloatVector.broadcast(SPECIES, a[ai + 2]);
            c20 = ar.fma(b0, c20);
            c21 = ar.fma(b1, c21);
            ar = FloatVector.broadcast(SPECIES, a[ai + 3]);
            c30 = ar.fma(b0, c30);
            c31 = ar.fma(b1, c31);
            ar = FloatVector.broadcast(SPECIES, a[ai + 4]);
            c40 = ar.fma(b0, c40);
            c41 = ar.fma(b1, c41);
        }
        if (relu) {
            FloatVector zero = FloatVector.zero(SPECIES);
            c00 = c00.max(zero);
            c01 = c01.max(zero);
            c10 = c10.max(zero);
            c11 = c11.max(zero);
            c20 = c20.max(zero);
            c21 = c21.max(zero);
            c30 = c30.max(zero);
            c31 = c31.max(zero);
            c40 = c40.max(zero);
            c41 = c41.max(zero);
        }
        c00.intoArray(c, cOffset);
        c01.intoArray(c, cOffset + LANES);
        c10.intoArray(c, cOffset + ldc);
        c11.intoArray(c, cOffset + ldc + LANES);
        c20.intoArray(c, cOffset + 2 * ldc);
        c21.intoArray(c, cOffset + 2 * ldc + LANES);
        c30.intoArray(c, cOffset + 3 * ldc);
        c31.intoArray(c, cOffset + 3 * ldc + LANES);
        c40.intoArray(c, cOffset + 4 * ldc);
        c41.intoArray(c, cOffset + 4 * ldc + LANES);
    }
}
