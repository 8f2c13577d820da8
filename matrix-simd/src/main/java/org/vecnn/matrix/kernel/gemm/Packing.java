package org.vecnn.matrix.kernel.gemm;

import static org.vecnn.matrix.kernel.gemm.MicroKernel.LANES;
import static org.vecnn.matrix.kernel.gemm.MicroKernel.MR;
import static org.vecnn.matrix.kernel.gemm.MicroKernel.NR;
import static org.vecnn.matrix.kernel.gemm.MicroKernel.SPECIES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies blocks of A and B into the micro-panel layouts the micro-kernel streams through. Operands are
 * read through a (row stride, column stride) view, which is how the transposes are absorbed: a
 * transposed operand is the same view with the strides swapped. Panels are zero-padded to whole
 * micro-tiles, so the micro-kernel has no tails.
 */
final class Packing {

    /**
     * The species of exactly MR lanes, where the platform has one (MR 8: 256 bits), else null: a transposed
     * A's panel step is then one unmasked vector.
     */
    private static final VectorSpecies<Float> PANEL_SPECIES = exactly(MR);

    private Packing() {
    }

    private static VectorSpecies<Float> exactly(int lanes) {
        for (VectorShape shape : VectorShape.values()) {
            if (lanes <= LANES && shape != VectorShape.S_Max_BIT && shape.vectorBitSize() == lanes * Float.SIZE) {
                return FloatVector.SPECIES_64.withShape(shape);
            }
        }
        return null;
    }

    /**
     * Packs the {@code mc x kc} block of A at {@code offset} into ceil(mc/MR) micro-panels: panel q holds,
     * for each p, the MR values {@code alpha·A[q·MR + r][p]}, rows past mc as zeros. Folding alpha into A
     * gives the products {@code fma(α·a, b, c)} that the scalar loop computes.
     */
    static void packA(int mc, int kc, float alpha, float[] a, int offset, int rowStride, int colStride,
                      float[] packed) {
        for (int i0 = 0; i0 < mc; i0 += MR) {
            int lines = Math.min(MR, mc - i0);
            if (lines == MR && rowStride != 1) {
                wholeRows(kc, a, offset + i0 * rowStride, rowStride, colStride, packed, i0 * kc);
            } else {
                panel(MR, lines, kc, a, offset + i0 * rowStride, rowStride, colStride, packed, i0 * kc);
            }
        }
        if (alpha != 1f) {
            int end = BlockSizes.roundUp(mc, MR) * kc;
            for (int i = 0; i < end; i++) {
                packed[i] *= alpha;
            }
        }
    }

    /**
     * A whole panel of MR strided rows (a row-major A's): by the in-register transpose where it fits, else per
     * step one value of each row, the MR loads a loop of constant length that the JIT unrolls, each row read
     * in order along k.
     */
    private static void wholeRows(int kc, float[] a, int offset, int rowStride, int colStride, float[] packed,
                                  int dst) {
        if (colStride == 1 && RegisterTranspose.fits(MR)) {
            RegisterTranspose.pack(MR, kc, a, offset, rowStride, packed, dst);
            return;
        }
        for (int p = 0; p < kc; p++) {
            int row = dst + p * MR;
            int from = offset + p * colStride;
            for (int r = 0; r < MR; r++) {
                packed[row + r] = a[from + r * rowStride];
            }
        }
    }

    /**
     * Packs the {@code kc x nc} panel of B at {@code offset} into ceil(nc/NR) micro-panels from {@code dst}:
     * panel q holds, for each p, the NR values {@code B[p][q·NR + j]}, columns past nc as zeros.
     */
    static void packB(int kc, int nc, float[] b, int offset, int rowStride, int colStride, float[] packed, int dst) {
        int whole = colStride == 1 ? nc / NR * NR : 0;
        if (whole > 0) {
            rowByRow(kc, whole, b, offset, rowStride, packed, dst);
        }
        for (int j0 = whole; j0 < nc; j0 += NR) {
            panel(NR, Math.min(NR, nc - j0), kc, b, offset + j0 * colStride, colStride, rowStride, packed,
                    dst + j0 * kc);
        }
    }

    /**
     * {@link #packB}'s layout copied value by value, with no vector code: for callers whose vector code is not
     * compiled yet (the Vector API in the interpreter costs many times a plain loop).
     */
    static void packBPlainly(int kc, int nc, float[] b, int offset, int rowStride, int colStride, float[] packed,
                             int dst) {
        int width = BlockSizes.roundUp(nc, NR);
        for (int j0 = 0; j0 < width; j0 += NR) {
            int panel = dst + j0 * kc;
            int count = Math.min(NR, nc - j0);
            for (int p = 0; p < kc; p++) {
                int row = panel + p * NR;
                if (colStride == 1) {
                    System.arraycopy(b, offset + p * rowStride + j0, packed, row, count);
                } else {
                    for (int j = 0; j < count; j++) {
                        packed[row + j] = b[offset + p * rowStride + (j0 + j) * colStride];
                    }
                }
                Arrays.fill(packed, row + count, row + NR, 0f);
            }
        }
    }

