package org.vecnn.nn;

import java.util.List;
import org.vecnn.matrix.kernel.activation.Exponential;
import org.vecnn.matrix.kernel.activation.HardSigmoid;
import org.vecnn.matrix.kernel.activation.Relu6;
import org.vecnn.matrix.kernel.activation.Selu;
import org.vecnn.matrix.kernel.activation.Softsign;
import org.vecnn.matrix.kernel.activation.ThresholdedRelu;

/** The activations by Keras name, for {@link Activation#of}: one line each. */
final class ActivationRegistry {

    static final Registry<Activation> ACTIVATIONS = new Registry<Activation>("activation")
            .register("linear", () -> Activation.LINEAR)
            .register("relu", () -> Activation.RELU)
            .register("sigmoid", () -> Activation.SIGMOID)
            .register("tanh", () -> Activation.TANH)
            .register("softmax", () -> Activation.SOFTMAX)
            .register("leaky_relu", () -> Activation.LEAKY_RELU)
            .register("elu", () -> Activation.ELU)
            .register("gelu", () -> Activation.GELU)
            .register("swish", () -> Activation.SWISH, "silu")
            .register("softplus", () -> Activation.SOFTPLUS)
            .register("selu", () -> BuiltInActivation.of(Selu.KERNELS))
            .register("softsign", () -> BuiltInActivation.of(Softsign.KERNELS))
            .register("hard_sigmoid", () -> BuiltInActivation.of(HardSigmoid.KERNELS))
            .register("exponential", () -> BuiltInActivation.of(Exponential.KERNELS))
            .register("relu6", () -> BuiltInActivation.of(Relu6.KERNELS))
            .register("thresholded_relu", () -> BuiltInActivation.of(ThresholdedRelu.KERNELS));

    /** The names registered here, before any of a user's. */
    static final List<String> BUILT_IN = ACTIVATIONS.names();

    private ActivationRegistry() {
    }
}
