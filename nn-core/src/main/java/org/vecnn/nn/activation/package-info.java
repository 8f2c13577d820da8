/**
 * The activation functions behind {@link org.vecnn.nn.Activation}: {@code Pointwise} pairs of kernels, and
 * records for those with a parameter or a shape of their own.
 */
package org.vecnn.nn.activation;
