"""Memory on very long documents: peak RSS while ``textrepair.repair`` runs on one document.

    python -m benchmarks.memory --sizes 10MB,100MB

Each measurement runs in a fresh process: it builds one document from the fixture
paragraphs (``paragraphs``: joined by newlines; ``line``: one line without any newline),
warms the pipeline up on the seed articles, then reads the peak RSS (``getrusage``)
before and after ``repair``. The figure is the growth over that baseline divided by the
document's UTF-8 size (issue: under 4x for documents up to 100 MB).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from .corpus import ROOT, parse_size

_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
from benchmarks import corpus
import textrepair as tr
size, shape = {size}, {shape!r}
paras = corpus.paragraphs()
parts, n, i = [], 0, 0
while n < size:
    p = paras[i % len(paras)]
    parts.append(p)
    n += len(p.encode("utf-8"))
    i += 1
text = ("\n" if shape == "paragraphs" else "").join(parts)
del parts
for path in sorted((corpus.ROOT / "fixtures" / "seeds").glob("0*_*.txt")):
    tr.repair(path.read_text(encoding="utf-8"))
tr.repair(text[:300000])
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.perf_counter()
res = tr.repair(text)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
mb = len(text.encode("utf-8")) / 1e6
print(json.dumps({{"shape": shape, "doc_mb": round(mb, 1), "seconds": round(seconds, 1), "baseline_rss_mb": round(base),
                  "peak_rss_mb": round(peak), "growth_x": round((peak - base) / mb, 2), "edits": len(res.edits),
                  "segments": res.report.get("segments", 1)}}))
"""


def measure(size: int, shape: str) -> dict[str, object]:
    """Run one measurement in a fresh process; returns its figures."""
    code = _CHILD.format(root=str(ROOT), size=size, shape=shape)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10MB,100MB", help="document sizes, comma-separated")
    parser.add_argument("--shapes", default="paragraphs,line")
    parser.add_argument("--out", default=str(Path(__file__).parent / "results"))
    args = parser.parse_args(argv)
    rows = [measure(parse_size(size), shape) for size in args.sizes.split(",") for shape in args.shapes.split(",")]
    lines = ["| document | shape | seconds | baseline RSS MB | peak RSS MB | growth / size | edits | segments |", "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(f"| {r['doc_mb']} MB | {r['shape']} | {r['seconds']} | {r['baseline_rss_mb']} | {r['peak_rss_mb']} | {r['growth_x']}x | {r['edits']} | {r['segments']} |")
    table = "\n".join(lines) + "\n"
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "memory.json").write_text(json.dumps(rows, indent=1))
    (out / "memory.md").write_text("Peak RSS growth while `repair` runs on one long document, over a warm baseline.\n\n" + table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
