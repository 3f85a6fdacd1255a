"""Where the default pipeline spends its time: cProfile hot spots and per-pass MB/s by document kind.

    python -m benchmarks.profile --size 4MB [--seed 0] [--runs 3] [--top 25] [--out benchmarks/results]

Runs ``textrepair.repair`` under cProfile over the text documents of a corpus sample
(byte documents left out: this is the pipeline, not ``decode``) and lists the functions
with the most internal time. Then, without the profiler, runs each pass of
``textrepair.default_pipeline()`` in order on each document (a pass's input is the
previous pass's output) and reports MB/s per pass and document kind, MB being the
UTF-8 size of the documents as generated; the median of ``--runs`` runs. One document
of each kind is repaired first, so lazily built tables are counted in neither. Prints
and writes ``profile.md``; ``benchmarks/PROFILE.md`` reads it.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import textrepair as tr

from . import corpus, machine

KINDS = ["clean", "repost", "boilerplate", "spin", "mojibake"]


def _where(path: str, line: int, func: str) -> str:
    """``file:line(function)`` with the path cut to the package it belongs to."""
    for marker in ("/src/", "/site-packages/", "/lib/python"):
        if marker in path:
            path = path.split(marker, 1)[1]
            if marker == "/lib/python":
                path = path.split("/", 1)[-1]
            break
    return f"{path}:{line}({func})" if line else func


def _warm_up(kinds_docs: Sequence[tuple[str, str]]) -> None:
    """Repair one document of each kind, so lazily built converters, automata and tables are not profiled."""
    first: dict[str, str] = {}
    for kind, doc in kinds_docs:
        first.setdefault(kind, doc)
    for doc in first.values():
        tr.repair(doc)


def hot_spots(texts: Sequence[str], top: int) -> tuple[list[dict[str, Any]], float]:
    """The ``top`` functions by internal time while ``tr.repair`` runs over ``texts``, and the profiled seconds."""
    profiler = cProfile.Profile()
    profiler.enable()
    for text in texts:
        tr.repair(text)
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = []
    for (path, line, func), (_, calls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append({"where": _where(path, line, func), "calls": calls, "tottime": tottime, "cumtime": cumtime})
    rows.sort(key=lambda r: r["tottime"], reverse=True)
    return rows[:top], stats.total_tt  # type: ignore[attr-defined]


def per_pass(kinds_docs: Sequence[tuple[str, str]], runs: int) -> dict[str, dict[str, Any]]:
    """For each document kind: its MB, documents, and MB/s of each pass run in order (median of ``runs``)."""
    passes = tr.default_pipeline().passes
    out: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        docs = [d for k, d in kinds_docs if k == kind]
        if not docs:
            continue
        mb = sum(len(d.encode("utf-8", "surrogatepass")) for d in docs) / 1e6
        seconds: dict[str, list[float]] = {p.name: [] for p in passes}
        for _ in range(runs):
            spent = dict.fromkeys(seconds, 0.0)
            for text in docs:
                for p in passes:
                    start = time.perf_counter()
                    text = p.run(text)[0]
                    spent[p.name] += time.perf_counter() - start
            for name, s in spent.items():
                seconds[name].append(s)
        median = {name: statistics.median(s) for name, s in seconds.items()}
        total = sum(median.values())
        out[kind] = {
            "documents": len(docs),
            "mb": round(mb, 3),
            "mb_s": {name: round(mb / s, 2) if s else None for name, s in median.items()},
            "all_passes_mb_s": round(mb / total, 2) if total else None,
        }
    return out


def to_markdown(result: dict[str, Any]) -> str:
    """The profile as Markdown: the machine line, the hot spots table, the per-kind table."""
    lines = [
        machine.line(result["machine"]),
        "",
        f"Corpus sample: {result['text_mb']} MB of text documents ({result['documents']}), seed {result['seed']}; "
        f"`textrepair.repair` under cProfile: {result['profiled_seconds']:.2f} s.",
        "",
        f"## Top {len(result['hot_spots'])} functions by internal time",
        "",
        "| function | calls | tottime (s) | cumtime (s) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for row in result["hot_spots"]:
        lines.append(f"| `{row['where']}` | {row['calls']} | {row['tottime']:.3f} | {row['cumtime']:.3f} |")
    names = list(next(iter(result["per_kind"].values()))["mb_s"]) if result["per_kind"] else []
    lines += [
        "",
        f"## MB/s of each pass by document kind (passes in pipeline order, no profiler, median of {result['runs']})",
        "",
        "| kind | documents | MB | " + " | ".join(names) + " | all passes |",
        "| --- | ---: | ---: | " + " | ".join("---:" for _ in names) + " | ---: |",
    ]
    for kind, row in result["per_kind"].items():
        speeds = " | ".join(str(row["mb_s"][n]) for n in names)
        lines.append(f"| {kind} | {row['documents']} | {row['mb']} | {speeds} | {row['all_passes_mb_s']} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Profile the default pipeline on a corpus sample, print and write ``profile.md``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="4MB", help="corpus sample size (default 4MB)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3, help="runs of the per-pass timing (median)")
    parser.add_argument("--top", type=int, default=25, help="functions listed (default 25)")
    parser.add_argument("--out", default=str(Path(__file__).parent / "results"))
    args = parser.parse_args(argv)
    kinds_docs = [(k, d) for k, d in corpus.documents(corpus.parse_size(args.size), args.seed) if isinstance(d, str)]
    texts = [d for _, d in kinds_docs]
    _warm_up(kinds_docs)
    spots, seconds = hot_spots(texts, args.top)
    result = {
        "machine": machine.info(),
        "seed": args.seed,
        "runs": args.runs,
        "documents": len(texts),
        "text_mb": round(sum(len(t.encode("utf-8", "surrogatepass")) for t in texts) / 1e6, 2),
        "profiled_seconds": seconds,
        "hot_spots": spots,
        "per_kind": per_pass(kinds_docs, args.runs),
    }
    text = to_markdown(result)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "profile.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
