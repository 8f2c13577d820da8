#!/usr/bin/env python3
"""Writes the small Keras files nn-interop's tests import, in Keras's own layouts, with h5py and numpy only
(no Keras needed): a legacy HDF5 full-model file as Keras 2 writes it, a Keras 3 .keras archive, and a legacy
file holding a Lambda layer (serialised code, which must be refused, never run). The model is
Dense(4, relu) -> Dense(2, softmax) on 3 inputs; tiny_expected.csv is its output on tiny_input.csv,
computed here in float64.

  /usr/bin/python3 nn-interop/src/test/python/make_keras_fixtures.py nn-interop/src/test/resources/org/vecnn/interop
"""
import io
import json
import sys
import zipfile

import h5py
import numpy as np

OUT = sys.argv[1]
rng = np.random.default_rng(2026)
W1 = rng.normal(size=(3, 4)).astype(np.float32)
B1 = rng.normal(size=(4,)).astype(np.float32)
W2 = rng.normal(size=(4, 2)).astype(np.float32)
B2 = rng.normal(size=(2,)).astype(np.float32)
X = rng.normal(size=(8, 3)).astype(np.float32)


def dense(name, units, activation, input_shape=None):
    config = {"name": name, "trainable": True, "units": units, "activation": activation, "use_bias": True}
    if input_shape is not None:
        config["batch_input_shape"] = [None] + list(input_shape)
    return {"class_name": "Dense", "config": config}


def legacy(path, layers, weights):
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = np.bytes_("2.3.1")
        f.attrs["backend"] = np.bytes_("tensorflow")
        f.attrs["model_config"] = np.bytes_(json.dumps(
            {"class_name": "Sequential", "config": {"name": "sequential", "layers": layers}}))
        group = f.create_group("model_weights")
        group.attrs["layer_names"] = np.array([np.bytes_(l["config"]["name"]) for l in layers])
        for layer in layers:
            name = layer["config"]["name"]
            g = group.create_group(name)
            arrays = weights.get(name, {})
            g.attrs["weight_names"] = np.array([np.bytes_(name + "/" + k) for k in arrays], dtype="S")
            for k, v in arrays.items():
                g.create_dataset(name + "/" + k, data=v)


layers = [dense("dense", 4, "relu", [3]), dense("dense_1", 2, "softmax")]
weights = {"dense": {"kernel:0": W1, "bias:0": B1}, "dense_1": {"kernel:0": W2, "bias:0": B2}}
legacy(OUT + "/tiny.h5", layers, weights)

buffer = io.BytesIO()
with h5py.File(buffer, "w") as f:
    for group, arrays in (("layers/dense/vars", [W1, B1]), ("layers/dense_1/vars", [W2, B2])):
        g = f.create_group(group)
        for i, v in enumerate(arrays):
            g.create_dataset(str(i), data=v)
config = {"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "layers": [
    {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [None, 3], "name": "input"}},
    {"module": "keras.layers", "class_name": "Dense",
     "config": {"name": "hidden", "units": 4, "activation": "relu", "use_bias": True}},
    {"module": "keras.layers", "class_name": "Dense",
     "config": {"name": "out", "units": 2, "activation": "softmax", "use_bias": True}}]}}
with zipfile.ZipFile(OUT + "/tiny.keras", "w") as z:
    z.writestr("metadata.json", json.dumps({"keras_version": "3.5.0"}))
    z.writestr("config.json", json.dumps(config))
    z.writestr("model.weights.h5", buffer.getvalue())

lambda_layer = {"class_name": "Lambda", "config": {"name": "lambda", "function": ["4wEAAAAAAAAA", None, None],
                                                   "function_type": "lambda"}}
legacy(OUT + "/lambda.h5", [dense("dense", 4, "relu", [3]), lambda_layer], {"dense": {"kernel:0": W1, "bias:0": B1}})

z = np.maximum(X.astype(np.float64) @ W1 + B1, 0) @ W2 + B2
expected = np.exp(z - z.max(axis=1, keepdims=True))
expected /= expected.sum(axis=1, keepdims=True)
np.savetxt(OUT + "/tiny_input.csv", X, delimiter=",", fmt="%.9g")
np.savetxt(OUT + "/tiny_expected.csv", expected, delimiter=",", fmt="%.17g")
