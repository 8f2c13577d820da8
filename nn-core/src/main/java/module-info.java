/**
 * Layers, activations, initialisers, {@code Sequential} models, thread-safe inference and model files, on
 * the kernels of {@code org.vecnn.matrix}. The layer engine ({@code org.vecnn.nn.engine}) is for vecnn's own
 * modules only.
 */
module org.vecnn.nn {
    requires transitive org.vecnn.matrix;

    exports org.vecnn.nn;
    exports org.vecnn.nn.io;
    exports org.vecnn.nn.engine to org.vecnn.train;
}
