package org.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.kernel.KernelProvider;
import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.matrix.testkit.Rounding;

/**
 * The vectorised batch forward pass against the loop reference ({@link DenseLoop}), layer by layer, for
 * random networks and batches. Each Dense layer is fed the same input on both sides; its pre-activations
 * then differ by at most the GEMM bound {@code γ(k+3)·(Σ_i |a_i||w_ij| + |b_j|)} (k products, the bias add,
 * the loop's final rounding), and its outputs by that times the activation's Lipschitz constant plus a few
 * roundings of each side's activation.
 */
class ForwardPropertyTest {
    private static final Kernels KERNELS = KernelProvider.kernels();

    @Test
    void theVectorisedForwardMatchesTheLoopReferenceWithinTheGemmBound() {
        qt().withFixedSeed(0xF0_2026L).withExamples(150)
                .forAll(longs().all(), integers().between(0, Networks.BATCHES.length - 1))
                .checkAssert((seed, batchIndex) -> {
                    Sequential model = Networks.random(seed);
                    Matrix x = Networks.inputs(model, Networks.BATCHES[batchIndex], seed);
                    Matrix chained = chainCheckingEachLayer(model, x);
                    assertArrayEquals(chained.data(), model.predict(x).data(), "predict differs from its layers");
                });
    }

    @Test
    void oneSampleGivesTheSameBitsAsAOneRowBatch() {
        qt().withFixedSeed(0x51_2026L).withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            Sequential model = Networks.random(seed);
            Matrix x = Networks.inputs(model, 1, seed);
            assertArrayEquals(model.predict(x).data(), model.predict(x.data().clone()));
        });
    }

    /** The model's layers in blocks of BLOCK_ROWS, as predict runs them, checking each Dense against the loop. */
    private static Matrix chainCheckingEachLayer(Sequential model, Matrix x) {
        Matrix out = Matrix.zeros(x.rows(), model.outputWidth());
        for (int start = 0; start < x.rows(); start += Sequential.BLOCK_ROWS) {
            int rows = Math.min(Sequential.BLOCK_ROWS, x.rows() - start);
            float[] current = new float[rows * model.inputWidth()];
            System.arraycopy(x.data(), start * model.inputWidth(), current, 0, current.length);
            for (Layer layer : model.layers()) {
                float[] next = new float[rows * layer.outputWidth()];
                layer.forward(new Batch().set(current, 0, layer.inputWidth(), 0, rows),
                        new Batch().set(next, 0, layer.outputWidth(), 0, rows), layer.current());
                if (layer instanceof Dense dense) {
                    checkAgainstLoop(model, dense, rows, current, next);
                }
                current = next;
            }
            System.arraycopy(current, 0, out.data(), start * model.outputWidth(), current.length);
        }
        return out;
    }

    private static void checkAgainstLoop(Sequential model, Dense dense, int rows, float[] in, float[] out) {
        int k = dense.inputWidth();
        int n = dense.units();
        Matrix w = dense.kernel();
        float[] b = dense.bias();
        double lipschitz = lipschitz(dense.activation());
        for (int r = 0; r < rows; r++) {
            float[] row = new float[k];
            System.arraycopy(in, r * k, row, 0, k);
            float[] expected = DenseLoop.forward(row, w, b, dense.activation());
            double[] zBounds = new double[n];
            double worstZBound = 0;
            for (int j = 0; j < n; j++) {
                double magnitude = Math.abs(b[j]);
                double z = b[j];
                for (int i = 0; i < k; i++) {
                    magnitude += Math.abs((double) row[i] * w.get(i, j));
                    z += (double) row[i] * w.get(i, j);
                }
                zBounds[j] = Rounding.gamma(k + 3L) * magnitude + (k + 3) * Float.MIN_VALUE;
                worstZBound = Math.max(worstZBound, zBounds[j]);
                double activationRounding = (16 + cond(dense.activation(), z)) * Rounding.U * Math.abs(expected[j])
                        + (2 + Math.abs(z)) * Float.MIN_VALUE;
                zBounds[j] = lipschitz * zBounds[j] + activationRounding;
            }
            for (int j = 0; j < n; j++) {
                // Softmax mixes a row: each output moves by at most 2·max|Δz|·a_j, plus γ(n) for its sum.
                double bound = dense.activation().equals(Activation.SOFTMAX)
                        ? (2 * worstZBound + Rounding.gamma(n + 16L)) * Math.abs(expected[j]) + zBounds[j]
                        : zBounds[j];
                float actual = out[r * n + j];
                if (!(Math.abs(actual - expected[j]) <= bound)) {
                    fail(model.name() + " layer " + dense.name() + " (" + dense.activation().name() + ", " + k + "->"
                            + n + ") row " + r + " unit " + j + ": vectorised " + actual + ", loop " + expected[j]
                            + ", bound " + bound);
                }
            }
        }
    }

    /** The largest slope of g. */
    private static double lipschitz(Activation g) {
        return switch (g.name()) {
            case "sigmoid" -> 0.25;
            case "gelu" -> 1.13;
            case "swish" -> 1.1;
            case "leaky_relu", "elu" -> Math.max(1, g.alpha());
            default -> 1;
        };
    }

    /** As ActivationTest: GELU's kernel is sensitive to roundings of its argument in the far negative tail. */
    private static double cond(Activation g, double z) {
        return g.equals(Activation.GELU) ? 10 + 2.5 * z * z : g.equals(Activation.SOFTMAX) ? 8 : 0;
    }
}
