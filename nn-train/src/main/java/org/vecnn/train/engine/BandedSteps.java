package org.vecnn.train.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.vecnn.nn.engine.Handles;
import org.vecnn.train.optim.Optimizer;

/**
 * The trainer's calls on an {@link Optimizer} step taken in bands (begin, clip whole arrays, update bands
 * from any threads, end), which are not public API: method handles from a private lookup in the optimiser's
 * package, in this module. This package is not exported.
 */
public final class BandedSteps {

    private static final MethodHandle BEGIN;
    private static final MethodHandle CLIPS_WHOLE_ARRAYS;
    private static final MethodHandle CLIP_ARRAY;
    private static final MethodHandle UPDATE;
    private static final MethodHandle END;

    static {
        try {
            MethodHandles.Lookup optim = MethodHandles.privateLookupIn(Optimizer.class, MethodHandles.lookup());
            BEGIN = optim.findVirtual(Optimizer.class, "beginStep",
                    MethodType.methodType(void.class, float[][].class, float[][].class));
            CLIPS_WHOLE_ARRAYS = optim.findVirtual(Optimizer.class, "clipsWholeArrays",
                    MethodType.methodType(boolean.class));
            CLIP_ARRAY = optim.findVirtual(Optimizer.class, "clipArray", MethodType.methodType(void.class, int.class));
            UPDATE = optim.findVirtual(Optimizer.class, "update",
                    MethodType.methodType(void.class, int.class, int.class, int.class));
            END = optim.findVirtual(Optimizer.class, "endStep", MethodType.methodType(void.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private BandedSteps() {
    }

    /** Starts a step over these parameter arrays and their gradients. */
    public static void begin(Optimizer optimizer, float[][] params, float[][] grads) {
        try {
            BEGIN.invokeExact(optimizer, params, grads);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /** Whether clipping needs each whole gradient array ({@link #clipArray}) before any band is updated. */
    public static boolean clipsWholeArrays(Optimizer optimizer) {
        try {
            return (boolean) CLIPS_WHOLE_ARRAYS.invokeExact(optimizer);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /** Clips gradient array {@code p} of the step. */
    public static void clipArray(Optimizer optimizer, int p) {
        try {
            CLIP_ARRAY.invokeExact(optimizer, p);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /** Updates elements [from, to) of parameter array {@code p}. */
    public static void update(Optimizer optimizer, int p, int from, int to) {
        try {
            UPDATE.invokeExact(optimizer, p, from, to);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /** Ends the step. */
    public static void end(Optimizer optimizer) {
        try {
            END.invokeExact(optimizer);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }
}
