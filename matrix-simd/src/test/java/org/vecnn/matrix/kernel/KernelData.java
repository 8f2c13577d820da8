package org.vecnn.matrix.kernel;

import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.quicktheories.core.Gen;
import org.vecnn.matrix.GemmCases;
import org.vecnn.matrix.testkit.KernelSides;

/** The shapes and sentinel-padded data of the element-wise and activation kernel tests. */
final class KernelData {

    static final long SEED = Long.getLong("vecnn.test.seed", 0x5eed_2026L);
    static final float SENTINEL = -98765.4f;
    static final int EXAMPLES = 120;

    /** Values that exercise the extremes of the activations. */
    private static final float[] SPECIAL = {0f, -0f, 1e-30f, -1e-30f, 1e-7f, 20f, -20f, 88.7f, -88.7f, 89f, -89f,
            104f, -104f, 1e30f, -1e30f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE};

    private KernelData() {
    }

    /** A test shape: rows x cols at an offset, with data from a seed. */
    record Shape(int rows, int cols, int offset, long seed) {
        int size() {
            return rows * cols;
        }

        /** Room for a whole matrix, one row, or one value per row. */
        int body() {
            return Math.max(size(), Math.max(rows, cols));
        }
    }

    /** 0 to 5 rows of the edge sizes and random ones up to 300 columns, at offsets 0 to 9. */
    static Gen<Shape> shapes(Kernels kernels) {
        Gen<Integer> cols = GemmCases.dimension(
                KernelSides.edgeSizes(kernels.lanes()).stream().filter(size -> size <= 300).toList(), 300);
        return integers().between(0, 5).zip(cols, integers().between(0, 9), longs().all(), Shape::new);
    }

    /** Sentinel-padded data: offset sentinels, then body() values in [lo, hi) with some specials, then more. */
    static float[] data(Shape shape, long salt, float lo, float hi, boolean specials) {
        SplittableRandom random = new SplittableRandom(shape.seed() + salt);
        float[] data = new float[shape.offset() + shape.body() + 5];
        Arrays.fill(data, SENTINEL);
        for (int i = 0; i < shape.body(); i++) {
            data[shape.offset() + i] = specials && random.nextInt(8) == 0
                    ? SPECIAL[random.nextInt(SPECIAL.length)]
                    : (float) (lo + (hi - lo) * random.nextDouble());
        }
        return data;
    }

    /** Fails unless {@code |actual − exact| ≤ bound}, naming what was computed. */
    static void assertWithin(double exact, float actual, double bound, String what) {
        double error = Math.abs(actual - exact);
        if (!(error <= bound)) {
            fail(what + ": got " + actual + ", expected " + exact + " within " + bound + " (error " + error + ")");
        }
    }
}
