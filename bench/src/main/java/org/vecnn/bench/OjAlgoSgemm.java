package org.vecnn.bench;

import org.ojalgo.OjAlgoUtils;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R032Store;

/** ojAlgo's float32 store ({@code R032Store.fillByMultiplying}), limited to one thread. */
final class OjAlgoSgemm implements SgemmLibrary {

    static {
        OjAlgoUtils.limitThreadsTo(1);
    }

    private final GemmShape shape;
    private final MatrixStore<Double> left;
    private final MatrixStore<Double> right;
    private final R032Store c;

    OjAlgoSgemm(GemmShape shape, float[] a, float[] b) {
        this.shape = shape;
        R032Store storedA = store(shape.aRows(), shape.aCols(), a);
        R032Store storedB = store(shape.bRows(), shape.bCols(), b);
        this.left = shape.transA() ? storedA.transpose() : storedA;
        this.right = shape.transB() ? storedB.transpose() : storedB;
        this.c = R032Store.FACTORY.make(shape.m(), shape.n());
    }

    private static R032Store store(int rows, int cols, float[] data) {
        R032Store store = R032Store.FACTORY.make(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                store.set(i, j, data[i * cols + j]);
            }
        }
        return store;
    }

    @Override
    public void multiply() {
        c.fillByMultiplying(left, right);
    }

    @Override
    public float[] result() {
        float[] result = new float[shape.m() * shape.n()];
        for (int i = 0; i < shape.m(); i++) {
            for (int j = 0; j < shape.n(); j++) {
                result[i * shape.n() + j] = c.floatValue(i, j);
            }
        }
        return result;
    }
}
