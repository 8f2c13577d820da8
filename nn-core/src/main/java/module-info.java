/**
 * Layers, activations, initialisers, {@code Sequential} models, thread-safe inference and model files, on
 * the kernels of {@code org.vecnn.matrix}.
 */
module org.vecnn.nn {
    requires transitive org.vecnn.matrix;

    exports org.vecnn.nn;
    exports org.vecnn.nn.io;
}
