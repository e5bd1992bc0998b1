"""``python -m benchmarks.foreign OUT_DIR [--count N] [--seed S]``: write a foreign corpus."""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.foreign import generate_corpus

parser = argparse.ArgumentParser(description="Generate the foreign benchmark corpus.")
parser.add_argument("out", type=Path)
parser.add_argument("--count", type=int, default=12)
parser.add_argument("--seed", type=int, default=7)
args = parser.parse_args()
for pdf in generate_corpus(args.out, args.count, args.seed):
    print(pdf)
