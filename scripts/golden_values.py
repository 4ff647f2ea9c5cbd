#!/usr/bin/env python3
"""PyTorch golden values for ActivationLab's activations and output heads.

Computes, in float64 with autograd, the forward value and derivative of every activation in the
catalog at fixed points, and the loss and delta = d loss / d logits of every head at fixed logits and
labels, and writes Tests/ActivationLabTests/Golden/golden.json. The Swift tests read that file; they
never run Python.

Activations use torch's own functions where torch has them; scaled-sigmoid and penalized-tanh are
written from their definitions (docs: spec/techniques.md section 4, Xu, Huang & Li 2016). Heads use
torch's cross_entropy for softmax-ce and the loss forms of spec/techniques.md section 1 (Oland et al.
2017; the linear-exp* readings are our interpretations) for the others, differentiated by autograd.
Reduction as in ActivationLab: sum over classes, mean over the batch.

It also runs small conv2d + bias -> relu -> max_pool2d chains forward and backward (loss = sum(out * g)
for a fixed g), recording the output and the gradients of input, weight and bias: one input channel,
six with padding, LeNet's second layer (whose input gradient ActivationLab computes with output channels
in the vector lanes) and a 16-channel 3x3 layer (whose forward pass does).

Usage:  python3 scripts/golden_values.py          (from the repository root)
"""
import json
import math
import pathlib

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

POINTS = [0.0, 1e-3, -1e-3, 0.1, -0.1, 0.5, -0.5, 1.0, -1.0, 1.5, -1.5, 2.0, -2.0,
          3.0, -3.0, 5.0, -5.0, 7.0, -7.0, 10.0, -10.0, 20.0, -20.0, 0.25, -0.25]


def float32(values):
    """The values rounded to float32, so both sides see the same inputs."""
    return torch.tensor(values, dtype=torch.float32).to(torch.float64)


ACTIVATIONS = {
    "identity": lambda x: x,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,                                   # relu'(0) = 0
    "leaky-relu": lambda x: F.leaky_relu(x, 0.01),        # slope a at 0
    "leaky-relu:0.25": lambda x: F.leaky_relu(x, 0.25),
    "elu": lambda x: F.elu(x, alpha=1.0),
    "softplus": F.softplus,                               # threshold 20 is not crossed by POINTS
    "gelu": lambda x: F.gelu(x, approximate="none"),      # exact erf form
    "silu": F.silu,
    # Xu, Huang & Li (2016): f(x) = 4 sigma(x) - 2.
    "scaled-sigmoid": lambda x: 4 * torch.sigmoid(x) - 2,
    # tanh(x) for x > 0, a tanh(x) for x <= 0, a = 0.25 (so f'(0) = a).
    "penalized-tanh": lambda x: torch.where(x > 0, torch.tanh(x), 0.25 * torch.tanh(x)),
}


def activation_record(name, f):
    x = torch.tensor(POINTS, requires_grad=True)
    y = f(x)
    (dy,) = torch.autograd.grad(y.sum(), x)
    return {"name": name, "points": POINTS, "value": y.tolist(), "derivative": dy.tolist()}


def targets(labels, classes, s, negative_others):
    t = torch.full((len(labels), classes), -s if negative_others else 0.0)
    t[torch.arange(len(labels)), torch.tensor(labels)] = s
    return t


def linear_exp_scaled(z, t, c):
    """Integral from t to z of (u - t) exp(min(u, c)) du, written as F(z) - F(t)."""
    def antiderivative(u):
        ec = math.exp(c)
        below = (u - t - 1) * torch.exp(torch.clamp(u, max=c))
        above = (c - t - 1) * ec + ec * ((u - t) ** 2 - (c - t) ** 2) / 2
        return torch.where(u <= c, below, above)
    return antiderivative(z) - antiderivative(t)


def head_loss(name, z, labels, s, negative_others, c):
    """Per-sample losses summed over classes, then the batch mean."""
    t = targets(labels, z.shape[1], s, negative_others)
    if name == "softmax-ce":
        return F.cross_entropy(z, t)                       # probability targets: -sum t log softmax, batch mean
    if name == "softmax-mse":
        per_logit = 0.5 * (torch.softmax(z, dim=1) - t) ** 2
    elif name == "sigmoid-mse":
        per_logit = 0.5 * (torch.sigmoid(z) - t) ** 2
    elif name == "linear-mse":
        per_logit = 0.5 * (z - t) ** 2
    elif name == "linear-exp":
        zc = torch.clamp(z, max=c)                          # exp(z) - t z, continued along its tangent past c
        per_logit = torch.exp(zc) * (1 + z - zc) - t * z
    elif name == "linear-exp-error":
        u = z - t
        uc = torch.clamp(u, max=c)
        per_logit = torch.exp(uc) * (1 + u - uc) - u
    elif name == "linear-exp-scaled":
        per_logit = linear_exp_scaled(z, t, c)
    elif name == "linear-pow3":
        per_logit = 0.25 * (z - t) ** 4
    else:
        raise ValueError(name)
    return per_logit.sum(dim=1).mean()