    /**
     * The whole micro-panels of a row-major B, {@code width} columns (a multiple of NR): each of the kc rows is
     * read once, in order, and its NR-column pieces go to the panels' step p. Reading B along its rows keeps
     * every load sequential; panel by panel, each step would read a new line of B, a row stride apart.
     */
    private static void rowByRow(int kc, int width, float[] b, int offset, int rowStride, float[] packed, int dst) {
        int panelSize = kc * NR;
        for (int p = 0; p < kc; p++) {
            int from = offset + p * rowStride;
            int to = dst + p * NR;
            for (int j = 0; j < width; j += NR, to += panelSize) {
                for (int v = 0; v < NR; v += LANES) {
                    FloatVector.fromArray(SPECIES, b, from + j + v).intoArray(packed, to + v);
                }
            }
        }
    }

    /**
     * Packs one micro-panel: {@code packed[dst + p·width + r] = src[offset + r·lineStride + p·stepStride]} for
     * r below {@code lines} (zero up to {@code width}) and p below {@code steps}. Adjacent lines (B's panels)
     * are copied step by step, in whole vectors where they fill the width; whole panels of strided lines whose
     * steps are adjacent (a transposed B's) are transposed in registers where the width fits, else gathered,
     * their few source lines staying in L1 across steps; any other panel (a row-major A's) is written line by
     * line, reading each along its steps, into the panel, which stays in L1.
     */
    static void panel(int width, int lines, int steps, float[] src, int offset, int lineStride, int stepStride,
                      float[] packed, int dst) {
        if (lineStride == 1 && lines == width && width % LANES == 0) {
            for (int p = 0; p < steps; p++) {
                int row = dst + p * width;
                int from = offset + p * stepStride;
                for (int v = 0; v < width; v += LANES) {
                    FloatVector.fromArray(SPECIES, src, from + v).intoArray(packed, row + v);
                }
            }
        } else if (lineStride == 1 && lines == width && PANEL_SPECIES != null && width == PANEL_SPECIES.length()) {
            // A transposed A's whole panel: its MR values per step in one vector of exactly MR lanes.
            for (int p = 0; p < steps; p++) {
                FloatVector.fromArray(PANEL_SPECIES, src, offset + p * stepStride).intoArray(packed, dst + p * width);
            }
        } else if (lineStride == 1 && width <= LANES) {
            // A transposed A's MR values per step: one vector, zeros past the lines. A whole panel's steps but
            // the last move whole vectors where both arrays have room, the lanes past the width landing on the
            // steps after, which are written next; the rest are masked (slow on AVX2, above all on AMD).
            VectorMask<Float> inLines = SPECIES.indexInRange(0, lines);
            VectorMask<Float> inWidth = SPECIES.indexInRange(0, width);
            int whole = lines < width ? 0 : Math.min(MicroKernel.rowsInRange(steps - 1, offset, stepStride,
                    src.length), MicroKernel.rowsInRange(steps - 1, dst, width, packed.length));
            int p = 0;
            for (; p < whole; p++) {
                FloatVector.fromArray(SPECIES, src, offset + p * stepStride).intoArray(packed, dst + p * width);
            }
            for (; p < steps; p++) {
                FloatVector.fromArray(SPECIES, src, offset + p * stepStride, inLines).intoArray(packed, dst + p * width,
                        inWidth);
            }
        } else if (lineStride == 1) {
            for (int p = 0; p < steps; p++) {
                int row = dst + p * width;
                System.arraycopy(src, offset + p * stepStride, packed, row, lines);
                if (lines < width) {
                    Arrays.fill(packed, row + lines, row + width, 0f);
                }
            }
        } else if (lines == width && stepStride == 1 && RegisterTranspose.fits(width)) {
            RegisterTranspose.pack(width, steps, src, offset, lineStride, packed, dst);
        } else if (lines == width && width % LANES == 0) {
            gather(width, steps, src, offset, lineStride, stepStride, packed, dst);
        } else {
            if (lines < width) {
                Arrays.fill(packed, dst, dst + steps * width, 0f);
            }
            for (int r = 0; r < lines; r++) {
                int from = offset + r * lineStride;
                for (int p = 0; p < steps; p++) {
                    packed[dst + p * width + r] = src[from + p * stepStride];
                }
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
