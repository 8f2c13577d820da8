package org.vecnn.nn;

import java.util.function.Function;
import org.vecnn.matrix.Matrix;

/**
 * An activation function g, applied to a batch of pre-activations {@code Z} (row-major, one row per sample)
 * to give {@code A = g(Z)}, with the derivative for backpropagation. The built-in ones run as a pair of
 * kernels, a plain loop and its SIMD twin with the same bits; each is stable for every finite input
 * (sigmoid split at 0, softmax with the row maximum subtracted). Write your own by implementing the two
 * passes, and {@link #register} it by name.
 *
 * <p>Look-up by Keras name: {@code Activation.of("relu")}. Use sigmoid for a 0/1 output, linear for a signed
 * output, softmax for one of several classes, and ReLU (or another non-linear function) in hidden layers.
 */
public interface Activation {

    /** The identity: for regression outputs. A linear hidden layer adds nothing a linear model lacks. */
    Activation LINEAR = BuiltInActivations.LINEAR;
    /** {@code max(z, 0)}: the usual choice for hidden layers; its derivative is taken as 0 at 0. */
    Activation RELU = BuiltInActivations.RELU;
    /** The logistic function, split at 0 so that no exponential overflows: for a 0/1 output. */
    Activation SIGMOID = BuiltInActivations.SIGMOID;
    /** The hyperbolic tangent. */
    Activation TANH = BuiltInActivations.TANH;
    /** The softmax of each row: for one of several classes. */
    Activation SOFTMAX = BuiltInActivations.SOFTMAX;
    /** Leaky ReLU with Keras's default negative slope, 0.2. */
    Activation LEAKY_RELU = BuiltInActivations.LEAKY_RELU;
    /** ELU with alpha 1. */
    Activation ELU = BuiltInActivations.ELU;
    /** The exact GELU, {@code z·Φ(z)} with Φ the normal CDF, as Keras's default {@code approximate=False}. */
    Activation GELU = BuiltInActivations.GELU;
    /** Swish, also called SiLU: {@code z·σ(z)}. */
    Activation SWISH = BuiltInActivations.SWISH;
    /** {@code log(1 + e^z)}, computed as {@code max(z, 0) + log1p(e^-|z|)}. */
    Activation SOFTPLUS = BuiltInActivations.SOFTPLUS;

    /** The Keras name, such as {@code "relu"}. */
    String name();

    /**
     * The parameter of {@code leaky_relu} (its negative slope) and {@code elu} (its saturation value);
     * 0 for the activations that have none.
     */
    default float alpha() {
        return 0f;
    }

    /**
     * {@code out = g(z)} over {@code rows x cols} values (row-major, one row per sample); out may be z itself
     * (same array and offset). Allocates nothing.
     */
    void forward(int rows, int cols, float[] z, int zOffset, float[] out, int outOffset);

    /**
     * {@code gradZ = ∂L/∂Z} from {@code gradA = ∂L/∂A}, given the forward pass's input z and output a (each
     * activation reads the one it needs). gradZ may be gradA itself. Allocates nothing.
     */
    void backward(int rows, int cols, float[] z, int zOffset, float[] a, int aOffset, float[] gradA, int gOffset,
                  float[] gradZ, int outOffset);

    /** {@code g(z)} as a new matrix. */
    default Matrix apply(Matrix z) {
        Matrix out = Matrix.zeros(z.rows(), z.cols());
        forward(z.rows(), z.cols(), z.data(), 0, out.data(), 0);
        return out;
    }

    /**
     * The activation with this Keras name, with its default parameter: {@code linear, relu, sigmoid, tanh,
     * softmax, leaky_relu, elu, gelu, swish} (or {@code silu}), {@code softplus}.
     *
     * @throws IllegalArgumentException for any other name, listing the known ones
     */
    static Activation of(String name) {
        return ActivationRegistry.ACTIVATIONS.get(name);
    }

    /**
     * Registers an activation under a name, for {@link #of}, model files and the command line's
     * {@code --layers}; its {@link #name()} should be that name.
     *
     * @throws IllegalArgumentException for a blank name or one already registered
     */
    static void register(String name, Activation activation) {
        ActivationRegistry.ACTIVATIONS.register(name, () -> activation);
    }

    /**
     * The activation with this Keras name and parameter: {@code alpha} is used by {@code leaky_relu} and
     * {@code elu} and must be 0 for the others (as {@link #alpha()} reports them).
     *
     * @throws IllegalArgumentException for an unknown name, or an alpha the activation does not take
     */
    static Activation of(String name, float alpha) {
        Activation base = of(name);
        Function<Float, Activation> withAlpha = ActivationRegistry.WITH_ALPHA.get(base.name());
        if (withAlpha != null) {
            return withAlpha.apply(alpha);
        }
        if (alpha != 0f) {
            throw new IllegalArgumentException("activation '" + base.name() + "' takes no alpha, got " + alpha);
        }
        return base;
    }

    /** {@code leaky_relu} with negative slope alpha (finite, ≥ 0). */
    static Activation leakyRelu(float alpha) {
        return Parameterised.leakyRelu(alpha);
    }

    /** {@code elu} with saturation alpha (finite, ≥ 0). */
    static Activation elu(float alpha) {
        return Parameterised.elu(alpha);
    }
}
