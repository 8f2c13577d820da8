/** Layers, activations, initialisers, Sequential models, inference and model files (see its issue). */
module org.vecnn.nn {
    requires transitive org.vecnn.matrix;
}
