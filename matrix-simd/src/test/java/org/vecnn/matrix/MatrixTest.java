package org.vecnn.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("portable")
class MatrixTest {

    @Test
    void factoriesBuildRowMajorMatrices() {
        Matrix m = Matrix.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(2, m.rows());
        assertEquals(3, m.cols());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, m.data());
        assertEquals(6f, m.get(1, 2));
        m.set(0, 1, -2);
        assertEquals(-2f, m.data()[1]);
        assertEquals(Matrix.zeros(0, 0), Matrix.of(new float[0][]));
        float[] backing = {1, 2};
        assertSame(backing, Matrix.wrap(1, 2, backing).data());
        assertEquals(Matrix.random(3, 4, 42), Matrix.random(3, 4, 42));
        assertNotEquals(Matrix.random(3, 4, 42), Matrix.random(3, 4, 43));
        for (float v : Matrix.random(20, 20, 1).data()) {
            assertTrue(v >= -1f && v < 1f);
        }
    }

    @Test
    void badShapesAreRejectedWithTheShapes() {
        ShapeException ragged = assertThrows(ShapeException.class, () -> Matrix.of(new float[][] {{1, 2}, {3}}));
        assertTrue(ragged.getMessage().contains("row 1 has 1"), ragged.getMessage());
        ShapeException wrap = assertThrows(ShapeException.class, () -> Matrix.wrap(2, 2, new float[3]));
        assertTrue(wrap.getMessage().contains("2x2") && wrap.getMessage().contains("3 values"), wrap.getMessage());
        assertThrows(ShapeException.class, () -> Matrix.zeros(-1, 2));
        ShapeException matmul = assertThrows(ShapeException.class, () -> Matrix.zeros(2, 3).matmul(Matrix.zeros(2, 3)));
        assertTrue(matmul.getMessage().contains("2x3 by 2x3"), matmul.getMessage());
        ShapeException add = assertThrows(ShapeException.class, () -> Matrix.zeros(2, 3).add(Matrix.zeros(3, 2)));
        assertTrue(add.getMessage().contains("2x3 and 3x2"), add.getMessage());
        IndexOutOfBoundsException get = assertThrows(IndexOutOfBoundsException.class,
                () -> Matrix.zeros(2, 3).get(2, 0));
        assertTrue(get.getMessage().contains("(2, 0)") && get.getMessage().contains("2x3"), get.getMessage());
    }

    @Test
    void transposeMatmulAndAddFollowTheTutorial() {
        Matrix a = Matrix.of(new float[][] {{1, -1, 0.1f}, {2, -2, 0.2f}});
        Matrix at = a.transpose();
        assertEquals(Matrix.of(new float[][] {{1, 2}, {-1, -2}, {0.1f, 0.2f}}), at);
        Matrix w = Matrix.of(new float[][] {{3, 5, 7, 9}, {2, 4, 8, 0}});
        Matrix z = at.matmul(w);
        assertArrayEquals(new float[] {7, 13, 23, 9, -7, -13, -23, -9, 0.7f, 1.3f, 2.3f, 0.9f}, z.data(), 1e-6f);
        Matrix sum = a.add(a);
        assertEquals(Matrix.of(new float[][] {{2, -2, 0.2f}, {4, -4, 0.4f}}), sum);
        assertEquals(Matrix.of(new float[][] {{1, -1, 0.1f}, {2, -2, 0.2f}}), a, "operands unchanged");
        assertEquals(Matrix.zeros(0, 5), Matrix.zeros(0, 3).matmul(Matrix.zeros(3, 5)));
        assertEquals(Matrix.zeros(2, 4), Matrix.zeros(2, 0).matmul(Matrix.zeros(0, 4)));
    }

    /** The snippet of the README's "Using the matrix core", verbatim. */
    @Test
    void readmeSnippetRuns() {
        Matrix a = Matrix.of(new float[][] {{1, -1, -0.1f}, {2, -2, -0.2f}});
        Matrix w = Matrix.of(new float[][] {{3, 5, 7, 9}, {2, 4, 8, 0}});
        Matrix z = a.transpose().matmul(w);           // 3x4

        // The same product BLAS-style, with no transposed copy: op(A) = Aᵀ is 3x2 (m = 3, k = 2), W is 2x4
        // (n = 4); A is stored 2x3, so lda = 3. This is how backpropagation forms Xᵀ·dZ.
        float[] c = new float[3 * 4];
        Gemm.sgemm(true, false, 3, 4, 2, 1f, a.data(), 0, 3, w.data(), 0, 4, 0f, c, 0, 4);   // c == z.data()

        assertArrayEquals(z.data(), c);
        assertArrayEquals(new float[] {7, 13, 23, 9, -7, -13, -23, -9, -0.7f, -1.3f, -2.3f, -0.9f}, c, 1e-6f);
    }

    @Test
    void largeMatmulAgreesWithTheOracle() {
        Matrix a = Matrix.random(67, 131, 1);
        Matrix b = Matrix.random(131, 45, 2);
        Matrix c = a.matmul(b);
        GemmCase gc = GemmCase.of(67, 45, 131, false, false, 1f, 0f, 0);
        GemmOracle.Expected expected = GemmOracle.expected(gc, a.data(), b.data(), new float[67 * 45]);
        for (int i = 0; i < c.data().length; i++) {
            assertTrue(Math.abs(c.data()[i] - expected.values()[i]) <= expected.bounds()[i]);
        }
    }

    @Test
    void argmaxOfRowFindsTheFirstLargest() {
        Matrix m = Matrix.of(new float[][] {{1, 3, 3}, {-1, -2, -3}, {0, 0, 5}});
        assertEquals(1, m.argmaxOfRow(0));
        assertEquals(0, m.argmaxOfRow(1));
        assertEquals(2, m.argmaxOfRow(2));
    }

    @Test
    void toStringShowsSmallMatrices() {
        assertEquals("Matrix[1x2] [[1.0, 2.0]]", Matrix.of(new float[][] {{1, 2}}).toString());
        assertEquals("Matrix[20x20]", Matrix.zeros(20, 20).toString());
    }
}
