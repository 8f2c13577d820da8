/** The vecnn command line: the tutorial demo, and (next) train, evaluate, predict and summary on CSV files. */
module org.vecnn.cli {
    requires org.vecnn.train;
    requires info.picocli;
    requires org.apache.commons.csv;

    opens org.vecnn.cli to info.picocli;
}
