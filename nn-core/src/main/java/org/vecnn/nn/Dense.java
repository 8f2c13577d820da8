package org.vecnn.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.vecnn.matrix.Matrix;
import org.vecnn.matrix.kernel.Kernels;

/**
 * A fully connected layer, {@code A_out = g(A_in·W + b)} for a whole batch at once: the bias rows, one
 * GEMM added to them, then the activation applied in place. The kernel W is stored input x units, as in the tutorial,
 * so unit j's weights are column j.
 *
 * <p>Defaults follow Keras: linear activation, glorot_uniform kernel, zero bias, bias used.
 * {@link DenseLoop} is the loop version it is tested against.
 */
public final class Dense extends Layer {

    /** Where the kernel and the bias sit among the layer's arrays. */
    static final int KERNEL = 0;
    static final int BIAS = 1;

    private final int units;
    private final Activation activation;
    private Initializer kernelInitializer = Initializer.GLOROT_UNIFORM;
    private Initializer biasInitializer = Initializer.ZEROS;
    private boolean useBias = true;
    private Regularizer kernelRegularizer = Regularizer.NONE;

    /** A layer of {@code units} neurons with a linear activation. */
    public Dense(int units) {
        this(units, Activation.LINEAR);
    }

    /** A layer of {@code units} neurons with the activation of this Keras name. */
    public Dense(int units, String activation) {
        this(units, Activation.of(activation));
    }

    /** A layer of {@code units} neurons with this activation. */
    public Dense(int units, Activation activation) {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense units must be positive, got " + units);
        }
        this.units = units;
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    /** Names the layer, as Keras's {@code name=}; returns this layer. */
    public Dense named(String name) {
        setName(name);
        return this;
    }

