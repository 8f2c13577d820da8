package org.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;

/**
 * A row scores the same bits alone and inside a batch of any size from 1 to 1,000 (the bit-identity
 * invariant of DESIGN.md section 5), for random architectures: whichever GEMM path a batch takes.
 */
class BatchBitIdentityTest {

    @Test
    void batchRowsEqualSingleSampleRowsBitwise() {
        qt().withFixedSeed(0xB17_1D3L).withExamples(40)
                .forAll(longs().all(), integers().between(1, 1000))
                .checkAssert((seed, batch) -> {
                    Sequential model = Networks.random(seed);
                    assertRowsMatch(model, Matrix.random(batch, model.inputWidth(), seed ^ batch));
                });
    }

    /** The MLP of the benchmarks: its k (784) spans several k blocks of the packed GEMM. */
    @Test
    void theWideMlpScoresEachRowAsAlone() {
        Sequential mlp = new Sequential(new Dense(256, "relu"), new Dense(128, "relu"), new Dense(10, "softmax"))
                .build(784, 11L);
        for (int batch : new int[] {1, 2, 7, 8, 9, 33, 256, 1000}) {
            assertRowsMatch(mlp, Matrix.random(batch, 784, batch));
        }
    }

    private static void assertRowsMatch(Sequential model, Matrix x) {
        Matrix predictions = model.predict(x);
        int outputs = model.outputWidth();
        float[] row = new float[model.inputWidth()];
        float[] alone = new float[outputs];
        for (int r = 0; r < x.rows(); r++) {
            System.arraycopy(x.data(), r * row.length, row, 0, row.length);
            model.predict(row, alone);
            int at = r;
            assertArrayEquals(alone, Arrays.copyOfRange(predictions.data(), r * outputs, (r + 1) * outputs),
                    () -> "row " + at + " of " + x.rows() + " for " + model.summary());
        }
    }
}
