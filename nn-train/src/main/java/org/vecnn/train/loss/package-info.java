/** Losses by Keras name ({@link org.vecnn.train.loss.Loss#of}), fused with the output activation where stable. */
package org.vecnn.train.loss;
