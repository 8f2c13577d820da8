/**
 * The vecnn command line: the tutorial demo, train, evaluate, predict and summary on CSV files, and import of
 * Keras models.
 */
module org.vecnn.cli {
    requires org.vecnn.train;
    requires org.vecnn.interop;
    requires info.picocli;
    requires org.apache.commons.csv;
    requires org.knowm.xchart;
    requires java.desktop;
    requires java.logging;

    opens org.vecnn.cli to info.picocli;
}
