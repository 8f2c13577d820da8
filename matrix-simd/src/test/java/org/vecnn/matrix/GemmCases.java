package org.vecnn.matrix;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** QuickTheories generators of {@link GemmCase}s: dimensions from the edge sizes or random, any layout. */
public final class GemmCases {

    /** Cases above this many multiply-adds are skipped, to keep the double oracle fast. */
    public static final long MAX_MULTIPLY_ADDS = 2_500_000;

    private GemmCases() {
    }

    /** A dimension: half the time one of {@code edges}, else uniform in [0, maxRandom]. */
    public static Gen<Integer> dimension(List<Integer> edges, int maxRandom) {
        return Generate.pick(edges).mix(integers().between(0, maxRandom), 50);
    }

    /** alpha or beta: 0, 1, or another value (negative and fractional included). */
    public static Gen<Float> scalar() {
        return Generate.pick(List.of(0f, 1f, -1f, 0.5f, -2.25f, 3f));
    }

    /** Shapes from {@code edges} and [0, maxRandom], all transposes, scalars and layouts. */
    public static Gen<GemmCase> cases(List<Integer> edges, int maxRandom) {
        Gen<Integer> dim = dimension(edges, maxRandom);
        Gen<int[]> shape = dim.zip(dim, dim, (m, n, k) -> new int[] {m, n, k});
        Gen<Integer> pad = Generate.pick(List.of(0, 0, 1, 3, 17));
        Gen<int[]> layout = pad.zip(pad, pad, integers().between(0, 0b111_111), (a, b, c, offsets) ->
                new int[] {a, b, c, offsets & 7, (offsets >> 3) & 7});
        Gen<boolean[]> transposes = booleans().all().zip(booleans().all(), (ta, tb) -> new boolean[] {ta, tb});
        Gen<float[]> scalars = scalar().zip(scalar(), (alpha, beta) -> new float[] {alpha, beta});
        return shape.zip(layout, transposes, scalars, longs().all(), (s, l, t, ab, seed) ->
                new GemmCase(s[0], s[1], s[2], t[0], t[1], ab[0], ab[1], l[3], l[4], l[3] + l[4],
                        l[0], l[1], l[2], seed))
                .assuming(gc -> gc.multiplyAdds() <= MAX_MULTIPLY_ADDS);
    }
}
