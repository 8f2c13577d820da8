package org.vecnn.train;

import java.util.List;
import org.vecnn.nn.Layer;
import org.vecnn.train.optim.Optimizer;

/**
 * The bands a training step splits each layer's parameter gradients into: ranges of the layer's stacked
 * parameter rows ({@link Layer#parameterRows}) of about {@link #BAND_PARAMETERS} parameters each, numbered
 * layer after layer. They depend only on the layers' shapes, never on the thread count.
 */
final class ParameterBands {

    /** Parameters per band (about): enough GEMM work per band to outweigh claiming it. */
    static final int BAND_PARAMETERS = 16_384;

    private final int[] layer;
    private final int[] from;
    private final int[] to;

    /** The bands of every layer with trainable rows but {@code skipped} (null: none). */
    ParameterBands(List<Layer> layers, Layer skipped) {
        int count = 0;
        for (Layer l : layers) {
            count += l == skipped ? 0 : bandCount(l);
        }
        layer = new int[count];
        from = new int[count];
        to = new int[count];
        int b = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            int bands = l == skipped ? 0 : bandCount(l);
            for (int k = 0; k < bands; k++, b++) {
                layer[b] = i;
                from[b] = (int) ((long) l.parameterRows() * k / bands);
                to[b] = (int) ((long) l.parameterRows() * (k + 1) / bands);
            }
        }
    }

    private static int bandCount(Layer layer) {
        return layer.parameterRows() == 0 ? 0 : (int) Math.clamp(
                Math.round((double) layer.trainableParams() / BAND_PARAMETERS), 1, layer.parameterRows());
    }

    int count() {
        return layer.length;
    }

    /** The index of band {@code b}'s layer. */
    int layer(int b) {
        return layer[b];
    }

    /** Band {@code b}'s first parameter row. */
    int from(int b) {
        return from[b];
    }

    /** Band {@code b}'s end parameter row. */
    int to(int b) {
        return to[b];
    }

    /**
     * The optimiser's update of band {@code b}: the layer's trainable arrays ({@code trainable}, the first
     * being optimiser parameter {@code firstParameter}) are stacked rows of one width, so the band covers a
     * range of elements in each array it overlaps.
     */
    void update(int b, Layer owner, float[][] trainable, int firstParameter, Optimizer optimizer) {
        int total = 0;
        for (float[] array : trainable) {
            total += array.length;
        }
        int width = total / owner.parameterRows();
        int arrayStart = 0;
        for (int a = 0; a < trainable.length; a++) {
            int arrayRows = trainable[a].length / width;
            int first = Math.max(from[b], arrayStart);
            int end = Math.min(to[b], arrayStart + arrayRows);
            if (first < end) {
                optimizer.update(firstParameter + a, (first - arrayStart) * width, (end - arrayStart) * width);
            }
            arrayStart += arrayRows;
        }
    }
}
