/**
 * vecnn on Apache Spark 4.2: {@link org.vecnn.spark.VecnnPredictor}, a Spark ML {@code Transformer} that
 * scores a DataFrame's partitions in batches with one shared model per executor JVM;
 * {@link org.vecnn.spark.VecnnSql}, the {@code vecnn_predict} SQL function; and
 * {@link org.vecnn.spark.SparkTrainer}, synchronous data-parallel training (fit's batches, the partitions'
 * gradients added in a fixed order) or parameter averaging, with checkpoints on any Hadoop file system.
 * Spark is the cluster's ({@code provided}); this module runs on the class path, as Spark does.
 */
package org.vecnn.spark;
