/**
 * Training: losses, optimisers, metrics, callbacks, backpropagation and Keras's {@code compile}/{@code fit}/
 * {@code evaluate} ({@code Model}, {@code Trainer}), on the models of {@code org.vecnn.nn}.
 */
module org.vecnn.train {
    requires transitive org.vecnn.nn;

    exports org.vecnn.train;
    exports org.vecnn.train.callback;
    exports org.vecnn.train.loss;
    exports org.vecnn.train.metric;
    exports org.vecnn.train.optim;
}
