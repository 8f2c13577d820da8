package org.vecnn.nn;

import java.util.List;
import java.util.function.Function;
import org.vecnn.matrix.kernel.KernelProvider;
import org.vecnn.matrix.kernel.Kernels;

/** The layer types by Keras class name, each made from its config, for {@link Layer#fromConfig}: one line each. */
final class LayerRegistry {

    /** The kernels every layer of this JVM computes with. */
    static final Kernels KERNELS = KernelProvider.kernels();

    static final Registry<Function<LayerConfig, Layer>> LAYERS = new Registry<Function<LayerConfig, Layer>>(
            "layer type")
            .register("Dense", () -> Dense::fromConfig)
            .register("Normalization", () -> Normalization::fromConfig)
            .register("Dropout", () -> Dropout::fromConfig)
            .register("BatchNormalization", () -> BatchNormalization::fromConfig)
            .register("Activation", () -> ActivationLayer::fromConfig)
            .register("ReLU", () -> ReLU::fromConfig)
            .register("PReLU", () -> PReLU::fromConfig)
            .register("CategoryLookup", () -> CategoryLookup::fromConfig);

    /** The types registered here, before any of a user's. */
    static final List<String> BUILT_IN = LAYERS.names();

    private LayerRegistry() {
    }
}
