/**
 * Training: {@link org.vecnn.train.Model} (Keras's compile, fit, evaluate and predict on a model), over
 * {@link org.vecnn.train.Trainer}, with its {@link org.vecnn.train.FitOptions}, {@link org.vecnn.train.History}
 * and {@link org.vecnn.train.Callback}s.
 */
package org.vecnn.train;
