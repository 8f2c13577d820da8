/**
 * The Keras-style API: {@link org.vecnn.nn.Sequential} models of layers ({@link org.vecnn.nn.Dense},
 * {@link org.vecnn.nn.Normalization}, {@link org.vecnn.nn.BatchNormalization}, {@link org.vecnn.nn.Dropout},
 * {@link org.vecnn.nn.ActivationLayer}), {@link org.vecnn.nn.Activation} functions and
 * {@link org.vecnn.nn.Initializer}s by Keras name, thread-safe inference and model files.
 *
 * <p>Every layer implements one contract, {@link org.vecnn.nn.Layer}: its config, its
 * {@link org.vecnn.nn.Parameters}, a forward pass over {@link org.vecnn.nn.Batch} views, and for training a
 * backward pass over {@link org.vecnn.nn.BatchRows} and its gradients. A layer of your own extends it, and
 * {@link org.vecnn.nn.Layer#register} makes it loadable from model files by its type name.
 */
package org.vecnn.nn;
