package org.vecnn.nn.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.random.RandomGenerator;
import org.vecnn.nn.Activation;
import org.vecnn.nn.Batch;
import org.vecnn.nn.BatchRows;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Layer;
import org.vecnn.nn.Normalization;
import org.vecnn.nn.Parameters;
import org.vecnn.nn.Sequential;

/**
 * The trainer's side of the layer contract: the calls vecnn's own modules make on layers and models beyond
 * the public API (a layer's protected training methods, a model's working copy of its weights). The
 * package is exported only to vecnn's modules. The calls go through method handles from a private lookup in
 * {@code org.vecnn.nn}, the same module, so that {@code org.vecnn.nn} itself depends on nothing here.
 */
public final class Layers {

    private static final MethodHandle COPY_OF_PARAMETERS;
    private static final MethodHandle PUBLISH;
    private static final MethodHandle TRAINABLE_ZEROS;
    private static final MethodHandle NEW_ROWS;
    private static final MethodHandle POINT;
    private static final MethodHandle MODE;
    private static final MethodHandle CACHE_SIZE;
    private static final MethodHandle MIXES_ROWS;
    private static final MethodHandle OUTPUT_ACTIVATION;
    private static final MethodHandle GRADIENT_ROWS;
    private static final MethodHandle FORWARD_TRAINING;
    private static final MethodHandle PREPARE_BACKWARD;
    private static final MethodHandle BACKWARD;
    private static final MethodHandle GRADIENTS;
    private static final MethodHandle PENALTY;
    private static final MethodHandle START_ROWS;
    private static final MethodHandle KERNEL_GRADIENTS;
    private static final MethodHandle NORMALIZE_FEATURES;

