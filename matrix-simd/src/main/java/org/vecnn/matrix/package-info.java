/**
 * Float32 matrices ({@link org.vecnn.matrix.Matrix}), BLAS-style matrix multiplication on row-major arrays
 * ({@link org.vecnn.matrix.Gemm}) and the kernels' thread count ({@link org.vecnn.matrix.Threads}).
 */
package org.vecnn.matrix;
