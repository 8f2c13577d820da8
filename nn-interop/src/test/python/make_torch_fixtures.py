#!/usr/bin/env python3
"""Writes torch_mlp.onnx with PyTorch's own exporter (Debian's python3-torch): Linear -> BatchNorm1d -> LeakyReLU
-> Dropout -> Linear -> Tanh -> Linear -> Softmax on 5 features, in eval mode, opset 13, a dynamic batch axis;
torch_mlp_expected.csv is PyTorch's float32 output on torch_mlp_input.csv.

  /usr/bin/python3 nn-interop/src/test/python/make_torch_fixtures.py nn-interop/src/test/resources/org/vecnn/interop
"""
import sys

import numpy as np
import torch

OUT = sys.argv[1]
torch.manual_seed(13)
net = torch.nn.Sequential(
    torch.nn.Linear(5, 16), torch.nn.BatchNorm1d(16), torch.nn.LeakyReLU(0.05), torch.nn.Dropout(0.2),
    torch.nn.Linear(16, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3), torch.nn.Softmax(dim=1))
with torch.no_grad():
    net[1].running_mean.uniform_(-0.5, 0.5)
    net[1].running_var.uniform_(0.5, 2.0)
net.eval()
x = torch.randn(16, 5, generator=torch.Generator().manual_seed(7))
torch.onnx.export(net, x[:1], OUT + "/torch_mlp.onnx", input_names=["input"], output_names=["output"],
                  dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=13)
with torch.no_grad():
    y = net(x).numpy()
np.savetxt(OUT + "/torch_mlp_input.csv", x.numpy(), delimiter=",", fmt="%.9g")
np.savetxt(OUT + "/torch_mlp_expected.csv", y, delimiter=",", fmt="%.9g")
