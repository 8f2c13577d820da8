/** Losses, backpropagation, optimisers, metrics and fit (see its issue); so far the losses. */
module org.vecnn.train {
    requires transitive org.vecnn.nn;

    exports org.vecnn.train.loss;
}
