package org.vecnn.train.optim;

import java.util.Arrays;
import java.util.Objects;

/**
 * A gradient-descent optimiser with Keras's update rules and defaults. One parameterised rule serves them
 * all, with per-element state m (first moment or velocity) and v (second moment or accumulator):
 * <pre>
 * SGD       momentum μ = 0: w −= lr·g;   else m = μ·m − lr·g, w += m  (Nesterov: w += μ·m − lr·g)
 * RMSprop   v = ρ·v + (1 − ρ)·g²,         w −= lr·g / √(v + ε)
 * Adagrad   v = v + g² (v₀ = 0.1),        w −= lr·g / √(v + ε)
 * Adam      m += (g − m)(1 − β₁), v += (g² − v)(1 − β₂),
 *           w −= lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε)
 * AdamW     Adam, after the decoupled decay w −= lr·λ·w
 * </pre>
 * Gradients are first clipped, if asked, element-wise to ±clipValue and then per parameter array to an
 * L2 norm of clipNorm (in place). The learning rate comes from a {@link LearningRateSchedule} of the
 * step count. State is allocated on the first step; later steps allocate nothing.
 */
public final class Optimizer {

    /** The three shapes of update behind the five optimisers. */
    private enum Rule { SGD, SCALED, ADAM }

    private final String name;
    private final Rule rule;
    private final LearningRateSchedule schedule;
    private final float momentum;
    private final boolean nesterov;
    private final float beta2;
    private final boolean accumulate;
    private final float initialSecond;
    private final float epsilon;
    private final float weightDecay;
    private final GradientClipping clipping;
    private float[][] first;
    private float[][] second;
    private long steps;
    /** A factor on the schedule, set by {@link #setLearningRate} (ReduceLROnPlateau). */
    private double rateScale = 1;
    /** The step in progress, between {@link #beginStep} and {@link #endStep}. */
    private float[][] stepParams;
    private float[][] stepGrads;
    private float stepRate;
    private float stepAdamRate;

    private Optimizer(String name, Rule rule, LearningRateSchedule schedule, float momentum, boolean nesterov,
                      float beta2, boolean accumulate, float initialSecond, float epsilon, float weightDecay,
                      GradientClipping clipping) {
        this.name = name;
        this.rule = rule;
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.beta2 = beta2;
        this.accumulate = accumulate;
        this.initialSecond = initialSecond;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.clipping = clipping;
    }

    /** Plain SGD, learning rate 0.01 (Keras's default). */
    public static Optimizer sgd() {
        return sgd(0.01, 0, false);
    }

    /** SGD with momentum μ in [0, 1), optionally Nesterov's. */
    public static Optimizer sgd(double learningRate, double momentum, boolean nesterov) {
        requireIn("momentum", momentum, 0, 1);
        return new Optimizer("sgd", Rule.SGD, LearningRateSchedule.constant(learningRate), (float) momentum, nesterov,
                0, false, 0, 0, 0, GradientClipping.NONE);
    }

    /** RMSprop, Keras's defaults: learning rate 0.001, ρ 0.9, ε 1e-7. */
    public static Optimizer rmsprop() {
        return rmsprop(0.001, 0.9, 1e-7);
    }

    /** RMSprop with decay ρ in [0, 1). */
    public static Optimizer rmsprop(double learningRate, double rho, double epsilon) {
        requireIn("rho", rho, 0, 1);
        return new Optimizer("rmsprop", Rule.SCALED, LearningRateSchedule.constant(learningRate), 0, false, (float) rho,
                false, 0, positive("epsilon", epsilon), 0, GradientClipping.NONE);
    }

    /** Adagrad, Keras's defaults: learning rate 0.001, initial accumulator 0.1, ε 1e-7. */
    public static Optimizer adagrad() {
        return adagrad(0.001);
    }

    /** Adagrad with this learning rate. */
    public static Optimizer adagrad(double learningRate) {
        return new Optimizer("adagrad", Rule.SCALED, LearningRateSchedule.constant(learningRate), 0, false, 0, true,
                0.1f, 1e-7f, 0, GradientClipping.NONE);
    }

    /** Adam, Keras's defaults: learning rate 0.001, β₁ 0.9, β₂ 0.999, ε 1e-7. */
    public static Optimizer adam() {
        return adam(0.001);
    }

    /** Adam with this learning rate and Keras's other defaults. */
    public static Optimizer adam(double learningRate) {
        return adam(learningRate, 0.9, 0.999, 1e-7);
    }

    /** Adam with β₁, β₂ in [0, 1) and ε > 0. */
    public static Optimizer adam(double learningRate, double beta1, double beta2, double epsilon) {
        requireIn("beta1", beta1, 0, 1);
        requireIn("beta2", beta2, 0, 1);
        return new Optimizer("adam", Rule.ADAM, LearningRateSchedule.constant(learningRate), (float) beta1, false,
                (float) beta2, false, 0, positive("epsilon", epsilon), 0, GradientClipping.NONE);
    }

    /** AdamW: Adam with decoupled weight decay λ (Keras's default 0.004). */
    public static Optimizer adamW(double learningRate, double weightDecay) {
        Optimizer adam = adam(learningRate);
        return new Optimizer("adamw", Rule.ADAM, adam.schedule, adam.momentum, false, adam.beta2, false, 0,
                adam.epsilon, positive("weight decay", weightDecay), GradientClipping.NONE);
    }

    /**
     * The optimiser of this Keras name with its defaults: {@code sgd, rmsprop, adagrad, adam, adamw}.
     *
     * @throws IllegalArgumentException for any other name, listing the known ones
     */
    public static Optimizer of(String name) {
        return OptimizerRegistry.OPTIMIZERS.get(name);
    }

