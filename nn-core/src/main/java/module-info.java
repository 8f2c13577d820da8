/**
 * Layers, activations, initialisers, {@code Sequential} models, thread-safe inference and model files, on
 * the kernels of {@code org.vecnn.matrix}: the public API is {@code org.vecnn.nn}; the layer engine
 * ({@code org.vecnn.nn.engine}) and the file helpers ({@code org.vecnn.nn.io}) are for vecnn's own modules.
 */
module org.vecnn.nn {
    requires transitive org.vecnn.matrix;

    exports org.vecnn.nn;
    exports org.vecnn.nn.io to org.vecnn.train, org.vecnn.cli;
    exports org.vecnn.nn.engine to org.vecnn.train;
}
