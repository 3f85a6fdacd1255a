"""The machine line every benchmark result carries: CPU model, cores, Python, OS, package versions.

    python -m benchmarks.machine

Figures from different machines are not comparable; ratios to the peers measured in the
same run are. The line says which machine a result file came from.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from importlib import metadata
from typing import Any

PACKAGES = ["textrepair", "ftfy", "opencc", "regex", "charset-normalizer", "chardet", "ahocorasick-rs", "pypinyin", "numpy", "marisa-trie"]


def cpu_model() -> str:
    """The CPU's "model name" from /proc/cpuinfo, else ``platform.processor()``, else "unknown"."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                key, sep, value = line.partition(":")
                if sep and key.strip() == "model name" and value.strip():
                    return value.strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def package_version(name: str) -> str:
    """The installed version of distribution ``name``, or "not installed"."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def info() -> dict[str, Any]:
    """The machine as a dict (the "machine" key of every results JSON file)."""
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "packages": {name: package_version(name) for name in PACKAGES},
    }


def line(machine: dict[str, Any] | None = None) -> str:
    """The machine as one Markdown line (the first line of every results Markdown file)."""
    m = machine or info()
    packages = ", ".join(f"{name} {version}" for name, version in m["packages"].items())
    return f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}, {m['os']}; {packages}."


if __name__ == "__main__":
    print(line())
    print(json.dumps(info(), indent=1))
    sys.exit(0)
