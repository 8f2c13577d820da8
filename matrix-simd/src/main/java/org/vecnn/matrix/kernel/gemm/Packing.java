package org.vecnn.matrix.kernel.gemm;

import static org.vecnn.matrix.kernel.gemm.MicroKernel.LANES;
import static org.vecnn.matrix.kernel.gemm.MicroKernel.MR;
import static org.vecnn.matrix.kernel.gemm.MicroKernel.NR;
import static org.vecnn.matrix.kernel.gemm.MicroKernel.SPECIES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

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
     * for each p, the MR values {@code alpha·A[q·MR + r][p]}, rows past mc as zeros. Folding alpha into A
     * gives the products {@code fma(α·a, b, c)} that the scalar loop computes.
     */
    static void packA(int mc, int kc, float alpha, float[] a, int offset, int rowStride, int colStride,
                      float[] packed) {
        for (int i0 = 0; i0 < mc; i0 += MR) {
            panel(MR, Math.min(MR, mc - i0), kc, a, offset + i0 * rowStride, rowStride, colStride, packed, i0 * kc);
        }
        if (alpha != 1f) {
            int end = BlockSizes.roundUp(mc, MR) * kc;
            for (int i = 0; i < end; i++) {
                packed[i] *= alpha;
            }
        }
    }

    /**
     * Packs the {@code kc x nc} panel of B at {@code offset} into ceil(nc/NR) micro-panels: panel q holds,
     * for each p, the NR values {@code B[p][q·NR + j]}, columns past nc as zeros.
     */
    static void packB(int kc, int nc, float[] b, int offset, int rowStride, int colStride, float[] packed) {
        for (int j0 = 0; j0 < nc; j0 += NR) {
            panel(NR, Math.min(NR, nc - j0), kc, b, offset + j0 * colStride, colStride, rowStride, packed, j0 * kc);
        }
    }

    /**
     * Packs one micro-panel: {@code packed[dst + p·width + r] = src[offset + r·lineStride + p·stepStride]} for
     * r below {@code lines} (zero up to {@code width}) and p below {@code steps}, one step at a time: a
     * contiguous copy where the lines are adjacent, else a gather whose few source lines stay in L1 across
     * steps (measured faster than walking each line and scattering into the panel).
     */
    private static void panel(int width, int lines, int steps, float[] src, int offset, int lineStride,
                              int stepStride, float[] packed, int dst) {
        if (lineStride != 1 && lines == width && width % LANES == 0) {
            gather(width, steps, src, offset, lineStride, stepStride, packed, dst);
            return;
        }
        for (int p = 0; p < steps; p++) {
            int row = dst + p * width;
            int from = offset + p * stepStride;
            if (lineStride == 1) {
                System.arraycopy(src, from, packed, row, lines);
            } else {
                for (int r = 0; r < lines; r++) {
                    packed[row + r] = src[from + r * lineStride];
                }
            }
            if (lines < width) {
                Arrays.fill(packed, row + lines, row + width, 0f);
            }
        }
    }

    /** The strided case with whole vectors: vector gathers through an index map of line offsets. */
    private static void gather(int width, int steps, float[] src, int offset, int lineStride, int stepStride,
                               float[] packed, int dst) {
        int[] lineOffsets = GemmWorkspace.forCurrentThread(0, 0).lineOffsets(lineStride);
        for (int p = 0; p < steps; p++) {
            int row = dst + p * width;
            int from = offset + p * stepStride;
            for (int v = 0; v < width; v += LANES) {
                FloatVector.fromArray(SPECIES, src, from, lineOffsets, v).intoArray(packed, row + v);
            }
        }
    }
}
