package org.vecnn.nn;

import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.kernel.activation.Elu;
import org.vecnn.matrix.kernel.activation.Gelu;
import org.vecnn.matrix.kernel.activation.LeakyRelu;
import org.vecnn.matrix.kernel.activation.Linear;
import org.vecnn.matrix.kernel.activation.Relu;
import org.vecnn.matrix.kernel.activation.Sigmoid;
import org.vecnn.matrix.kernel.activation.Softmax;
import org.vecnn.matrix.kernel.activation.Softplus;
import org.vecnn.matrix.kernel.activation.Swish;
import org.vecnn.matrix.kernel.activation.Tanh;

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
    Activation LINEAR = BuiltInActivation.of(Linear.KERNELS);
    /** {@code max(z, 0)}: the usual choice for hidden layers; its derivative is taken as 0 at 0. */
    Activation RELU = BuiltInActivation.of(Relu.KERNELS);
    /** The logistic function, split at 0 so that no exponential overflows: for a 0/1 output. */
    Activation SIGMOID = BuiltInActivation.of(Sigmoid.KERNELS);
    /** The hyperbolic tangent. */
    Activation TANH = BuiltInActivation.of(Tanh.KERNELS);
    /** The softmax of each row: for one of several classes. */
    Activation SOFTMAX = BuiltInActivation.of(Softmax.KERNELS);
    /** Leaky ReLU with Keras's default negative slope, 0.2. */
    Activation LEAKY_RELU = BuiltInActivation.of(LeakyRelu.KERNELS);
    /** ELU with alpha 1. */
    Activation ELU = BuiltInActivation.of(Elu.KERNELS);
    /** The exact GELU, {@code z·Φ(z)} with Φ the normal CDF, as Keras's default {@code approximate=False}. */
    Activation GELU = BuiltInActivation.of(Gelu.KERNELS);
    /** Swish, also called SiLU: {@code z·σ(z)}. */
    Activation SWISH = BuiltInActivation.of(Swish.KERNELS);
    /** {@code log(1 + e^z)}, computed as {@code max(z, 0) + log1p(e^-|z|)}. */
    Activation SOFTPLUS = BuiltInActivation.of(Softplus.KERNELS);

    /** The Keras name, such as {@code "relu"}. */
    String name();

    /**
     * The parameter of {@code leaky_relu} (its negative slope), {@code elu} (its saturation value),
     * {@code hard_sigmoid} (its slope) and {@code thresholded_relu} (its threshold); 0 for the activations
     * that have none.
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
     * softmax, leaky_relu, elu, gelu, swish} (or {@code silu}), {@code softplus, selu, softsign, hard_sigmoid}
     * (alpha its slope: 1/6 as Keras 3, 0.2 as Keras 2), {@code exponential, relu6, thresholded_relu} (alpha
     * its threshold, as Keras's ThresholdedReLU layer).
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
     * The activation with this Keras name and parameter: {@code alpha} is used by {@code leaky_relu},
     * {@code elu}, {@code hard_sigmoid} and {@code thresholded_relu} and must be 0 for the others (as
     * {@link #alpha()} reports them).
     *
     * @throws IllegalArgumentException for an unknown name, or an alpha the activation does not take
     */
    static Activation of(String name, float alpha) {
        return of(name).withAlpha(alpha);
    }

    /**
     * This activation with parameter alpha: a new one for an activation that takes a parameter (finite, ≥ 0),
     * this one for any other when alpha is 0.
     *
     * @throws IllegalArgumentException for an alpha the activation does not take
     */
    default Activation withAlpha(float alpha) {
        if (alpha != 0f) {
            throw new IllegalArgumentException("activation '" + name() + "' takes no alpha, got " + alpha);
        }
        return this;
    }

    /** {@code leaky_relu} with negative slope alpha (finite, ≥ 0). */
    static Activation leakyRelu(float alpha) {
        return LEAKY_RELU.withAlpha(alpha);
    }

    /** {@code elu} with saturation alpha (finite, ≥ 0). */
    static Activation elu(float alpha) {
        return ELU.withAlpha(alpha);
    }
}
