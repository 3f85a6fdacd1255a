"""``results/throughput.png`` from ``results/throughput.json``: MB/s per pass next to the peers, and 1 vs N workers.

    python -m benchmarks.chart [--out benchmarks/results]

Needs matplotlib (the ``bench`` extra); without it the chart is skipped with a note,
never an error, since CI installs only the test extras.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

PEERS = ["ftfy.fix_text", "ftfy.fix_text (clean docs)", "opencc t2s", "opencc t2s (traditional docs)", "opencc tw2sp", "charset_normalizer", "peer chain (ftfy + t2s + spaces)"]
OURS_COLOR, PEER_COLOR = "#1f77b4", "#ff7f0e"


def bars(result: dict[str, Any]) -> list[tuple[str, float, bool]]:
    """(label, MB/s, is_peer) for the chart's first panel: textrepair's rows first, then the peers."""
    rows = result["rows"]
    ours = [(name.replace("textrepair ", ""), row["mb_s"], False) for name, row in rows.items() if name.startswith("textrepair ") and "adversarial" not in name]
    peers = [(name, rows[name]["mb_s"], True) for name in PEERS if name in rows]
    return ours + peers


def scaling(result: dict[str, Any]) -> list[tuple[str, float]]:
    """(label, MB/s) of decode+pipeline on all documents with one worker and with N (empty without a parallel run)."""
    one = result["rows"].get("textrepair decode+pipeline (all docs)")
    parallel = result.get("parallel") or {}
    if one is None or not parallel:
        return []
    return [("1 worker", one["mb_s"]), (f"{parallel['workers']} workers", parallel["mb_s"])]


def draw(result: dict[str, Any], path: Path) -> Path | None:
    """Write the chart of ``result`` to ``path``; returns None (after printing a note) when matplotlib is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import matplotlib.ticker
    except ImportError:
        print("chart: skipped (matplotlib is not installed; pip install -e '.[bench]')", file=sys.stderr)
        return None
    items = bars(result)
    workers = scaling(result)
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 0.42 * len(items) + 2.2), gridspec_kw={"width_ratios": [3, 1]})
    labels = [label for label, _, _ in items][::-1]
    values = [value for _, value, _ in items][::-1]
    colors = [PEER_COLOR if peer else OURS_COLOR for _, _, peer in items][::-1]
    left.barh(labels, values, color=colors)
    left.set_xscale("log")
    left.set_xlim(min(values) / 1.5, max(values) * 2.5)  # room for the value labels
    left.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda x, _: f"{x:g}"))
    left.set_xlabel("MB/s of input (log scale, one core)")
    left.set_title(f"Throughput per pass vs peers ({result['corpus_mb']} MB sample, median of {result['runs']})")
    for y, value in enumerate(values):
        left.text(value, y, f" {value:g}", va="center", fontsize=8)
    left.legend(handles=[plt.Rectangle((0, 0), 1, 1, color=OURS_COLOR), plt.Rectangle((0, 0), 1, 1, color=PEER_COLOR)], labels=["textrepair", "peer"], loc="lower right")
    if workers:
        names = [label for label, _ in workers]
        speeds = [value for _, value in workers]
        right.bar(names, speeds, color=OURS_COLOR)
        for x, value in enumerate(speeds):
            right.text(x, value, f"{value:g}", ha="center", va="bottom", fontsize=9)
        right.set_ylabel("MB/s (decode + pipeline, all docs)")
        right.set_title(f"Scaling with workers ({result['parallel']['speedup']}x)")
    else:
        right.set_axis_off()
        right.text(0.5, 0.5, "no parallel run", ha="center", va="center")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def main(argv: list[str] | None = None) -> int:
    """Draw ``OUT/throughput.png`` from ``OUT/throughput.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).parent / "results"), help="folder holding throughput.json")
    args = parser.parse_args(argv)
    out = Path(args.out)
    result = json.loads((out / "throughput.json").read_text(encoding="utf-8"))
    written = draw(result, out / "throughput.png")
    if written:
        print(f"chart: {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
