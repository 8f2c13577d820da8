package org.vecnn.train;

import java.util.List;
import org.vecnn.nn.Layer;
import org.vecnn.nn.Parameters;
import org.vecnn.nn.engine.Layers;
import org.vecnn.train.engine.BandedSteps;
import org.vecnn.train.optim.Optimizer;

/**
 * The bands a training step splits each layer's parameter gradients into: ranges of the layer's gradient
 * rows (its trainable arrays stacked as rows of one width, see {@code Layer.gradientRows}) of about
 * {@link #BAND_PARAMETERS} parameters each, numbered layer after layer. They depend only on the layers'
 * shapes, never on the thread count.
 */
final class ParameterBands {

    /** Parameters per band (about): enough GEMM work per band to outweigh claiming it. */
    static final int BAND_PARAMETERS = 16_384;

    private final int[] layer;
    private final int[] from;
    private final int[] to;
    private final int[] rows;

    /** The bands of every layer with trainable weights but layer {@code skipped} (−1: none). */
    ParameterBands(List<Layer> layers, int skipped) {
        rows = new int[layers.size()];
        int count = 0;
        for (int i = 0; i < layers.size(); i++) {
            rows[i] = Layers.gradientRows(layers.get(i));
            count += i == skipped ? 0 : bandCount(layers.get(i), rows[i]);
        }
        layer = new int[count];
        from = new int[count];
        to = new int[count];
        int b = 0;
        for (int i = 0; i < layers.size(); i++) {
            int bands = i == skipped ? 0 : bandCount(layers.get(i), rows[i]);
            for (int k = 0; k < bands; k++, b++) {
                layer[b] = i;
                from[b] = (int) ((long) rows[i] * k / bands);
                to[b] = (int) ((long) rows[i] * (k + 1) / bands);
            }
        }
    }

    private static int bandCount(Layer layer, int rows) {
        return layer.trainableParams() == 0 ? 0
                : (int) Math.clamp(Math.round((double) layer.trainableParams() / BAND_PARAMETERS), 1, rows);
    }

    int count() {
        return layer.length;
    }

    /** The index of band {@code b}'s layer. */
    int layer(int b) {
        return layer[b];
    }

    /** Band {@code b}'s first gradient row. */
    int from(int b) {
        return from[b];
    }

    /** Band {@code b}'s end gradient row. */
    int to(int b) {
        return to[b];
    }

    /**
     * The optimiser's update of band {@code b}: the layer's trainable arrays ({@code gradients}' shapes, the
     * first being optimiser parameter {@code firstParameter}) are stacked rows of one width, so the band
     * covers a range of elements in each array it overlaps; a layer of one gradient row is one band.
     */
    void update(int b, Parameters gradients, int firstParameter, Optimizer optimizer) {
        if (rows[layer[b]] == 1) {
            for (int a = 0; a < gradients.size(); a++) {
                BandedSteps.update(optimizer, firstParameter + a, 0, gradients.array(a).length);
            }
            return;
        }
        int total = 0;
        for (int a = 0; a < gradients.size(); a++) {
            total += gradients.array(a).length;
        }
        int width = total / rows[layer[b]];
        int arrayStart = 0;
        for (int a = 0; a < gradients.size(); a++) {
            int arrayRows = gradients.array(a).length / width;
            int first = Math.max(from[b], arrayStart);
            int end = Math.min(to[b], arrayStart + arrayRows);
            if (first < end) {
                BandedSteps.update(optimizer, firstParameter + a, (first - arrayStart) * width,
                        (end - arrayStart) * width);
            }
            arrayStart += arrayRows;
        }
    }
}
