/** Losses, backpropagation, optimisers, metrics and fit (see its issue); so far the losses, optimisers and a first fit. */
module org.vecnn.train {
    requires transitive org.vecnn.nn;

    exports org.vecnn.train;
    exports org.vecnn.train.callback;
    exports org.vecnn.train.loss;
    exports org.vecnn.train.metric;
    exports org.vecnn.train.optim;
}
