/** Training: {@link org.vecnn.train.Trainer} (Keras's compile, fit and evaluate), its options and history. */
package org.vecnn.train;
