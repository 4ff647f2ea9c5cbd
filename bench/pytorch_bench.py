#!/usr/bin/env python3
"""PyTorch side of the ActivationLab training-throughput benchmark.

Trains the same networks as `actlab bench` (MLP 784-256-256-10 tanh, and the LeNet-style CNN
conv5x5x16 -> maxpool2 -> conv5x5x32 -> maxpool2 -> fc128 -> fc10 with ReLU) with SGD (momentum 0.9),
batch 128, softmax cross-entropy, on Fashion-MNIST pixels scaled to [0, 1], and prints one JSON line per
model: {"framework": "pytorch", "model": ..., "samples_per_second": [...one per repetition...]}.
Each repetition times a fixed number of minibatch steps after a warm-up, including the minibatch gather.
"""
import argparse, gzip, json, os, struct, sys, time

import numpy as np
import torch
import torch.nn as nn


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(directory):
    def find(stem):
        for name in (stem + ".gz", stem):
            path = os.path.join(directory, name)
            if os.path.exists(path):
                return path
        sys.exit(f"pytorch_bench: {stem} not found in {directory}")
    images = read_idx(find("train-images-idx3-ubyte")).astype(np.float32) / 255.0
    labels = read_idx(find("train-labels-idx1-ubyte")).astype(np.int64)
    return torch.from_numpy(images).reshape(-1, 1, 28, 28), torch.from_numpy(labels)


ACTIVATIONS = {"tanh": nn.Tanh, "relu": nn.ReLU, "gelu": nn.GELU, "silu": nn.SiLU}


def mlp(activation="tanh"):
    f = ACTIVATIONS[activation]
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), f(), nn.Linear(256, 256), f(), nn.Linear(256, 10))


def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(512, 128), nn.ReLU(), nn.Linear(128, 10))


def measure(model, images, labels, steps, warmup, batch, lr, repetitions, seed):
    torch.manual_seed(seed)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    n = images.shape[0]
    rates = []
    for rep in range(repetitions + 1):
        order = torch.randperm(n)
        count = warmup if rep == 0 else steps
        start = time.perf_counter()
        for step in range(count):
            index = order[(step * batch) % (n - batch):][:batch]
            x, y = images[index], labels[index]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
        elapsed = time.perf_counter() - start
        if rep > 0:
            rates.append(count * batch / elapsed)
    return rates


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("ACTLAB_DATA_DIR", "/usr/share/datasets/fashion-mnist"))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--models", default="mlp,lenet")
    parser.add_argument("--mlp-steps", type=int, default=300)
    parser.add_argument("--cnn-steps", type=int, default=60)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    images, labels = load(args.data)
    for name in args.models.split(","):
        # mlp is tanh; mlp-ACT names another activation (nn.GELU is the exact erf form, as ours).
        if name == "lenet":
            model, steps = lenet(), args.cnn_steps
        else:
            model, steps = mlp(name.partition("-")[2] or "tanh"), args.mlp_steps
        rates = measure(model, images, labels, steps, max(10, steps // 5), 128, 0.05, args.repetitions, 1)
        print(json.dumps({"framework": "pytorch", "model": name, "threads": args.threads,
                          "torch": torch.__version__, "samples_per_second": rates}), flush=True)


if __name__ == "__main__":
    main()
