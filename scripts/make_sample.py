#!/usr/bin/env python3
"""Make the bundled Fashion-MNIST sample used by `actlab` when the full dataset is not installed.

Takes the first 2,000 training and the first 500 test images/labels from the Debian package
`dataset-fashion-mnist` (/usr/share/datasets/fashion-mnist) and writes them as gzipped IDX files to
Sources/ActivationLab/Resources/fashion-mnist-sample/. Standard library only; deterministic output
(gzip mtime fixed to 0) so re-running it gives byte-identical files.

Usage: python3 scripts/make_sample.py [SOURCE_DIR]
"""
import gzip
import os
import struct
import sys
from collections import Counter

SOURCE = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEST = os.path.join(ROOT, "Sources", "ActivationLab", "Resources", "fashion-mnist-sample")
COUNTS = {"train": 2000, "t10k": 500}
CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
           "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


def read(name):
    with gzip.open(os.path.join(SOURCE, name), "rb") as f:
        return f.read()


def write(name, data):
    path = os.path.join(DEST, name)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
            f.write(data)


def main():
    os.makedirs(DEST, exist_ok=True)
    for split, n in COUNTS.items():
        images = read(f"{split}-images-idx3-ubyte.gz")
        labels = read(f"{split}-labels-idx1-ubyte.gz")
        magic, count, rows, cols = struct.unpack(">IIII", images[:16])
        assert magic == 0x803 and count >= n, (magic, count)
        lmagic, lcount = struct.unpack(">II", labels[:8])
        assert lmagic == 0x801 and lcount == count, (lmagic, lcount)
        write(f"{split}-images-idx3-ubyte.gz",
              struct.pack(">IIII", magic, n, rows, cols) + images[16:16 + n * rows * cols])
        subset = labels[8:8 + n]
        write(f"{split}-labels-idx1-ubyte.gz", struct.pack(">II", lmagic, n) + subset)
        balance = Counter(subset)
        print(f"{split}: {n} samples of {rows}x{cols}; per class: "
              + ", ".join(f"{c}={balance[c]}" for c in range(10)))


if __name__ == "__main__":
    main()
