package org.vecnn.interop;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Keras model config ({@code model_config} or {@code config.json}) as a chain of layers and an input
 * shape. A {@code Sequential} is its layer list (Keras 1 and 2.0 wrote the list itself, later versions an
 * object holding it); a functional {@code Model} must be one chain from its single input to its single
 * output, each layer fed by the one before, in Keras 2's and Keras 3's forms of {@code inbound_nodes}.
 *
 * @param name the model's name
 * @param layers its layers, in order
 * @param inputShape the shape of one sample, without the batch axis
 */
record KerasConfig(String name, List<KerasLayerSpec> layers, int[] inputShape) {

    /** Parses a config; {@code file} names it in errors. */
    static KerasConfig parse(String json, String file) throws ImportException {
        JsonObject root;
        try {
            JsonElement parsed = JsonParser.parseString(json);
            if (!parsed.isJsonObject()) {
                throw new ImportException(file, "model config", "not a JSON object");
            }
            root = parsed.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new ImportException(file, "model config", "not valid JSON (" + e.getMessage() + ")", e);
        }
        String modelClass = string(root, "class_name", file, "model config");
        JsonElement body = root.get("config");
        JsonArray layerList = body != null && body.isJsonArray() ? body.getAsJsonArray()
                : body != null && body.isJsonObject() && body.getAsJsonObject().has("layers")
                ? body.getAsJsonObject().getAsJsonArray("layers") : null;
        if (layerList == null) {
            throw new ImportException(file, "model config", "no layer list in the " + modelClass + " config");
        }
        List<KerasLayerSpec> layers = new ArrayList<>();
        Map<String, JsonObject> byName = new HashMap<>();
        for (JsonElement element : layerList) {
            if (!element.isJsonObject()) {
                throw new ImportException(file, "model config", "a layer entry is not an object: " + element);
            }
            JsonObject entry = element.getAsJsonObject();
            String className = string(entry, "class_name", file, "a layer");
            JsonElement config = entry.get("config");
            if (config == null || !config.isJsonObject()) {
                throw new ImportException(file, "a " + className + " layer", "has no config object");
            }
            String layerName = entry.has("name") ? string(entry, "name", file, className)
                    : string(config.getAsJsonObject(), "name", file, "a " + className + " layer");
            layers.add(new KerasLayerSpec(className, layerName, config.getAsJsonObject(), file));
            byName.put(layerName, entry);
        }
        String name = body.isJsonObject() && body.getAsJsonObject().has("name")
                ? string(body.getAsJsonObject(), "name", file, "model config") : "imported";
        if (!modelClass.equals("Sequential")) {
            layers = chain(modelClass, body.getAsJsonObject(), layers, byName, file);
        }
        return new KerasConfig(name, layers, inputShape(body, layers, file));
    }

    /** The functional model's layers, input to output, checked to be one chain. */
    private static List<KerasLayerSpec> chain(String modelClass, JsonObject body, List<KerasLayerSpec> layers,
                                              Map<String, JsonObject> byName, String file) throws ImportException {
        String input = endpoint(body, "input_layers", modelClass, file);
        String output = endpoint(body, "output_layers", modelClass, file);
        Map<String, KerasLayerSpec> specs = new HashMap<>();
        layers.forEach(spec -> specs.put(spec.name(), spec));
        List<KerasLayerSpec> reversed = new ArrayList<>();
        String current = output;
        while (true) {
            KerasLayerSpec spec = specs.get(current);
            if (spec == null) {
                throw new ImportException(file, "model config", "no layer named '" + current + "'");
            }
            reversed.add(spec);
            if (current.equals(input)) {
                break;
            }
            if (reversed.size() > layers.size()) {
                throw new ImportException(file, "model config", "the layers form a cycle");
            }
            List<String> sources = inbound(byName.get(current), spec, file);
            if (sources.size() != 1) {
                throw new ImportException(file, spec.describe(), "takes " + sources.size() + " inputs; only models"
                        + " that are one chain of layers import");
            }
            current = sources.getFirst();
        }
        if (reversed.size() != layers.size()) {
            throw new ImportException(file, "model config", "only " + reversed.size() + " of the " + layers.size()
                    + " layers lie on the chain from the input to the output; only one chain imports");
        }
        return reversed.reversed();
    }

