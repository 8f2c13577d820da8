package org.vecnn.bench;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/** EJML's single-threaded float multiply, {@code CommonOps_FDRM.mult} and its transposed variants. */
final class EjmlSgemm implements SgemmLibrary {

    private final GemmShape shape;
    private final FMatrixRMaj a;
    private final FMatrixRMaj b;
    private final FMatrixRMaj c;

    EjmlSgemm(GemmShape shape, float[] a, float[] b) {
        this.shape = shape;
        this.a = FMatrixRMaj.wrap(shape.aRows(), shape.aCols(), a);
        this.b = FMatrixRMaj.wrap(shape.bRows(), shape.bCols(), b);
        this.c = new FMatrixRMaj(shape.m(), shape.n());
    }

    @Override
    public void multiply() {
        if (shape.transA() && shape.transB()) {
            CommonOps_FDRM.multTransAB(a, b, c);
        } else if (shape.transA()) {
            CommonOps_FDRM.multTransA(a, b, c);
        } else if (shape.transB()) {
            CommonOps_FDRM.multTransB(a, b, c);
        } else {
            CommonOps_FDRM.mult(a, b, c);
        }
    }

    @Override
    public float[] result() {
        return c.data;
    }
}
