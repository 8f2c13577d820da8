package org.vecnn.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.vecnn.interop.ModelImport;
import org.vecnn.interop.OnnxExport;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Sequential;

/**
 * vecnn against ONNX Runtime's Java API on the same ONNX file: the tutorial's 2→25→15→1 sigmoid network one
 * sample at a time, and the 784→256→128→10 MLP on a batch of 256, one thread each. The file is a vecnn model
 * exported to ONNX; vecnn predicts with that file imported, ONNX Runtime runs it, its input tensor made once
 * and reused (its best case: a service would make one per call). Average time per call, the two switching
 * before every iteration, warm-up included: measured iteration i runs vecnn where i is even and ONNX Runtime
 * where it is odd, so that {@link OnnxRuntimeReport} compares neighbours, which ran on the same machine state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 6, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 20, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvecnn.kernels=vector",
        "--enable-native-access=ALL-UNNAMED", "-Dvecnn.threads=1"})
public class OnnxRuntimeBenchmark {

    @Param({"tutorial", "mlp"})
    public String network;

    private Sequential vecnn;
    private Matrix x;
    private Matrix out;
    private float[] sample;
    private float[] sampleOut;
    private OrtEnvironment environment;
    private OrtSession session;
    private OnnxTensor input;
    private int iteration;
    private boolean vecnnTurn;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        boolean tutorial = network.equals("tutorial");
        Sequential original = tutorial
                ? new Sequential(new Dense(25, "sigmoid"), new Dense(15, "sigmoid"), new Dense(1, "sigmoid"))
                        .build(2, 7)
                : new Sequential(new Dense(256, "relu"), new Dense(128, "relu"), new Dense(10, "softmax"))
                        .build(784, 3);
        byte[] onnx = OnnxExport.encode(original);
        int rows = tutorial ? 1 : MlpInferenceBenchmark.BATCH;
        x = Matrix.random(rows, original.inputWidth(), 4);
        out = Matrix.zeros(rows, original.outputWidth());
        sample = x.data().clone();
        sampleOut = new float[original.outputWidth()];
        vecnn = ModelImport.read(onnx, "network.onnx");
        environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        session = environment.createSession(onnx, options);
        FloatBuffer buffer = ByteBuffer.allocateDirect(x.data().length * 4).order(ByteOrder.nativeOrder())
                .asFloatBuffer().put(x.data());
        buffer.rewind();
        input = OnnxTensor.createTensor(environment, buffer, new long[] {rows, original.inputWidth()});
    }

    /** vecnn, then ONNX Runtime, one iteration each. */
    @Setup(Level.Iteration)
    public void next() {
        vecnnTurn = iteration++ % 2 == 0;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        input.close();
        session.close();
    }

    @Benchmark
    public Object predict() throws OrtException {
        if (vecnnTurn) {
            if (network.equals("tutorial")) {
                vecnn.predict(sample, sampleOut);
                return sampleOut;
            }
            vecnn.predict(x, out);
            return out;
        }
        try (OrtSession.Result result = session.run(Map.of("input", input))) {
            return ((OnnxTensor) result.get(0)).getFloatBuffer().get(0);
        }
    }
}
