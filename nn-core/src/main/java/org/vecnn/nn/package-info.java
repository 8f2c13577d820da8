/**
 * The Keras-style API: {@link org.vecnn.nn.Sequential} models of {@link org.vecnn.nn.Dense},
 * {@link org.vecnn.nn.Normalization} and {@link org.vecnn.nn.Dropout} layers, {@link org.vecnn.nn.Activation}
 * functions and {@link org.vecnn.nn.Initializer}s by Keras name.
 */
package org.vecnn.nn;
