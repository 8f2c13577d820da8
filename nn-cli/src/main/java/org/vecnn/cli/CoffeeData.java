package org.vecnn.cli;

import java.util.SplittableRandom;
import org.vecnn.matrix.Matrix;

/**
 * The tutorial's coffee-roasting data: temperature uniform in [150, 285] °C and duration uniform in
 * [11.5, 15.5] min; a good roast (1) iff 175 < T < 260, 12 < d < 15 and d ≤ −3/85·T + 21.
 */
final class CoffeeData {

    final Matrix x;
    final Matrix y;

    CoffeeData(int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        x = Matrix.zeros(samples, 2);
        y = Matrix.zeros(samples, 1);
        for (int i = 0; i < samples; i++) {
            float t = (float) (150 + 135 * random.nextDouble());
            float d = (float) (11.5 + 4 * random.nextDouble());
            x.set(i, 0, t);
            x.set(i, 1, d);
            y.set(i, 0, isGood(t, d) ? 1 : 0);
        }
    }

    static boolean isGood(float t, float d) {
        return t > 175 && t < 260 && d > 12 && d < 15 && d <= -3f / 85 * t + 21;
    }

    /** The rows repeated {@code times} times, as the tutorial's {@code np.tile} does to train longer per epoch. */
    static Matrix tile(Matrix m, int times) {
        Matrix tiled = Matrix.zeros(m.rows() * times, m.cols());
        for (int r = 0; r < times; r++) {
            System.arraycopy(m.data(), 0, tiled.data(), r * m.data().length, m.data().length);
        }
        return tiled;
    }
}
