/** Losses, backpropagation, optimisers, metrics and fit (see its issue); so far the losses and optimisers. */
module org.vecnn.train {
    requires transitive org.vecnn.nn;

    exports org.vecnn.train.loss;
    exports org.vecnn.train.optim;
}
