/** Losses, backpropagation, optimisers, metrics and fit (see its issue). */
module org.vecnn.train {
    requires transitive org.vecnn.nn;
}
