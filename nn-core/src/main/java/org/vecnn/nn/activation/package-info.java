/** The activation functions behind {@link org.vecnn.nn.Activation}, one record each. */
package org.vecnn.nn.activation;