LOGITS = [[0.3, -1.2, 2.5, 0.05],
          [-2.75, 1.1, 0.6, -0.4],
          [1.9, 2.8, -3.0, 0.0]]
LABELS = [2, 0, 1]

# (head, allows t_other = -s, uses the exponent clamp)
HEADS = [("softmax-ce", False, False), ("softmax-mse", False, False), ("sigmoid-mse", False, False),
         ("linear-mse", True, False), ("linear-exp", False, True), ("linear-exp-error", True, True),
         ("linear-exp-scaled", True, True), ("linear-pow3", True, False)]


def head_records():
    records = []
    for name, allows_negative, uses_clamp in HEADS:
        option_sets = [(1.0, False, 30.0), (2.0, False, 30.0)]
        if allows_negative:
            option_sets.append((2.0, True, 30.0))
        if uses_clamp:
            option_sets.append((1.0, False, 1.5))            # several logits past the clamp
        for s, negative, c in option_sets:
            z = float32(LOGITS).requires_grad_(True)
            loss = head_loss(name, z, LABELS, s, negative, c)
            (delta,) = torch.autograd.grad(loss, z)
            records.append({
                "name": name,
                "options": {"targetScale": s, "negativeOthers": negative, "exponentClamp": c},
                "logits": z.detach().tolist(), "labels": LABELS,
                "loss": loss.item(), "gradient": delta.tolist(),
            })
    return records


def pattern(shape, a, b):
    """Deterministic values in [-1, 1] (sin of a linear index), rounded to float32."""
    n = math.prod(shape)
    return float32([math.sin(a * i + b) for i in range(n)]).reshape(shape)


# (name, input shape, weight shape, padding)
LAYER_CHAINS = [("conv-relu-maxpool-direct", [2, 1, 10, 10], [3, 1, 5, 5], 0),
                ("conv-relu-maxpool-gemm", [2, 6, 8, 8], [4, 6, 3, 3], 1),
                ("conv-relu-maxpool-lenet2", [2, 16, 12, 12], [32, 16, 5, 5], 0),
                ("conv-relu-maxpool-wide", [2, 16, 10, 10], [16, 16, 3, 3], 1)]


def layer_records():
    records = []
    for name, x_shape, w_shape, padding in LAYER_CHAINS:
        x = pattern(x_shape, 0.37, 0.1).requires_grad_(True)
        w = (0.5 * pattern(w_shape, 0.61, 0.3)).requires_grad_(True)
        b = (0.2 * pattern([w_shape[0]], 1.3, 0.5)).requires_grad_(True)
        y = F.max_pool2d(torch.relu(F.conv2d(x, w, b, padding=padding)), 2)
        g = pattern(list(y.shape), 0.83, 0.7)
        dx, dw, db = torch.autograd.grad((y * g).sum(), (x, w, b))
        records.append({"name": name, "padding": padding,
                        "input": {"shape": x_shape, "values": x.detach().flatten().tolist()},
                        "weight": {"shape": w_shape, "values": w.detach().flatten().tolist()},
                        "bias": b.detach().tolist(),
                        "outputGradient": {"shape": list(y.shape), "values": g.flatten().tolist()},
                        "output": y.detach().flatten().tolist(),
                        "inputGradient": dx.flatten().tolist(), "weightGradient": dw.flatten().tolist(),
                        "biasGradient": db.tolist()})
    return records


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    out = root / "Tests" / "ActivationLabTests" / "Golden" / "golden.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    golden = {
        "generator": "scripts/golden_values.py",
        "torch": torch.__version__,
        "dtype": "float64",
        "activations": [activation_record(n, f) for n, f in ACTIVATIONS.items()],
        "heads": head_records(),
        "layers": layer_records(),
    }
    # One record per line: readable diffs when a formula changes.
    lines = ["{"]
    for key in ("generator", "torch", "dtype"):
        lines.append(f" {json.dumps(key)}: {json.dumps(golden[key])},")
    for key in ("activations", "heads", "layers"):
        records = ",\n".join("  " + json.dumps(r) for r in golden[key])
        lines.append(f" {json.dumps(key)}: [\n{records}\n ]" + ("," if key != "layers" else ""))
    lines.append("}")
    out.write_text("\n".join(lines) + "\n")
    print(f"wrote {out} ({len(golden['activations'])} activations, {len(golden['heads'])} head cases, {len(golden['layers'])} layer chains)")


if __name__ == "__main__":
    main()