    /** The single layer named by {@code input_layers} or {@code output_layers}. */
    private static String endpoint(JsonObject body, String key, String modelClass, String file) throws ImportException {
        JsonElement value = body.get(key);
        if (value == null || !value.isJsonArray()) {
            throw new ImportException(file, "model config", "a " + modelClass + " without " + key);
        }
        JsonArray list = value.getAsJsonArray();
        if (!list.isEmpty() && list.get(0).isJsonPrimitive()) {
            return list.get(0).getAsString();
        }
        if (list.size() != 1 || !list.get(0).isJsonArray() || list.get(0).getAsJsonArray().isEmpty()) {
            throw new ImportException(file, "model config", key + " names " + list.size()
                    + " layers; only models with one input and one output import");
        }
        return list.get(0).getAsJsonArray().get(0).getAsString();
    }

    /** The names of the layers feeding a layer, from Keras 2's or Keras 3's {@code inbound_nodes}. */
    private static List<String> inbound(JsonObject entry, KerasLayerSpec spec, String file) throws ImportException {
        JsonElement nodes = entry.get("inbound_nodes");
        List<String> sources = new ArrayList<>();
        if (nodes == null || !nodes.isJsonArray()) {
            return sources;
        }
        if (nodes.getAsJsonArray().size() > 1) {
            throw spec.fail("is called " + nodes.getAsJsonArray().size() + " times; shared layers do not import");
        }
        collectSources(nodes, sources);
        return sources;
    }

    /** Every layer name a node refers to: {@code [name, 0, 0, {}]} lists and {@code keras_history} entries. */
    private static void collectSources(JsonElement element, List<String> sources) {
        if (element.isJsonArray()) {
            JsonArray array = element.getAsJsonArray();
            if (array.size() >= 3 && array.get(0).isJsonPrimitive() && array.get(0).getAsJsonPrimitive().isString()
                    && array.get(1).isJsonPrimitive() && array.get(1).getAsJsonPrimitive().isNumber()) {
                sources.add(array.get(0).getAsString());
                return;
            }
            array.forEach(item -> collectSources(item, sources));
        } else if (element.isJsonObject()) {
            JsonObject object = element.getAsJsonObject();
            if (object.has("keras_history")) {
                collectSources(object.get("keras_history"), sources);
                return;
            }
            object.entrySet().forEach(item -> collectSources(item.getValue(), sources));
        }
    }

    /** One sample's shape: from an InputLayer, the first layer's batch input shape or input_dim, or build_config. */
    private static int[] inputShape(JsonElement body, List<KerasLayerSpec> layers, String file) throws ImportException {
        for (KerasLayerSpec spec : layers) {
            for (String key : new String[] {"batch_shape", "batch_input_shape"}) {
                if (spec.has(key)) {
                    return sampleShape(spec.get(key), spec, file);
                }
            }
            if (spec.has("input_dim")) {
                return new int[] {(int) spec.number("input_dim", 0)};
            }
            if (!spec.className().equals("InputLayer")) {
                break;
            }
        }
        if (body.isJsonObject() && body.getAsJsonObject().has("build_config")) {
            JsonElement build = body.getAsJsonObject().get("build_config");
            if (build.isJsonObject() && build.getAsJsonObject().has("input_shape")) {
                return sampleShape(build.getAsJsonObject().get("input_shape"), null, file);
            }
        }
        throw new ImportException(file, "model config", "the input shape is not stored (no InputLayer, batch input"
                + " shape or build config)");
    }

    /** A batch shape without its first (batch) axis; every other axis must be known and positive. */
    private static int[] sampleShape(JsonElement shape, KerasLayerSpec spec, String file) throws ImportException {
        String where = spec == null ? "build_config" : spec.describe();
        if (!shape.isJsonArray() || shape.getAsJsonArray().isEmpty()) {
            throw new ImportException(file, where, "a batch shape must be a list, got " + shape);
        }
        JsonArray dims = shape.getAsJsonArray();
        int[] sample = new int[dims.size() - 1];
        for (int i = 1; i < dims.size(); i++) {
            JsonElement dim = dims.get(i);
            if (dim.isJsonNull() || !dim.isJsonPrimitive() || !dim.getAsJsonPrimitive().isNumber()
                    || dim.getAsDouble() < 1 || dim.getAsDouble() > Integer.MAX_VALUE) {
                throw new ImportException(file, where, "input axis " + i + " is " + dim + "; only fixed, positive"
                        + " sizes import");
            }
            sample[i - 1] = dim.getAsInt();
        }
        return sample;
    }

    private static String string(JsonObject object, String key, String file, String where) throws ImportException {
        JsonElement value = object.get(key);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new ImportException(file, where, "no string " + key);
        }
        return value.getAsString();
    }
}
