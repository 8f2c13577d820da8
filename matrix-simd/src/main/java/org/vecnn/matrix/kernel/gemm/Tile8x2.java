package org.vecnn.matrix.kernel.gemm;

import jdk.incubator.vector.FloatVector;

/**
 * The kernel for 32 vector registers (AVX-512, and NEON or SVE on aarch64): an 8 x 2-vector tile, 16
 * accumulators, two B vectors and a broadcast. 8 rows suit the network shapes, multiples of 8 (32, 128,
 * 256, 784 rows).
 */
final class Tile8x2 extends MicroKernel {

    Tile8x2() {
        super(8, 2);
    }

    @Override
    void multiply(int kc, float[] a, int aOffset, float[] b, int bOffset, int bStride, float[] start,
                  int startOffset, int startStride, float[] c, int cOffset, int ldc, boolean relu) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
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
            c50 = FloatVector.fromArray(SPECIES, start, startOffset + 5 * startStride);
            c51 = FloatVector.fromArray(SPECIES, start, startOffset + 5 * startStride + LANES);
            c60 = FloatVector.fromArray(SPECIES, start, startOffset + 6 * startStride);
            c61 = FloatVector.fromArray(SPECIES, start, startOffset + 6 * startStride + LANES);
            c70 = FloatVector.fromArray(SPECIES, start, startOffset + 7 * startStride);
            c71 = FloatVector.fromArray(SPECIES, start, startOffset + 7 * startStride + LANES);
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
            c50 = zero;
            c51 = zero;
            c60 = zero;
            c61 = zero;
            c70 = zero;
            c71 = zero;
        }
        // Indexed from p, not by running offsets as Tile5x2: that form measured slower in a training step here.
        for (int p = 0; p < kc; p++) {
            int ai = aOffset + p * 8;
            int bi = bOffset + p * bStride;
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
            ar = FloatVector.broadcast(SPECIES, a[ai + 5]);
            c50 = ar.fma(b0, c50);
            c51 = ar.fma(b1, c51);
            ar = FloatVector.broadcast(SPECIES, a[ai + 6]);
            c60 = ar.fma(b0, c60);
            c61 = ar.fma(b1, c61);
            ar = FloatVector.broadcast(SPECIES, a[ai + 7]);
            c70 = ar.fma(b0, c70);
            c71 = ar.fma(b1, c71);
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
            c50 = c50.max(zero);
            c51 = c51.max(zero);
            c60 = c60.max(zero);
            c61 = c61.max(zero);
            c70 = c70.max(zero);
            c71 = c71.max(zero);
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
        c50.intoArray(c, cOffset + 5 * ldc);
        c51.intoArray(c, cOffset + 5 * ldc + LANES);
        c60.intoArray(c, cOffset + 6 * ldc);
        c61.intoArray(c, cOffset + 6 * ldc + LANES);
        c70.intoArray(c, cOffset + 7 * ldc);
        c71.intoArray(c, cOffset + 7 * ldc + LANES);
    }
}
