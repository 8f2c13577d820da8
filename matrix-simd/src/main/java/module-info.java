/**
 * Float32 matrices and BLAS-style matrix multiplication ({@code org.vecnn.matrix}), on vecnn's numeric
 * kernels: a BLIS-structured SIMD GEMM and the element-wise and reduction kernels that dense layers need,
 * each with a plain-loop twin. The kernels and the thread pool are engine packages, exported only to
 * vecnn's own modules.
 *
 * <p>The Vector API is an optional dependency: a JVM started without
 * {@code --add-modules jdk.incubator.vector} runs the scalar kernels.
 */
@SuppressWarnings("module")
module org.vecnn.matrix {
    requires static jdk.incubator.vector;
    requires static jdk.management;

    exports org.vecnn.matrix;
    exports org.vecnn.matrix.kernel to org.vecnn.nn, org.vecnn.train, org.vecnn.cli, org.vecnn.bench;
    exports org.vecnn.matrix.kernel.activation to org.vecnn.nn, org.vecnn.bench;
    exports org.vecnn.matrix.parallel to org.vecnn.nn, org.vecnn.train, org.vecnn.cli, org.vecnn.bench;
}
