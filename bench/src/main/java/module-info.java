/** JMH benchmarks of vecnn and of other JVM libraries, run in the same process (see its issue). */
module org.vecnn.bench {
    requires org.vecnn.train;
}
