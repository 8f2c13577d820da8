package org.vecnn.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How a layer's weights start, by Keras name. The variance-scaling ones draw from a uniform distribution
 * on {@code [−limit, limit]} with {@code limit = √(3·scale/n)}, or from a normal truncated at two standard
 * deviations with {@code stddev = √(scale/n) / 0.8796…} (the truncation's correction, as Keras), where n is
 * the fan-in, or the mean of fan-in and fan-out for Glorot, and scale is 1 (Glorot, LeCun) or 2 (He).
 * Every draw comes from the seeded generator passed in.
 */
public enum Initializer {
    /** Glorot (Xavier) uniform: Keras's default for Dense kernels. */
    GLOROT_UNIFORM(1, true, true),
    /** Glorot (Xavier) truncated normal. */
    GLOROT_NORMAL(1, true, false),
    /** He uniform: suits ReLU layers. */
    HE_UNIFORM(2, false, true),
    /** He truncated normal. */
    HE_NORMAL(2, false, false),
    /** LeCun uniform. */
    LECUN_UNIFORM(1, false, true),
    /** LeCun truncated normal: suits SELU-like layers. */
    LECUN_NORMAL(1, false, false),
    /** All zeros: Keras's default for biases. */
    ZEROS(0, false, true),
    /** All ones. */
    ONES(0, false, true);

    /** The standard deviation of a unit normal truncated to [−2, 2]. */
    private static final double TRUNCATED_STDDEV = 0.87962566103423978;

    private final double scale;
    private final boolean fanAverage;
    private final boolean uniform;

    Initializer(double scale, boolean fanAverage, boolean uniform) {
        this.scale = scale;
        this.fanAverage = fanAverage;
        this.uniform = uniform;
    }

    /** The Keras name, such as {@code "glorot_uniform"}. */
    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Fills {@code values} for a weight of the given fans, drawing from {@code random}.
     *
     * @throws IllegalArgumentException if a fan is not positive
     */
    public void fill(float[] values, int fanIn, int fanOut, SplittableRandom random) {
        if (fanIn <= 0 || fanOut <= 0) {
            throw new IllegalArgumentException("fans must be positive, got fanIn=" + fanIn + ", fanOut=" + fanOut);
        }
        if (this == ZEROS || this == ONES) {
            Arrays.fill(values, this == ONES ? 1f : 0f);
            return;
        }
        double n = fanAverage ? (fanIn + (double) fanOut) / 2 : fanIn;
        if (uniform) {
            double limit = Math.sqrt(3 * scale / n);
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextDouble(-limit, limit);
            }
        } else {
            double stddev = Math.sqrt(scale / n) / TRUNCATED_STDDEV;
            for (int i = 0; i < values.length; i++) {
                double g;
                do {
                    g = random.nextGaussian();
                } while (Math.abs(g) > 2);
                values[i] = (float) (g * stddev);
            }
        }
    }

    /**
     * The initialiser with this Keras name.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Initializer of(String name) {
        return Names.INITIALIZERS.get(name);
    }

    /** The registry of the initialisers by Keras name (an enum's constants cannot refer to a static of it). */
    private static final class Names {
        static final Registry<Initializer> INITIALIZERS = new Registry<>("initializer");

        static {
            for (Initializer initializer : values()) {
                INITIALIZERS.register(initializer.kerasName(), () -> initializer);
            }
        }
    }
}