    /** Sets how the kernel starts (default glorot_uniform); returns this layer. */
    public Dense kernelInitializer(Initializer initializer) {
        requireUnbuilt("kernel initializer");
        kernelInitializer = Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    /** Sets how the bias starts (default zeros); returns this layer. */
    public Dense biasInitializer(Initializer initializer) {
        requireUnbuilt("bias initializer");
        biasInitializer = Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    /** Sets the penalty on the kernel while training (default none); returns this layer. */
    public Dense kernelRegularizer(Regularizer regularizer) {
        requireUnbuilt("kernel regularizer");
        kernelRegularizer = Objects.requireNonNull(regularizer, "regularizer");
        return this;
    }

    /** Whether the layer adds a bias (default true); returns this layer. */
    public Dense useBias(boolean enabled) {
        requireUnbuilt("bias setting");
        useBias = enabled;
        return this;
    }

    @Override
    public String type() {
        return "Dense";
    }

    /** The number of neurons. */
    public int units() {
        return units;
    }

    /** The activation g. */
    public Activation activation() {
        return activation;
    }

    /** How the kernel starts. */
    public Initializer kernelInitializer() {
        return kernelInitializer;
    }

    /** How the bias starts. */
    public Initializer biasInitializer() {
        return biasInitializer;
    }

    /** The penalty on the kernel while training. */
    public Regularizer kernelRegularizer() {
        return kernelRegularizer;
    }

    /** Whether the layer adds a bias. */
    public boolean usesBias() {
        return useBias;
    }

    @Override
    public int outputWidth() {
        return units;
    }

    @Override
    public long trainableParams() {
        return isBuilt() ? (long) inputWidth() * units + (useBias ? units : 0) : 0;
    }

    @Override
    public long nonTrainableParams() {
        return 0;
    }

    /** A copy of the kernel W, input x units. */
    public Matrix kernel() {
        requireBuilt();
        return Matrix.wrap(inputWidth(), units, current()[KERNEL].clone());
    }

    /** A copy of the bias b (zeros when the layer uses none). */
    public float[] bias() {
        requireBuilt();
        return current()[BIAS].clone();
    }

    @Override
    public int weightCount() {
        return useBias ? 2 : 1;
    }

    @Override
    public List<Matrix> weights() {
        return useBias ? List.of(kernel(), row(bias())) : List.of(kernel());
    }

    /** Sets W (input x units) and b (units values; ignored without a bias), as {@link #setWeights(List)}. */
    public void setWeights(Matrix newKernel, float[] newBias) {
        setWeights(useBias ? List.of(newKernel, Matrix.wrap(1, newBias.length, newBias)) : List.of(newKernel));
    }

    @Override
    float[][] checkedArrays(List<Matrix> weights) {
        checkCount(weights);
        float[] newKernel = checkedWeight(weights, 0, "kernel", inputWidth(), units).clone();
        float[] newBias = useBias ? checkedWeight(weights, 1, "bias", 1, units).clone() : new float[units];
        return new float[][] {newKernel, newBias};
    }

    @Override
    float[][] initialArrays(int width, SplittableRandom random) {
        float[] kernel = new float[Math.multiplyExact(width, units)];
        float[] bias = new float[units];
        kernelInitializer.fill(kernel, width, units, random);
        if (useBias) {
            biasInitializer.fill(bias, width, units, random);
        }
        return new float[][] {kernel, bias};
    }

    /**
     * The GEMM starts every row's chains from the bias and adds A·W (one pass over z), then g runs in place.
     * The arrays are the kernel (input x units) and the bias.
     */
    @Override
    public void forward(Kernels kernels, int rows, float[] in, int inOffset, float[] out, int outOffset,
                        float[][] arrays) {
        forwardInto(kernels, rows, in, inOffset, out, outOffset, arrays);
        activation.forward(kernels, rows, units, out, outOffset, out, outOffset);
    }

    /** {@code z = A·W + b} into out. */
    private void forwardInto(Kernels kernels, int rows, float[] in, int inOffset, float[] out, int outOffset,
                             float[][] arrays) {
        if (useBias) {
            kernels.sgemmWithBias(rows, units, inputWidth(), in, inOffset, inputWidth(), arrays[KERNEL], 0, units,
                    arrays[BIAS], 0, out, outOffset, units);
        } else {
            kernels.sgemm(false, false, rows, units, inputWidth(), 1f, in, inOffset, inputWidth(), arrays[KERNEL], 0,
                    units, 0f, out, outOffset, units);
        }
    }

    @Override
    public int trainableArrayCount() {
        return 2;
    }

    @Override
    public int cacheWidth() {
        return units;
    }

    /** Keeps z = A·W + b in the cache and writes g(z) to out. */
    @Override
    public void forwardTraining(Kernels kernels, int from, int to, float[] in, float[] out, float[][] arrays,
                                float[] cache, RandomGenerator random) {
        int rows = to - from;
        forwardInto(kernels, rows, in, from * inputWidth(), cache, from * units, arrays);
        activation.forward(kernels, rows, units, cache, from * units, out, from * units);
    }

    /** {@code dZ = dA ⊙ g'(z)} (in place) and {@code dA_in = dZ·Wᵀ}, the transpose taken by the GEMM. */
    @Override
    public void backward(Kernels kernels, int from, int to, float[] out, float[][] arrays, float[] cache,
                         float[] gradOut, boolean preActivation, float[] gradIn) {
        int rows = to - from;
        int inputs = inputWidth();
        if (!preActivation) {
            activation.backward(kernels, rows, units, cache, from * units, out, from * units, gradOut, from * units,
                    gradOut, from * units);
        }
        if (gradIn != null) {
            kernels.sgemm(false, true, rows, inputs, units, 1f, gradOut, from * units, units, arrays[KERNEL], 0, units,
                    0f, gradIn, from * inputs, inputs);
        }
    }

    /** The kernel's inputWidth rows, then the bias row. */
    @Override
    public int parameterRows() {
        return inputWidth() + 1;
    }

    /** Kernel rows of {@code dW = Aᵀ·dZ} (transposed by the GEMM) and, as the last row, {@code db = Σ_rows dZ}. */
    @Override
    public void parameterGradients(Kernels kernels, int rows, float[] in, float[] gradZ, int from, int to,
                                   float[][] gradArrays) {
        int inputs = inputWidth();
        int kernelEnd = Math.min(to, inputs);
        if (from < kernelEnd) {
            kernels.sgemm(true, false, kernelEnd - from, units, rows, 1f, in, from, inputs, gradZ, 0, units, 0f,
                    gradArrays[KERNEL], from * units, units);
        }
        if (to > inputs) {
            if (useBias) {
                kernels.columnSums(rows, units, gradZ, 0, gradArrays[BIAS], 0);
            } else {
                Arrays.fill(gradArrays[BIAS], 0, units, 0f);
            }
        }
    }
}
