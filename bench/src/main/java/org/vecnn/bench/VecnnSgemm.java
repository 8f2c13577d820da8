package org.vecnn.bench;

import org.vecnn.matrix.kernel.CheckedGemm;
import org.vecnn.matrix.Gemm;
import org.vecnn.matrix.kernel.KernelProvider;
import org.vecnn.matrix.kernel.Kernels;

/** vecnn's {@link Gemm#sgemm}, on the vector kernels or forced onto the scalar ones. */
final class VecnnSgemm implements SgemmLibrary {

    private final GemmShape shape;
    private final Kernels kernels;
    private final float[] a;
    private final float[] b;
    private final float[] c;

    VecnnSgemm(GemmShape shape, float[] a, float[] b, boolean scalar) {
        this.shape = shape;
        this.kernels = scalar ? KernelProvider.select("scalar") : KernelProvider.select("vector");
        this.a = a;
        this.b = b;
        this.c = new float[shape.m() * shape.n()];
    }

    @Override
    public void multiply() {
        CheckedGemm.sgemm(kernels, shape.transA(), shape.transB(), shape.m(), shape.n(), shape.k(), 1f,
                a, 0, shape.aCols(), b, 0, shape.bCols(), 0f, c, 0, shape.n());
    }

    @Override
    public float[] result() {
        return c;
    }
}