    static {
        try {
            MethodHandles.Lookup nn = MethodHandles.privateLookupIn(Layer.class, MethodHandles.lookup());
            COPY_OF_PARAMETERS = nn.findVirtual(Sequential.class, "copyOfParameters",
                    MethodType.methodType(Parameters[].class));
            PUBLISH = nn.findVirtual(Sequential.class, "publishParameters",
                    MethodType.methodType(void.class, Parameters[].class));
            TRAINABLE_ZEROS = nn.findVirtual(Parameters.class, "trainableZeros",
                    MethodType.methodType(Parameters.class));
            NEW_ROWS = nn.findConstructor(BatchRows.class, MethodType.methodType(void.class));
            POINT = nn.findVirtual(BatchRows.class, "point", MethodType.methodType(void.class, Layer.class,
                    float[].class, float[].class, float[].class, float[].class, float[].class, int.class, int.class));
            MODE = nn.findVirtual(BatchRows.class, "mode", MethodType.methodType(void.class, RandomGenerator.class,
                    boolean.class, boolean.class));
            CACHE_SIZE = nn.findVirtual(Layer.class, "cacheSize", MethodType.methodType(int.class, int.class));
            MIXES_ROWS = nn.findVirtual(Layer.class, "mixesRows", MethodType.methodType(boolean.class));
            OUTPUT_ACTIVATION = nn.findVirtual(Layer.class, "outputActivation",
                    MethodType.methodType(Activation.class));
            GRADIENT_ROWS = nn.findVirtual(Layer.class, "gradientRows", MethodType.methodType(int.class));
            FORWARD_TRAINING = nn.findVirtual(Layer.class, "forwardTraining",
                    MethodType.methodType(void.class, BatchRows.class, Parameters.class));
            PREPARE_BACKWARD = nn.findVirtual(Layer.class, "prepareBackward",
                    MethodType.methodType(void.class, float[].class, Parameters.class));
            BACKWARD = nn.findVirtual(Layer.class, "backward",
                    MethodType.methodType(void.class, BatchRows.class, Parameters.class));
            GRADIENTS = nn.findVirtual(Layer.class, "gradients", MethodType.methodType(void.class, BatchRows.class,
                    Parameters.class, Parameters.class, int.class, int.class));
            PENALTY = nn.findVirtual(Layer.class, "penalty", MethodType.methodType(double.class, Parameters.class));
            START_ROWS = nn.findVirtual(Dense.class, "startRows", MethodType.methodType(void.class, int.class,
                    float[].class, int.class, Parameters.class));
            KERNEL_GRADIENTS = nn.findVirtual(Dense.class, "kernelGradients", MethodType.methodType(void.class,
                    float[].class, int.class, int.class, Batch.class, int.class, int.class, Parameters.class,
                    Parameters.class));
            NORMALIZE_FEATURES = nn.findVirtual(Normalization.class, "forwardFeatures", MethodType.methodType(
                    void.class, int.class, float[].class, int.class, int.class, Parameters.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Layers() {
    }

    /** A deep copy of the model's current parameters, layer by layer: a trainer's working copy. */
    public static Parameters[] copyOfParameters(Sequential model) {
        try {
            return (Parameters[]) COPY_OF_PARAMETERS.invokeExact(model);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /**
     * Publishes a copy of these parameters as the model's weights, in one atomic step, each checked as
     * {@link Layer#setWeights} checks weights.
     */
    public static void publish(Sequential model, Parameters[] parameters) {
        try {
            PUBLISH.invokeExact(model, parameters);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /** Zero arrays shaped as the trainable ones of these parameters, for their gradients. */
    public static Parameters gradientsOf(Parameters parameters) {
        try {
            return (Parameters) TRAINABLE_ZEROS.invokeExact(parameters);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /** A reusable view of training rows, filled by {@link #point} and {@link #mode}. */
    public static BatchRows newRows() {
        try {
            return (BatchRows) NEW_ROWS.invokeExact();
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /**
     * Points {@code rows} at rows [from, to) of a layer's whole-batch buffers: its input and output, their
     * gradients ({@code gradIn} null when nothing below needs it), and its cache.
     */
    public static void point(BatchRows rows, Layer layer, float[] in, float[] out, float[] gradOut, float[] gradIn,
                             float[] cache, int from, int to) {
        try {
            POINT.invokeExact(rows, layer, in, out, gradOut, gradIn, cache, from, to);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /** How the pass runs: the random source (null: nothing dropped), training or evaluating, a fused loss. */
    public static void mode(BatchRows rows, RandomGenerator random, boolean training, boolean preActivation) {
        try {
            MODE.invokeExact(rows, random, training, preActivation);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /** The layer's {@code cacheSize}. */
    public static int cacheSize(Layer layer, int maxRows) {
        try {
            return (int) CACHE_SIZE.invokeExact(layer, maxRows);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /** The layer's {@code mixesRows}. */
    public static boolean mixesRows(Layer layer) {
        try {
            return (boolean) MIXES_ROWS.invokeExact(layer);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /** The layer's {@code outputActivation}. */
    public static Activation outputActivation(Layer layer) {
        try {
            return (Activation) OUTPUT_ACTIVATION.invokeExact(layer);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /** The layer's {@code gradientRows}. */
    public static int gradientRows(Layer layer) {
        try {
            return (int) GRADIENT_ROWS.invokeExact(layer);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /** The layer's {@code forwardTraining}. */
    public static void forwardTraining(Layer layer, BatchRows rows, Parameters parameters) {
        try {
            FORWARD_TRAINING.invokeExact(layer, rows, parameters);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /** The layer's {@code prepareBackward}, once per step before its rows run. */
    public static void prepareBackward(Layer layer, float[] cache, Parameters parameters) {
        try {
            PREPARE_BACKWARD.invokeExact(layer, cache, parameters);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /** The layer's {@code backward}. */
    public static void backward(Layer layer, BatchRows rows, Parameters parameters) {
        try {
            BACKWARD.invokeExact(layer, rows, parameters);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /** The layer's {@code gradients} of gradient rows [from, to). */
    public static void gradients(Layer layer, BatchRows batch, Parameters parameters, Parameters gradients, int from,
                                 int to) {
        try {
            GRADIENTS.invokeExact(layer, batch, parameters, gradients, from, to);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /** The layer's {@code penalty}. */
    public static double penalty(Layer layer, Parameters parameters) {
        try {
            return (double) PENALTY.invokeExact(layer, parameters);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /** Each of {@code rows} rows of z from {@code offset} set to the Dense layer's bias (zeros without one). */
    static void startRows(Dense dense, int rows, float[] z, int offset, Parameters parameters) {
        try {
            START_ROWS.invokeExact(dense, rows, z, offset, parameters);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /** Kernel rows [from, to) of a Dense layer's dW from those features' input columns, with its penalty's. */
    static void kernelGradients(Dense dense, float[] x, int xOffset, int lda, Batch gradZ, int from, int to,
                                Parameters parameters, Parameters gradients) {
        try {
            KERNEL_GRADIENTS.invokeExact(dense, x, xOffset, lda, gradZ, from, to, parameters, gradients);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }

    /** A Normalization of features [from, to) held alone in {@code x}, in place. */
    static void normalizeFeatures(Normalization normalization, int rows, float[] x, int from, int to,
                                  Parameters parameters) {
        try {
            NORMALIZE_FEATURES.invokeExact(normalization, rows, x, from, to, parameters);
        } catch (Throwable e) {
            throw Handles.rethrown(e);
        }
    }
}
