package org.vecnn.matrix.kernel;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * An activation's pair of kernels, a plain loop and its Vector API twin with the same bits, as each
 * activation's own file in {@code org.vecnn.matrix.kernel.activation} makes it. {@link Kernels#activation}
 * picks the side. The vector side is made on first use, so that a JVM without the incubator module never
 * loads it.
 */
public final class ActivationKernels {

    /** Every pair made so far, for the warm-up of the vector side ({@link WarmingKernels}). */
    private static final List<ActivationKernels> MADE = new CopyOnWriteArrayList<>();

    private final String name;
    private final float defaultAlpha;
    private final ActivationKernel scalar;
    private final Supplier<ActivationKernel> vectorFactory;
    /** Made once on first use; the kernels hold no state, so a racy second make is harmless. */
    private ActivationKernel vector;

    private ActivationKernels(String name, float defaultAlpha, ActivationKernel scalar,
                              Supplier<ActivationKernel> vectorFactory) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultAlpha = defaultAlpha;
        this.scalar = Objects.requireNonNull(scalar, "scalar");
        this.vectorFactory = Objects.requireNonNull(vectorFactory, "vector");
        MADE.add(this);
    }

    /** The kernels of an activation without a parameter. */
    public static ActivationKernels of(String name, ActivationKernel scalar, Supplier<ActivationKernel> vector) {
        return new ActivationKernels(name, Float.NaN, scalar, vector);
    }

    /** The kernels of an activation with a parameter alpha, and alpha's default. */
    public static ActivationKernels withAlpha(String name, float defaultAlpha, ActivationKernel scalar,
                                              Supplier<ActivationKernel> vector) {
        return new ActivationKernels(name, defaultAlpha, scalar, vector);
    }

    /** The activation's Keras name. */
    public String name() {
        return name;
    }

    /** Whether the kernels read alpha. */
    public boolean takesAlpha() {
        return !Float.isNaN(defaultAlpha);
    }

    /** Alpha's default, 0 where the kernels take none. */
    public float defaultAlpha() {
        return takesAlpha() ? defaultAlpha : 0f;
    }

    /** The plain-loop side. */
    public ActivationKernel scalar() {
        return scalar;
    }

    /** The Vector API side; only where the vector kernels can run. */
    public ActivationKernel vector() {
        ActivationKernel side = vector;
        if (side == null) {
            side = vectorFactory.get();
            vector = side;
        }
        return side;
    }

    /** Every pair made so far. */
    static List<ActivationKernels> made() {
        return MADE;
    }

    @Override
    public String toString() {
        return name;
    }
}
