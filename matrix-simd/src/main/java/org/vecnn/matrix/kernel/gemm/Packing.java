package org.vecnn.matrix.kernel.gemm;

import static org.vecnn.matrix.kernel.gemm.MicroKernel.MR;
import static org.vecnn.matrix.kernel.gemm.MicroKernel.NR;

import java.util.Arrays;

/**
 * Copies blocks of A and B into the micro-panel layouts the micro-kernel streams through. Operands are
 * read through a (row stride, column stride) view, which is how the transposes are absorbed: a
 * transposed operand is the same view with the strides swapped. Panels are zero-padded to whole
 * micro-tiles, so the micro-kernel has no tails.
 */
final class Packing {

    private Packing() {
    }

    /**
     * Packs the {@code mc x kc} block of A at {@code offset} into ceil(mc/MR) micro-panels: panel q holds,
     * for each p, the MR values {@code A[q·MR + r][p]}, rows past mc as zeros.
     */
    static void packA(int mc, int kc, float[] a, int offset, int rowStride, int colStride, float[] packed) {
        int dst = 0;
        for (int i0 = 0; i0 < mc; i0 += MR) {
            int rows = Math.min(MR, mc - i0);
            for (int p = 0; p < kc; p++) {
                int src = offset + i0 * rowStride + p * colStride;
                for (int r = 0; r < rows; r++) {
                    packed[dst + r] = a[src + r * rowStride];
                }
                if (rows < MR) {
                    Arrays.fill(packed, dst + rows, dst + MR, 0f);
                }
                dst += MR;
            }
        }
    }

    /**
     * Packs the {@code kc x nc} panel of B at {@code offset} into ceil(nc/NR) micro-panels: panel q holds,
     * for each p, the NR values {@code B[p][q·NR + j]}, columns past nc as zeros.
     */
    static void packB(int kc, int nc, float[] b, int offset, int rowStride, int colStride, float[] packed) {
        int dst = 0;
        for (int j0 = 0; j0 < nc; j0 += NR) {
            int cols = Math.min(NR, nc - j0);
            for (int p = 0; p < kc; p++) {
                int src = offset + p * rowStride + j0 * colStride;
                if (colStride == 1) {
                    System.arraycopy(b, src, packed, dst, cols);
                } else {
                    for (int j = 0; j < cols; j++) {
                        packed[dst + j] = b[src + j * colStride];
                    }
                }
                if (cols < NR) {
                    Arrays.fill(packed, dst + cols, dst + NR, 0f);
                }
                dst += NR;
            }
        }
    }
}
