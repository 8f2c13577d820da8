package org.vecnn.nn;

import org.vecnn.matrix.kernel.Kernels;

/** The built-in activations, each a pair of kernels (a plain loop and its SIMD twin), for {@link Activation}. */
final class BuiltInActivations {

    static final Activation LINEAR = new Linear();
    static final Activation RELU = new Pointwise("relu", Kernels::relu,
            (k, n, z, zo, a, ao, g, go, out, oo) -> k.reluBackward(n, a, ao, g, go, out, oo));
    static final Activation SIGMOID = new Pointwise("sigmoid", Kernels::sigmoid,
            (k, n, z, zo, a, ao, g, go, out, oo) -> k.sigmoidBackward(n, a, ao, g, go, out, oo));
    static final Activation TANH = new Pointwise("tanh", Kernels::tanh,
            (k, n, z, zo, a, ao, g, go, out, oo) -> k.tanhBackward(n, a, ao, g, go, out, oo));
    static final Activation SOFTMAX = new Softmax();
    static final Activation LEAKY_RELU = Parameterised.leakyRelu(Parameterised.LEAKY_RELU_ALPHA);
    static final Activation ELU = Parameterised.elu(Parameterised.ELU_ALPHA);
    static final Activation GELU = new Pointwise("gelu", Kernels::gelu,
            (k, n, z, zo, a, ao, g, go, out, oo) -> k.geluBackward(n, z, zo, g, go, out, oo));
    static final Activation SWISH = new Pointwise("swish", Kernels::swish,
            (k, n, z, zo, a, ao, g, go, out, oo) -> k.swishBackward(n, z, zo, g, go, out, oo));
    static final Activation SOFTPLUS = new Pointwise("softplus", Kernels::softplus,
            (k, n, z, zo, a, ao, g, go, out, oo) -> k.softplusBackward(n, z, zo, g, go, out, oo));

    private BuiltInActivations() {
    }
}
