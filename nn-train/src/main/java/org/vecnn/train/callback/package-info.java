/**
 * Callbacks for {@link org.vecnn.train.Trainer#fit}: early stopping, NaN termination, checkpoints, learning-rate
 * reduction, and your own.
 */
package org.vecnn.train.callback;
