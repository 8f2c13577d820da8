package org.vecnn.spark;

import org.apache.spark.sql.SparkSession;

/** One in-process Spark ({@code local[2]}) for every test of this JVM, stopped when the JVM ends. */
final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {
    }

    /** A test session's builder: this master, no web UI, the driver on the loopback address. */
    static SparkSession.Builder builder(String master, String name) {
        return SparkSession.builder().master(master).appName(name).config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = builder("local[2]", "vecnn-tests").config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
