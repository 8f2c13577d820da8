/**
 * JMH benchmarks of vecnn and of other JVM libraries (EJML, ojAlgo, ONNX Runtime's Java API, and native
 * OpenBLAS through the FFM API), all measured in the same run, with the table and chart that report them.
 */
module org.vecnn.bench {
    requires org.vecnn.train;
    requires org.vecnn.interop;
    requires com.microsoft.onnxruntime;
    requires jmh.core;
    requires ejml.core;
    requires ejml.fdense;
    requires ojalgo;
    requires org.knowm.xchart;
    requires com.google.gson;
    requires java.desktop;
    requires java.management;
}
