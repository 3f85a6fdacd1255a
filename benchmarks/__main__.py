"""``python -m benchmarks [--quick]``: throughput against peers, the accuracy table, then the profile.

Writes ``throughput.json|md|png``, ``accuracy.json|md`` and ``profile.md`` to
``benchmarks/results/`` (or ``--out``), each with the machine line.

Default sizes take a few minutes on 2 cores; ``--quick`` well under one (what CI runs:
it only checks that the suite completes and writes its files).
"""

from __future__ import annotations

import argparse
import sys

from . import accuracy, profile, throughput


def main(argv: list[str] | None = None) -> int:
    """Run the suite (default or ``--quick`` sizes) and write its result files."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one run")
    parser.add_argument("--out", default=None, help="results folder (default benchmarks/results)")
    args = parser.parse_args(argv)
    out = ["--out", args.out] if args.out else []
    if args.quick:
        throughput.main(["--size", "1MB", "--runs", "1", "--workers", "2", *out])
        accuracy.main(["--quick", *out])
        profile.main(["--size", "512KB", "--runs", "1", *out])
    else:
        throughput.main(["--size", "16MB", "--runs", "3", "--workers", "2", *out])
        accuracy.main(out)
        profile.main(["--size", "4MB", "--runs", "3", *out])
    return 0


if __name__ == "__main__":
    sys.exit(main())