    /** This optimiser, fresh, with its learning rate from a schedule. */
    public Optimizer withSchedule(LearningRateSchedule newSchedule) {
        return new Optimizer(name, rule, newSchedule, momentum, nesterov, beta2, accumulate, initialSecond, epsilon,
                weightDecay, clipping);
    }

    /** This optimiser, fresh, clipping each gradient element to [−limit, limit] (Keras's {@code clipvalue}). */
    public Optimizer withClipValue(double limit) {
        return new Optimizer(name, rule, schedule, momentum, nesterov, beta2, accumulate, initialSecond, epsilon,
                weightDecay, clipping.withValue(limit));
    }

    /**
     * This optimiser, fresh, rescaling each gradient array to an L2 norm of at most {@code limit} ({@code clipnorm}).
     */
    public Optimizer withClipNorm(double limit) {
        return new Optimizer(name, rule, schedule, momentum, nesterov, beta2, accumulate, initialSecond, epsilon,
                weightDecay, clipping.withNorm(limit));
    }

    /** The Keras name. */
    public String name() {
        return name;
    }

    /** Steps taken so far. */
    public long steps() {
        return steps;
    }

    /** The learning rate the next step will use. */
    public double learningRate() {
        return schedule.at(steps) * rateScale;
    }

    /** Sets the learning rate from the next step on (scaling the schedule from here). */
    public void setLearningRate(double rate) {
        if (!(rate > 0 && rate < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + rate);
        }
        rateScale = rate / schedule.at(steps);
    }

    /**
     * One step: each {@code params[p]} moves against {@code grads[p]} (same lengths, the same arrays every
     * step). Gradients are clipped in place first when clipping is on.
     */
    public void step(float[][] params, float[][] grads) {
        beginStep(params, grads);
        for (int p = 0; p < params.length; p++) {
            if (clipsWholeArrays()) {
                clipArray(p);
            }
            update(p, 0, params[p].length);
        }
        endStep();
    }

    /**
     * Starts a step taken in bands, as the parallel trainer does (through {@code org.vecnn.train.engine}):
     * {@code beginStep}, then {@link #clipArray} for each array if {@link #clipsWholeArrays}, then
     * {@link #update} over bands covering every array (from any threads, disjoint bands), then
     * {@link #endStep}. The result is {@link #step}'s, bit for bit.
     */
    void beginStep(float[][] params, float[][] grads) {
        if (params.length != grads.length) {
            throw new IllegalArgumentException(params.length + " parameter arrays but " + grads.length + " gradients");
        }
        if (first == null) {
            allocate(params);
        }
        for (int p = 0; p < params.length; p++) {
            if (params[p].length != grads[p].length || params[p].length != first[p].length) {
                throw new IllegalArgumentException("parameter " + p + " has " + params[p].length
                        + " values, its gradient " + grads[p].length + ", its state " + first[p].length);
            }
        }
        double lr = learningRate();
        long t = steps + 1;
        stepParams = params;
        stepGrads = grads;
        stepRate = (float) lr;
        double adamRate = rule == Rule.ADAM ? lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(momentum, t)) : 0;
        stepAdamRate = (float) adamRate;
    }

    /** Whether clipping needs a whole gradient array (by norm) before any band of it is updated. */
    boolean clipsWholeArrays() {
        return clipping.wholeArrays();
    }

    /** Clips gradient array {@code p} of this step: element-wise, then by its L2 norm ({@link GradientClipping}). */
    void clipArray(int p) {
        clipping.clipArray(stepGrads[p]);
    }

    /**
     * Updates elements [from, to) of parameter array {@code p} of this step (clipping their gradients by value
     * first, unless {@link #clipsWholeArrays} and {@link #clipArray} has done it).
     */
    void update(int p, int from, int to) {
        float[] w = stepParams[p];
        float[] g = stepGrads[p];
        float[] m = first[p];
        float[] v = second[p];
        if (!clipsWholeArrays()) {
            clipping.clipValues(g, from, to);
        }
        float lr = stepRate;
        float adamRate = stepAdamRate;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            switch (rule) {
                case SGD -> {
                    if (momentum == 0f) {
                        w[i] -= lr * gi;
                    } else {
                        m[i] = momentum * m[i] - lr * gi;
                        w[i] += nesterov ? momentum * m[i] - lr * gi : m[i];
                    }
                }
                case SCALED -> {
                    v[i] = accumulate ? v[i] + gi * gi : beta2 * v[i] + (1 - beta2) * gi * gi;
                    w[i] -= lr * gi / (float) Math.sqrt(v[i] + epsilon);
                }
                case ADAM -> {
                    if (weightDecay > 0f) {
                        w[i] -= lr * weightDecay * w[i];
                    }
                    m[i] += (gi - m[i]) * (1 - momentum);
                    v[i] += (gi * gi - v[i]) * (1 - beta2);
                    w[i] -= adamRate * m[i] / ((float) Math.sqrt(v[i]) + epsilon);
                }
            }
        }
    }

    /** Ends the step begun by {@link #beginStep}: the step count (and so the schedule) moves on. */
    void endStep() {
        stepParams = null;
        stepGrads = null;
        steps++;
    }

    private void allocate(float[][] params) {
        first = new float[params.length][];
        second = new float[params.length][];
        for (int p = 0; p < params.length; p++) {
            first[p] = new float[params[p].length];
            second[p] = new float[params[p].length];
            Arrays.fill(second[p], initialSecond);
        }
    }

    private static void requireIn(String what, double value, double lo, double hi) {
        if (!(value >= lo && value < hi)) {
            throw new IllegalArgumentException(what + " must be in [" + lo + ", " + hi + "), got " + value);
        }
    }

    private static float positive(String what, double value) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + value);
        }
        return (float) value;
    }
}
