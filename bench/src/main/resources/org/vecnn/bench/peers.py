"""The peers of ./vecnn bench: PyTorch and numpy on the benchmark's own workloads, one thread.

Run by the benchmark report in the same session as vecnn's benchmarks. Prints one line per figure,
"<peer> <measure> <value>", or "missing <peer> <reason>" where a peer cannot be imported. Each value is
the median of several timed windows after a warm-up. Usage: peers.py [--quick]
"""
import os
import statistics
import sys
import time

QUICK = "--quick" in sys.argv[1:]
WINDOW_SECONDS = 0.3 if QUICK else 1.0
WINDOWS = 5 if QUICK else 7


def median_rate(call, units_per_call):
    """Units per second: the median over timed windows of repeated calls, after one warm-up window."""
    rates = []
    for window in range(WINDOWS + 1):
        calls = 0
        start = time.perf_counter()
        while True:
            call()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= WINDOW_SECONDS:
                break
        if window > 0:
            rates.append(calls * units_per_call / elapsed)
    return statistics.median(rates)


def report(peer, measure, value):
    print(peer, measure, repr(float(value)), flush=True)


def numpy_peer():
    import numpy as np
    rng = np.random.default_rng(3)
    x = rng.uniform(-1, 1, (256, 784)).astype(np.float32)
    layers = [(rng.standard_normal((i, o)).astype(np.float32) * np.float32(0.05), np.zeros(o, np.float32))
              for i, o in ((784, 256), (256, 128), (128, 10))]

    def forward():
        a = x
        for index, (w, b) in enumerate(layers):
            z = a @ w
            z += b
            if index < len(layers) - 1:
                np.maximum(z, 0, out=z)
            else:
                z -= z.max(axis=1, keepdims=True)
                np.exp(z, out=z)
                z /= z.sum(axis=1, keepdims=True)
            a = z
        return a

    report("numpy", "mlp-inference", median_rate(forward, 256))


def torch_peer():
    import torch
    torch.set_num_threads(1)
    torch.manual_seed(3)
    mlp = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128),
                              torch.nn.ReLU(), torch.nn.Linear(128, 10))
    batch = torch.rand(256, 784) * 2 - 1

    def forward():
        with torch.no_grad():
            return torch.softmax(mlp(batch), dim=1)

    report("pytorch", "mlp-inference", median_rate(forward, 256))

    def fit(model, optimizer, loss_function, x, y, epochs, batch):
        """Mini-batch training in a fresh shuffled order each epoch, as vecnn's fit does."""
        for _ in range(epochs):
            order = torch.randperm(len(x))
            for start in range(0, len(x), batch):
                rows = order[start:start + batch]
                optimizer.zero_grad()
                loss_function(model(x[rows]), y[rows]).backward()
                optimizer.step()

    # Training: 1280 samples, batches of 128, SGD(0.01), 5 epochs per call, softmax cross-entropy.
    x = torch.rand(1280, 784) * 2 - 1
    y = torch.arange(1280) % 10
    optimizer = torch.optim.SGD(mlp.parameters(), lr=0.01)
    loss_function = torch.nn.CrossEntropyLoss()

    report("pytorch", "mlp-training",
           median_rate(lambda: fit(mlp, optimizer, loss_function, x, y, epochs=5, batch=128), 1280 * 5))

    # The tutorial's fit: 2-25-15-1 sigmoid, binary cross-entropy, Adam, 200 samples, batch 32, 100 epochs.
    points = torch.rand(200, 2) * 2 - 1
    labels = (points[:, 0] * points[:, 1] > 0).float().unsqueeze(1)

    def tutorial():
        model = torch.nn.Sequential(torch.nn.Linear(2, 25), torch.nn.Sigmoid(), torch.nn.Linear(25, 15),
                                    torch.nn.Sigmoid(), torch.nn.Linear(15, 1), torch.nn.Sigmoid())
        fit(model, torch.optim.Adam(model.parameters(), lr=0.001), torch.nn.BCELoss(), points, labels,
            epochs=100, batch=32)

    report("pytorch", "tutorial-fit-ms", 1000.0 / median_rate(tutorial, 1))


def main():
    for peer, run, package in (("numpy", numpy_peer, "python3-numpy"), ("pytorch", torch_peer, "python3-torch")):
        try:
            run()
        except ImportError as error:
            print("missing", peer, f"{error}; install it with: apt-get install {package}", flush=True)


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
