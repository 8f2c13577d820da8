/**
 * Float32 matrices and the numeric kernels of vecnn: a BLIS-structured SIMD GEMM and the element-wise
 * and reduction kernels that dense layers need, each with a plain-loop twin.
 *
 * <p>The Vector API is an optional dependency: a JVM started without
 * {@code --add-modules jdk.incubator.vector} runs the scalar kernels.
 */
module org.vecnn.matrix {
    requires static jdk.incubator.vector;
    requires static jdk.management;

    exports org.vecnn.matrix;
    exports org.vecnn.matrix.parallel;
    exports org.vecnn.matrix.kernel;
}
