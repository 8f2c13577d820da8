package org.vecnn.nn;

import org.vecnn.nn.io.SafeText;
import java.util.ArrayList;
import java.util.List;
import org.vecnn.matrix.Matrix;

/**
 * The layer bodies of model format versions 1 and 2, which stored each layer type's fields in a fixed
 * layout (see {@link ModelFormat}); version 3 stores every layer as its config and weights.
 */
final class LegacyLayerReader {

    private LegacyLayerReader() {
    }

    /** The input width of the layer after this one. */
    static int widthAfter(Layer layer, int width) {
        return layer instanceof Dense dense ? dense.units() : width;
    }

    /** The body of a layer of this type, as versions 1 and 2 wrote it. */
    static Layer layer(FieldReader reader, int version, String prefix, String type, int typeOffset, String layerName,
                       int width, List<List<Matrix>> weights) throws ModelFileException {
        return switch (type) {
            case ModelFormat.DENSE -> dense(reader, version, prefix, layerName, width, weights);
            case ModelFormat.NORMALIZATION -> normalization(reader, prefix, layerName, width, weights);
            case ModelFormat.DROPOUT -> {
                reader.at(prefix + " rate");
                float rate = reader.f32();
                weights.add(List.of());
                yield reader.configure(() -> new Dropout(rate).named(layerName));
            }
            default -> {
                reader.at(prefix.substring(0, prefix.indexOf(" (")) + " type", typeOffset);
                throw reader.fail("unknown layer type '" + SafeText.escape(type) + "'; known: " + ModelFormat.DENSE
                        + ", " + ModelFormat.NORMALIZATION + ", " + ModelFormat.DROPOUT);
            }
        };
    }

    private static Layer dense(FieldReader reader, int version, String prefix, String layerName, int width,
                               List<List<Matrix>> weights) throws ModelFileException {
        reader.at(prefix + " units");
        int units = reader.positive(reader.u32());
        reader.at(prefix + " activation");
        int activationAt = reader.fieldOffset();
        String activationName = reader.string();
        reader.at(prefix + " alpha");
        float alpha = reader.f32();
        // A bad name or alpha is reported at the name, where the activation starts.
        reader.at(prefix + " activation", activationAt);
        Activation activation = reader.configure(() -> Activation.of(activationName, alpha));
        reader.at(prefix + " use bias");
        int useBias = reader.u8();
        if (useBias > 1) {
            throw reader.fail("must be 0 or 1, got " + useBias);
        }
        reader.at(prefix + " kernel initializer");
        String kernelInit = reader.string();
        Initializer kernelInitializer = reader.configure(() -> Initializer.of(kernelInit));
        reader.at(prefix + " bias initializer");
        String biasInit = reader.string();
        Initializer biasInitializer = reader.configure(() -> Initializer.of(biasInit));
        Regularizer regularizer = Regularizer.NONE;
        if (version >= 2) {
            reader.at(prefix + " kernel regularizer");
            float l1 = reader.f32();
            float l2 = reader.f32();
            regularizer = reader.configure(() -> new Regularizer(l1, l2));
        }
        Regularizer kernelRegularizer = regularizer;
        reader.at(prefix + " kernel");
        Matrix kernel = Matrix.wrap(width, units, reader.floats((long) width * units));
        List<Matrix> layerWeights = new ArrayList<>(List.of(kernel));
        if (useBias == 1) {
            reader.at(prefix + " bias");
            layerWeights.add(Matrix.wrap(1, units, reader.floats(units)));
        }
        weights.add(layerWeights);
        return reader.configure(() -> new Dense(units, activation).named(layerName).useBias(useBias == 1)
                .kernelInitializer(kernelInitializer).biasInitializer(biasInitializer)
                .kernelRegularizer(kernelRegularizer));
    }

    private static Layer normalization(FieldReader reader, String prefix, String layerName, int width,
                                       List<List<Matrix>> weights) throws ModelFileException {
        reader.at(prefix + " count");
        long samples = reader.u64();
        if (samples < 0) {
            throw reader.fail("a sample count must be at least 0, got " + Long.toUnsignedString(samples));
        }
        reader.at(prefix + " mean");
        float[] mean = reader.floats(width);
        reader.at(prefix + " variance");
        float[] variance = reader.floats(width);
        weights.add(List.of());
        return reader.configure(() -> {
            Normalization layer = new Normalization().named(layerName);
            layer.setStatistics(mean, variance, samples);
            return layer;
        });
    }
}
