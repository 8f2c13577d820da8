package org.vecnn.bench;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.kernel.KernelProvider;
import org.vecnn.matrix.kernel.Kernels;
import org.vecnn.nn.Dense;
import org.vecnn.nn.Sequential;

/**
 * Batch inference on the MNIST-sized MLP 784→256→128→10 (relu, relu, softmax), 256 samples per call, one
 * thread, in samples per second: vecnn's {@code predict} against the numpy way of doing it, native
 * OpenBLAS {@code sgemm} for each layer followed by separate bias and activation passes (here vecnn's
 * vector kernels, which are no slower than numpy's), over the same weights in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(MlpInferenceBenchmark.BATCH)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvecnn.kernels=vector",
        "--enable-native-access=ALL-UNNAMED", "-Dvecnn.threads=1"})
public class MlpInferenceBenchmark {

    static final int BATCH = 256;
    private static final Kernels KERNELS = KernelProvider.kernels();

    @Param({"vecnn", "openblas"})
    public String implementation;

    private Sequential model;
    private Matrix x;
    private Matrix out;
    private Dense[] layers;
    private MemorySegment[] kernels;
    private float[][] biases;
    private float[][] activations;
    private MemorySegment[] activationSegments;

    @Setup
    public void setUp() {
        model = new Sequential(new Dense(256, "relu"), new Dense(128, "relu"), new Dense(10, "softmax")).build(784, 3);
        x = Matrix.random(BATCH, 784, 4);
        out = Matrix.zeros(BATCH, 10);
        if (implementation.equals("openblas")) {
            OpenBlasSgemm.setThreads(1);
            layers = model.layers().stream().map(Dense.class::cast).toArray(Dense[]::new);
            kernels = new MemorySegment[layers.length];
            biases = new float[layers.length][];
            activations = new float[layers.length + 1][];
            activationSegments = new MemorySegment[layers.length + 1];
            activations[0] = x.data();
            activationSegments[0] = MemorySegment.ofArray(x.data());
            for (int l = 0; l < layers.length; l++) {
                kernels[l] = MemorySegment.ofArray(layers[l].kernel().data());
                biases[l] = layers[l].bias();
                activations[l + 1] = new float[BATCH * layers[l].units()];
                activationSegments[l + 1] = MemorySegment.ofArray(activations[l + 1]);
            }
        }
    }

    @Benchmark
    public Matrix predict() {
        if (implementation.equals("vecnn")) {
            model.predict(x, out);
            return out;
        }
        for (int l = 0; l < layers.length; l++) {
            Dense layer = layers[l];
            int units = layer.units();
            OpenBlasSgemm.sgemm(false, false, BATCH, units, layer.inputWidth(), activationSegments[l],
                    layer.inputWidth(), kernels[l], units, activationSegments[l + 1], units);
            float[] z = activations[l + 1];
            KERNELS.addRowToRows(BATCH, units, biases[l], 0, z, 0);
            layer.activation().forward(BATCH, units, z, 0, z, 0);
        }
        return out;
    }
}
