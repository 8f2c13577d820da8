#!/usr/bin/env python3
"""Writes the small ONNX files nn-interop's tests import, with the onnx package and numpy only: tiny.onnx,
Gemm(transB=1) -> Relu -> MatMul -> Add -> Softmax on a batch of 3 features (a dynamic batch axis), its nodes
listed out of dependency order as some exporters write them; conv.onnx, a Conv, which must be refused by name.
tiny_onnx_expected.csv is tiny.onnx's output on tiny_input.csv, computed here in float64.

  /usr/bin/python3 nn-interop/src/test/python/make_onnx_fixtures.py nn-interop/src/test/resources/org/vecnn/interop
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = sys.argv[1]
rng = np.random.default_rng(17)
W1 = rng.normal(size=(4, 3)).astype(np.float32)  # Gemm with transB=1: [out, in]
B1 = rng.normal(size=(4,)).astype(np.float32)
W2 = rng.normal(size=(4, 2)).astype(np.float32)
B2 = rng.normal(size=(2,)).astype(np.float32)

nodes = [
    helper.make_node("Softmax", ["z2"], ["y"], name="softmax", axis=-1),
    helper.make_node("Add", ["m", "b2"], ["z2"], name="add"),
    helper.make_node("Gemm", ["x", "w1", "b1"], ["z1"], name="gemm", transB=1),
    helper.make_node("MatMul", ["a1", "w2"], ["m"], name="matmul"),
    helper.make_node("Relu", ["z1"], ["a1"], name="relu"),
]
graph = helper.make_graph(
    nodes, "tiny",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 2])],
    [numpy_helper.from_array(W1, "w1"), numpy_helper.from_array(B1, "b1"), numpy_helper.from_array(W2, "w2"),
     numpy_helper.from_array(B2, "b2")])
onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), OUT + "/tiny.onnx")

conv = helper.make_graph(
    [helper.make_node("Conv", ["x", "k"], ["y"], name="conv")], "conv",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 1, 4, 4])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 1, 3, 3])],
    [numpy_helper.from_array(np.ones((1, 1, 2, 2), np.float32), "k")])
onnx.save(helper.make_model(conv, opset_imports=[helper.make_opsetid("", 17)]), OUT + "/conv.onnx")

X = np.loadtxt(OUT + "/tiny_input.csv", delimiter=",", dtype=np.float32).astype(np.float64)
z = np.maximum(X @ W1.T.astype(np.float64) + B1, 0) @ W2 + B2
expected = np.exp(z - z.max(axis=1, keepdims=True))
expected /= expected.sum(axis=1, keepdims=True)
np.savetxt(OUT + "/tiny_onnx_expected.csv", expected, delimiter=",", fmt="%.17g")
