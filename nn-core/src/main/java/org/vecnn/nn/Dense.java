package org.vecnn.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
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

    /** Where the kernel and the bias (if used) sit among the layer's parameters. */
    static final int KERNEL = 0;
    static final int BIAS = 1;
    /**
     * Where a layer with a bias keeps its kernel also in the vector GEMM's packed layout (derived, not saved),
     * where the kernels pack: inference then multiplies it without a copy per call.
     */
    private static final int PACKED_KERNEL = 2;
    private static final Kernels KERNELS = LayerRegistry.KERNELS;

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

    /** A Dense layer from its {@link #config()}. */
    static Dense fromConfig(LayerConfig config) {
        Activation activation = Activation.of(config.getString("activation", "linear"), config.getFloat("alpha", 0f));
        return new Dense(config.getInt("units"), activation)
                .useBias(config.getBoolean("use_bias", true))
                .kernelInitializer(Initializer.of(config.getString("kernel_initializer", "glorot_uniform")))
                .biasInitializer(Initializer.of(config.getString("bias_initializer", "zeros")))
                .kernelRegularizer(new Regularizer(config.getFloat("kernel_l1", 0f), config.getFloat("kernel_l2", 0f)));
    }

    @Override
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
    public LayerConfig config() {
        LayerConfig config = LayerConfig.create().put("units", units).put("activation", activation.name());
        if (activation.alpha() != 0f) {
            config.put("alpha", activation.alpha());
        }
        return config.put("use_bias", useBias).put("kernel_initializer", kernelInitializer.kerasName())
                .put("bias_initializer", biasInitializer.kerasName())
                .put("kernel_l1", (float) kernelRegularizer.l1()).put("kernel_l2", (float) kernelRegularizer.l2());
    }

    @Override
    public int outputWidth() {
        return units;
    }

    /** A copy of the kernel W, input x units. */
    public Matrix kernel() {
        return weights().get(KERNEL);
    }

    /** A copy of the bias b (zeros when the layer uses none). */
    public float[] bias() {
        return useBias ? current().array(BIAS).clone() : new float[units];
    }

    /** Sets W (input x units) and b (units values; ignored without a bias), as {@link #setWeights(List)}. */
    public void setWeights(Matrix newKernel, float[] newBias) {
        setWeights(useBias ? List.of(newKernel, Matrix.wrap(1, newBias.length, newBias)) : List.of(newKernel));
    }

    @Override
    protected Parameters createParameters(int width, SplittableRandom random) {
        Parameters.Builder builder = Parameters.builder()
                .add("kernel", width, units, Parameters.Kind.TRAINABLE);
        int packedSize = KERNELS.packedWeightsSize(width, units);
        if (useBias) {
            builder.add("bias", 1, units, Parameters.Kind.TRAINABLE);
            if (packedSize > 0) {
                builder.add("packed_kernel", 1, packedSize, Parameters.Kind.DERIVED);
            }
        }
        Parameters params = builder.build();
        kernelInitializer.fill(params.array(KERNEL), width, units, random);
        if (useBias) {
            biasInitializer.fill(params.array(BIAS), width, units, random);
        }
        prepare(params);
        return params;
    }

    /** Packs the kernel anew where the layer keeps a packed copy. */
    @Override
    protected void prepare(Parameters params) {
        if (params.size() > PACKED_KERNEL) {
            KERNELS.packWeights(false, params.rows(KERNEL), units, params.array(KERNEL), 0, units,
                    params.array(PACKED_KERNEL), 0);
        }
    }

    /**
     * The GEMM starts every row's chains from the bias and adds A·W (one pass over z), taking ReLU as it stores
     * them; any other g then runs in place.
     */
    @Override
    public void forward(Batch in, Batch out, Parameters params) {
        boolean fusedRelu = useBias && activation == Activation.RELU;
        forwardInto(in, out.data(), out.offset(), params, fusedRelu, params.size() > PACKED_KERNEL);
        // The activation runs in place, where the identity has nothing to do.
        if (activation != Activation.LINEAR && !fusedRelu) {
            activation.forward(in.rows(), units, out.data(), out.offset(), out.data(), out.offset());
        }
    }

    /**
     * {@code z = A·W + b} into z, or with {@code relu} (a layer with a bias) {@code max(z, 0)}; from the packed
     * kernel where {@code packed} (inference: a published snapshot's copy matches its kernel; training's working
     * kernel changes every step, so it is read as it is).
     */
    private void forwardInto(Batch in, float[] z, int zOffset, Parameters params, boolean relu, boolean packed) {
        int inputs = inputWidth();
        if (useBias) {
            KERNELS.sgemmWithBias(in.rows(), units, inputs, in.data(), in.offset(), inputs, params.array(KERNEL), 0,
                    units, packed ? params.array(PACKED_KERNEL) : null, 0, params.array(BIAS), 0, z, zOffset, units,
                    relu);
        } else {
            KERNELS.sgemm(false, false, in.rows(), units, inputs, 1f, in.data(), in.offset(), inputs,
                    params.array(KERNEL), 0, units, 0f, z, zOffset, units);
        }
    }

    /** Each of {@code rows} rows of z from {@code offset} set to the bias, where a GEMM's sums start. */
    void startRows(int rows, float[] z, int offset, Parameters params) {
        for (int r = 0; r < rows; r++) {
            if (useBias) {
                System.arraycopy(params.array(BIAS), 0, z, offset + r * units, units);
            } else {
                Arrays.fill(z, offset + r * units, offset + (r + 1) * units, 0f);
            }
        }
    }

    /** z of maxRows rows, then room for Wᵀ packed for the GEMM ({@link #prepareBackward}), where the kernels pack. */
    @Override
    protected int cacheSize(int maxRows) {
        return Math.addExact(Math.multiplyExact(maxRows, units), transposedKernelSize());
    }

    /** The floats of Wᵀ (units x inputs) in the GEMM's packed layout: 0 where the kernels do not pack. */
    private int transposedKernelSize() {
        return KERNELS.packedWeightsSize(units, inputWidth());
    }

    /** Packs this step's Wᵀ at the cache's end, once, for every row range's ∂L/∂in in {@link #backward}. */
    @Override
    protected void prepareBackward(float[] cache, Parameters params) {
        int size = transposedKernelSize();
        if (size > 0) {
            KERNELS.packWeights(true, units, inputWidth(), params.array(KERNEL), 0, units, cache, cache.length - size);
        }
    }

    @Override
    protected Activation outputActivation() {
        return activation;
    }

    /** Keeps z = A·W + b in the cache and writes g(z) to out. */
    @Override
    protected void forwardTraining(BatchRows rows, Parameters params) {
        int zOffset = rows.in().firstRow() * units;
        forwardInto(rows.in(), rows.cache(), zOffset, params, false, false);
        Batch out = rows.out();
        activation.forward(out.rows(), units, rows.cache(), zOffset, out.data(), out.offset());
    }

    /**
     * {@code dZ = dA ⊙ g'(z)} (in place) and {@code dA_in = dZ·Wᵀ}, the GEMM reading the step's Wᵀ packed by
     * {@link #prepareBackward}.
     */
    @Override
    protected void backward(BatchRows rows, Parameters params) {
        Batch gradOut = rows.gradOut();
        Batch out = rows.out();
        int n = gradOut.rows();
        if (!rows.preActivation()) {
            activation.backward(n, units, rows.cache(), gradOut.firstRow() * units, out.data(), out.offset(),
                    gradOut.data(), gradOut.offset(), gradOut.data(), gradOut.offset());
        }
        Batch gradIn = rows.gradIn();
        if (gradIn != null) {
            int inputs = inputWidth();
            int packedSize = transposedKernelSize();
            float[] cache = rows.cache();
            KERNELS.sgemm(false, true, n, inputs, units, 1f, gradOut.data(), gradOut.offset(), units,
                    params.array(KERNEL), 0, units, packedSize > 0 ? cache : null, cache.length - packedSize, 0f,
                    gradIn.data(), gradIn.offset(), inputs);
        }
    }

    /** The kernel's inputWidth rows, then the bias row if used. */
    @Override
    protected int gradientRows() {
        return inputWidth() + (useBias ? 1 : 0);
    }

    /**
     * Kernel rows of {@code dW = Aᵀ·dZ} (transposed by the GEMM) with the regularizer's gradient, and, as the
     * last row, {@code db = Σ_rows dZ}.
     */
    @Override
    protected void gradients(BatchRows batch, Parameters params, Parameters gradients, int from, int to) {
        int inputs = inputWidth();
        int kernelEnd = Math.min(to, inputs);
        Batch in = batch.in();
        Batch gradZ = batch.gradOut();
        if (from < kernelEnd) {
            kernelGradients(in.data(), in.offset() + from, inputs, gradZ, from, kernelEnd, params, gradients);
        }
        if (to > inputs) {
            KERNELS.columnSums(gradZ.rows(), units, gradZ.data(), gradZ.offset(), gradients.array(BIAS), 0);
        }
    }

    /**
     * Kernel rows [from, to) of dW from the batch's input columns of those features ({@code x} from
     * {@code xOffset}, {@code lda} values per row), plus the regularizer's gradient on them.
     */
    void kernelGradients(float[] x, int xOffset, int lda, Batch gradZ, int from, int to, Parameters params,
                         Parameters gradients) {
        KERNELS.sgemm(true, false, to - from, units, gradZ.rows(), 1f, x, xOffset, lda, gradZ.data(),
                gradZ.offset(), units, 0f, gradients.array(KERNEL), from * units, units);
        if (!kernelRegularizer.equals(Regularizer.NONE)) {
            kernelRegularizer.addGradient(params.array(KERNEL), gradients.array(KERNEL), from * units, to * units);
        }
    }

    @Override
    protected double penalty(Parameters params) {
        return kernelRegularizer.equals(Regularizer.NONE) ? 0 : kernelRegularizer.penalty(params.array(KERNEL));
    }
}
