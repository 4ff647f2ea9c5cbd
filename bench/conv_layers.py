"""Times forward+backward of the two LeNet convolution layers in PyTorch (CPU), for comparison with
ActivationLab's Conv2D. Usage: python3 bench/conv_layers.py [threads] [repetitions]"""
import sys
import time

import torch

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 30
torch.set_num_threads(threads)
torch.manual_seed(1)
conv1 = torch.nn.Conv2d(1, 16, 5)
conv2 = torch.nn.Conv2d(16, 32, 5)
x1 = torch.rand(128, 1, 28, 28) * 2 - 1
x2 = (torch.rand(128, 16, 12, 12) * 2 - 1).requires_grad_()
g1 = torch.rand(128, 16, 24, 24) * 2 - 1
g2 = torch.rand(128, 32, 8, 8) * 2 - 1


def timed(label, body):
    for _ in range(3):
        body()
    times = []
    cpu = time.process_time()
    for _ in range(reps):
        start = time.perf_counter()
        body()
        times.append((time.perf_counter() - start) * 1e3)
    cpu = (time.process_time() - cpu) * 1e3 / reps
    times.sort()
    print(f"{label}: median {times[reps // 2]:.2f} ms, best {times[0]:.2f} ms, cpu {cpu:.2f} ms")


def conv1_step():
    conv1(x1).backward(g1)


def conv2_step():
    conv2(x2).backward(g2)


def both():
    conv1(x1).backward(g1)
    conv2(x2).backward(g2)


with torch.no_grad():
    timed("conv1 fwd", lambda: conv1(x1))
    timed("conv2 fwd", lambda: conv2(x2))
timed("conv1 fwd+bwd", conv1_step)
timed("conv2 fwd+bwd", conv2_step)
timed("both fwd+bwd", both)
print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, mkldnn {torch.backends.mkldnn.is_available()}")
