/** Optimisers with Keras's update rules and defaults, gradient clipping and learning-rate schedules. */
package org.vecnn.train.optim;
