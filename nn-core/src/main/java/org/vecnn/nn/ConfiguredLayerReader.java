package org.vecnn.nn;

import java.util.ArrayList;
import java.util.List;
import org.vecnn.matrix.Matrix;
import org.vecnn.nn.io.SafeText;

/**
 * A layer as model format version 3 stores it ({@link ModelFormat}): its config entries and its weights,
 * then the layer made by the factory registered for its type, which must read every key.
 */
final class ConfiguredLayerReader {

    private ConfiguredLayerReader() {
    }

    /** The rest of a layer after its type and name; its weights are added to {@code weights}. */
    static Layer layer(FieldReader reader, String prefix, String type, int typeOffset, String layerName,
                       List<List<Matrix>> weights) throws ModelFileException {
        reader.at(prefix + " config count");
        int configAt = reader.fieldOffset();
        int entries = reader.count(8);
        LayerConfig config = LayerConfig.create();
        for (int i = 0; i < entries; i++) {
            reader.at(prefix + " config " + i + " key");
            String key = reader.string();
            reader.at(prefix + " config " + i + " value");
            String value = reader.string();
            if (config.entries().containsKey(key)) {
                throw reader.fail("the key '" + SafeText.escape(key) + "' appears twice");
            }
            reader.configure(() -> config.put(key, value));
        }
        reader.at(prefix + " weight count");
        int count = reader.count(8);
        List<Matrix> layerWeights = new ArrayList<>();
        for (int w = 0; w < count; w++) {
            reader.at(prefix + " weight " + w + " shape");
            int rows = reader.positive(reader.u32());
            int cols = reader.positive(reader.u32());
            reader.at(prefix + " weight " + w);
            layerWeights.add(Matrix.wrap(rows, cols, reader.floats((long) rows * cols)));
        }
        weights.add(layerWeights);
        reader.at(prefix + " config", configAt);
        try {
            return Layer.fromConfig(type, layerName, config);
        } catch (IllegalArgumentException | IllegalStateException e) {
            if (!LayerRegistry.LAYERS.contains(type)) {
                reader.at(prefix + " type", typeOffset);
            }
            throw reader.fail(e.getMessage());
        }
    }
}
