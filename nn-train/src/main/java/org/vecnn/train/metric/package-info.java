/**
 * Training metrics by Keras name ({@link org.vecnn.train.metric.Metric#of}): accuracy, precision, recall, AUC, mse,
 * mae.
 */
package org.vecnn.train.metric;
