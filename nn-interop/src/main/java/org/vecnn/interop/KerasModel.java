package org.vecnn.interop;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vecnn.nn.Layer;
import org.vecnn.nn.Sequential;

/**
 * A Keras model as a built vecnn {@link Sequential}: the config's chain of layers converted one by one
 * ({@link KerasLayers}), the shapes followed from the input, the model built and every layer given the
 * file's weights, each checked by its layer.
 */
final class KerasModel {

    private KerasModel() {
    }

    /** The model of this config and these weights, written by Keras {@code kerasVersion}. */
    static Sequential build(String file, String configJson, Hdf5Source weightFile, KerasWeights.Layout layout,
                            String kerasVersion) throws ImportException {
        KerasConfig config = KerasConfig.parse(configJson, file);
        KerasWeights weights = new KerasWeights(weightFile, layout);
        KerasActivations activations = new KerasActivations(major(kerasVersion));
        List<KerasLayers.Imported> imported = new ArrayList<>();
        int[] shape = config.inputShape();
        for (KerasLayerSpec spec : config.layers()) {
            KerasLayers.Step step = KerasLayers.converter(spec).convert(spec, shape, weights.of(spec), activations);
            for (KerasLayers.Imported layer : step.layers()) {
                layer.layer().named(step.layers().size() == 1 ? spec.name() : spec.name() + "_" + imported.size());
                imported.add(layer);
            }
            shape = step.outputShape();
        }
        if (imported.isEmpty()) {
            throw new ImportException(file, "model config", "no layer that computes anything");
        }
        List<Layer> layers = imported.stream().map(KerasLayers.Imported::layer).toList();
        Sequential model;
        try {
            model = new Sequential(config.name(), layers).build(KerasLayers.width(config.inputShape()), 0L);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ImportException(file, "model", e.getMessage(), e);
        }
        for (KerasLayers.Imported layer : imported) {
            if (!layer.weights().isEmpty()) {
                try {
                    layer.layer().setWeights(layer.weights());
                } catch (IllegalArgumentException e) {
                    throw new ImportException(file, "layer '" + layer.layer().name() + "'", e.getMessage(), e);
                }
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("imported_from", file);
        metadata.put("keras_version", kerasVersion);
        model.setMetadata(metadata);
        return model;
    }

    /** The Keras version of a {@code metadata.json}, or "3" when it does not say. */
    static String versionOf(String metadataJson) {
        try {
            JsonElement metadata = JsonParser.parseString(metadataJson);
            if (metadata.isJsonObject() && metadata.getAsJsonObject().has("keras_version")) {
                return metadata.getAsJsonObject().get("keras_version").getAsString();
            }
        } catch (RuntimeException e) {
            // an unreadable metadata.json says nothing about the version
        }
        return "3";
    }

    /** The major version: 2 for Keras 1 and 2 (and tf.keras), 3 for Keras 3 and later. */
    private static int major(String version) {
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version.strip() : version.substring(0, dot).strip()) >= 3 ? 3 : 2;
        } catch (NumberFormatException e) {
            return 3;
        }
    }
}
