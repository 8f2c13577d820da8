/**
 * Each activation's kernels in its own file: a plain loop and its Vector API twin, bitwise equal, as one
 * {@link org.vecnn.matrix.kernel.ActivationKernels}. The vector side is made by a lambda, not a method or
 * constructor reference: a reference links its class when the pair is made, and the vector class cannot
 * be linked in a JVM without the incubator module; the lambda's {@code new} is resolved only when the
 * vector side is first used. Exported only to vecnn's own modules.
 */
package org.vecnn.matrix.kernel.activation;
