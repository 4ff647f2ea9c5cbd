#!/usr/bin/env python3
"""PyTorch side of the ActivationLab training-throughput benchmark.

Trains the same networks as `actlab bench` (MLP 784-256-256-10 tanh, the LeNet-style CNN
conv5x5x16 -> maxpool2 -> conv5x5x32 -> maxpool2 -> fc128 -> fc10 with ReLU, and cnn:resnet) with SGD
(momentum 0.9), batch 128, softmax cross-entropy, on Fashion-MNIST pixels scaled to [0, 1], and prints one
JSON line per model: {"framework": "pytorch", "model": ..., "flops_per_sample": ...,
"samples_per_second": [...one per repetition...]}, then one for a square sgemm (torch.mm) timed between
the repetitions: {"model": "sgemm", "gflops": [...]}. Each repetition times a fixed number of minibatch
steps after a warm-up, including the minibatch gather. FLOPs per sample are counted by
torch.utils.flop_counter over one training step (matrix products and convolutions only, 2 per
multiply-add, as `actlab bench` counts them).
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


class BasicBlock(nn.Module):
    """cnn:resnet's residual block: BN(conv3x3(relu(BN(conv3x3_s(x))))) + shortcut, then relu."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(),
            nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout))
        self.skip = nn.Identity() if cin == cout and stride == 1 else nn.Sequential(
            nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        return torch.relu(self.main(x) + self.skip(x))


def resnet():
    """ActivationLab's cnn:resnet: conv3x3x16 -> BN -> relu, blocks 16, 32/2, 64/2, global average pool, fc10."""
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU(),
        BasicBlock(16, 16, 1), BasicBlock(16, 32, 2), BasicBlock(32, 64, 2),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10))


def training_flops(model, images, labels, batch):
    """FLOPs of one training step (forward + backward) per sample, as torch's flop counter sees them."""
    from torch.utils.flop_counter import FlopCounterMode
    counter = FlopCounterMode(display=False)
    with counter:
        nn.CrossEntropyLoss()(model(images[:batch]), labels[:batch]).backward()
    model.zero_grad(set_to_none=True)
    return counter.get_total_flops() // batch


def sgemm_gflops(size):
    """GFLOP/s of the fastest of five size x size x size torch.mm products (after one untimed)."""
    a, b = torch.rand(size, size) - 0.5, torch.rand(size, size) - 0.5
    best = float("inf")
    for trial in range(6):
        start = time.perf_counter()
        torch.mm(a, b)
        elapsed = time.perf_counter() - start
        if trial > 0:
            best = min(best, elapsed)
    return 2 * size ** 3 / best / 1e9


def measure(model, images, labels, steps, warmup, batch, lr, repetitions, seed, sgemm):
    torch.manual_seed(seed)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    n = images.shape[0]
    rates = []
    for rep in range(repetitions + 1):
        if rep > 0:
            sgemm()  # the yardstick, timed between repetitions so both see the same machine load
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
    parser.add_argument("--models", default="mlp,lenet,resnet")
    parser.add_argument("--mlp-steps", type=int, default=300)
    parser.add_argument("--cnn-steps", type=int, default=60)
    parser.add_argument("--resnet-steps", type=int, default=15)
    parser.add_argument("--sgemm-size", type=int, default=1024)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    images, labels = load(args.data)
    sgemm_rates = []
    sgemm = lambda: sgemm_rates.append(sgemm_gflops(args.sgemm_size))
    for name in args.models.split(","):
        # mlp is tanh; mlp-ACT names another activation (nn.GELU is the exact erf form, as ours).
        if name == "lenet":
            model, steps = lenet(), args.cnn_steps
        elif name == "resnet":
            model, steps = resnet(), args.resnet_steps
        else:
            model, steps = mlp(name.partition("-")[2] or "tanh"), args.mlp_steps
        flops = training_flops(model, images, labels, 128)
        rates = measure(model, images, labels, steps, max(10, steps // 5), 128, 0.05, args.repetitions, 1, sgemm)
        print(json.dumps({"framework": "pytorch", "model": name, "threads": args.threads,
                          "torch": torch.__version__, "flops_per_sample": flops, "samples_per_second": rates}),
              flush=True)
    print(json.dumps({"framework": "pytorch", "model": "sgemm", "threads": args.threads, "size": args.sgemm_size,
                      "gflops": sgemm_rates}), flush=True)

if __name__ == "__main__":
    main()
