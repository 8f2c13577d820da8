package org.vecnn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;

/** Every benchmarked library computes the same product, so the benchmarks compare like with like. */
class SgemmLibraryTest {

    static Stream<Arguments> librariesAndShapes() {
        return SgemmLibrary.NAMES.stream().flatMap(library -> Stream.of("7x13x5", "33x17x40:TN", "20x30x40:NT",
                "1x784x10", "64x96x48:TT").map(shape -> Arguments.of(library, shape)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("librariesAndShapes")
    void agreesWithTheDoubleProduct(String library, String shapeText) {
        assumeTrue(!library.equals("openblas") || OpenBlasSgemm.available(), OpenBlasSgemm.unavailableMessage());
        GemmShape shape = GemmShape.parse(shapeText);
        SgemmLibrary sgemm = SgemmLibrary.create(library, shape, 1);
        sgemm.multiply();
        float[] c = sgemm.result();
        float[] a = Matrix.random(shape.aRows(), shape.aCols(), 1).data();
        float[] b = Matrix.random(shape.bRows(), shape.bCols(), 2).data();
        double u = Math.scalb(1.0, -24);
        for (int i = 0; i < shape.m(); i++) {
            for (int j = 0; j < shape.n(); j++) {
                double sum = 0;
                double magnitude = 0;
                for (int p = 0; p < shape.k(); p++) {
                    double aip = shape.transA() ? a[p * shape.aCols() + i] : a[i * shape.aCols() + p];
                    double bpj = shape.transB() ? b[j * shape.bCols() + p] : b[p * shape.bCols() + j];
                    sum += aip * bpj;
                    magnitude += Math.abs(aip * bpj);
                }
                double bound = (shape.k() + 2) * u * magnitude / (1 - (shape.k() + 2) * u);
                double error = Math.abs(c[i * shape.n() + j] - sum);
                int row = i;
                int col = j;
                assertTrue(error <= bound, () -> library + " C[" + row + "][" + col + "] off by " + error);
            }
        }
    }

    @Test
    void shapesParseAndPrint() {
        GemmShape shape = GemmShape.parse("784x128x256:TN");
        assertEquals(new GemmShape(784, 128, 256, true, false), shape);
        assertEquals("784x128x256:TN", shape.toString());
        assertEquals(2.0 * 784 * 128 * 256, shape.flops());
        assertEquals("32x784x256", GemmShape.parse("32X784X256").toString());
        assertThrows(IllegalArgumentException.class, () -> GemmShape.parse("32x784"));
        assertThrows(IllegalArgumentException.class, () -> GemmShape.parse("2x3x4:XY"));
        assertThrows(IllegalArgumentException.class, () -> SgemmLibrary.create("mkl", shape, 1));
    }
}
