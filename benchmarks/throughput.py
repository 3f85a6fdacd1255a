"""Throughput of each pass and of the whole pipeline, side by side with the tools people use today.

    python -m benchmarks.throughput --size 32MB --runs 3 --workers 2

MB/s of input (UTF-8 bytes of the text, or raw bytes for byte documents), the median of
``--runs`` runs after a warm-up, all measured in the same process on the same documents;
every figure also as a ratio to the peer it replaces. Peak RSS from ``getrusage``.
Writes ``throughput.json`` (with the "machine" key) and ``throughput.md`` (the
machine line first), then the chart ``throughput.png`` (skipped with a note when
matplotlib is missing).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import re
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable, Sequence

import textrepair as tr

from . import chart, corpus, machine

_SPACES = re.compile(r"[ \t\u3000]+")


def _timed(fn: Callable[[Any], Any], docs: Sequence[Any], runs: int) -> float:
    fn(docs[0])  # warm-up: builds converters and automata
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for d in docs:
            fn(d)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _repair_bytes_or_text(doc: Any) -> str:
    text = tr.decode(doc).text if isinstance(doc, bytes) else doc
    return tr.repair(text).text


_DOCS: Sequence[Any] = ()


def _repair_at(i: int) -> str:
    return _repair_bytes_or_text(_DOCS[i])


def _pool_run(docs: Sequence[Any], workers: int, runs: int = 1) -> tuple[float, list[str]]:
    """The median seconds of ``runs`` runs over ``docs`` with ``workers`` processes, and the output.

    The workers are forked after ``docs`` is set, so they read their documents as a job reads
    its own input shards (only indices go out); the repaired texts come back, as the output of
    a job must.
    """
    global _DOCS
    _DOCS = docs
    ctx = mp.get_context("fork")
    with ctx.Pool(workers) as pool:
        pool.map(_repair_at, range(min(len(docs), 4 * workers)))  # warm-up
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            out = pool.map(_repair_at, range(len(docs)), chunksize=32)
            times.append(time.perf_counter() - start)
    _DOCS = ()
    return statistics.median(times), out


def _boilerplate_seeds(runs: int = 21) -> tuple[float, float]:
    """(seconds, MB) of strip_boilerplate over the five seed articles, the median of ``runs``."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((corpus.ROOT / "fixtures" / "seeds").glob("00?_*.txt"))]
    return _timed(tr.StripBoilerplate().run, seeds, runs), sum(len(t.encode("utf-8")) for t in seeds) / 1e6


def _boilerplate_adversarial() -> tuple[float, float]:
    """(seconds, MB) of strip_boilerplate on 5 MB of one line: image credits and punctuation runs, a title before it.

    Its seconds are the figure the issue bounds (under 1 s: the patterns run in linear time).
    """
    unit = "图源:" + "，" * 40 + "图源" + "。。。" + ",,,," * 10 + "——" * 8 + "图源 " + "(" * 5
    line = unit * (5_000_000 // len(unit.encode("utf-8")))
    text = "标题\n" + line + "，" * 50_000  # a long run without a sentence end last
    start = time.perf_counter()
    tr.StripBoilerplate().run(text)
    return time.perf_counter() - start, len(text.encode("utf-8")) / 1e6


def measure(size: int, runs: int, workers: int, seed: int = 0) -> dict[str, Any]:
    """Run every measurement on a corpus sample of ``size`` bytes; returns the figures."""
    import charset_normalizer
    import ftfy
    import opencc

    kinds_docs = list(corpus.documents(size, seed))
    docs = [d for _, d in kinds_docs]
    texts = [d for d in docs if isinstance(d, str)]
    blobs = [d for d in docs if isinstance(d, bytes)]
    text_mb = sum(len(t.encode("utf-8", "surrogatepass")) for t in texts) / 1e6
    blob_mb = sum(len(b) for b in blobs) / 1e6
    all_mb = text_mb + blob_mb
    t2s, tw2sp = opencc.OpenCC("t2s"), opencc.OpenCC("tw2sp")

    def peer_chain(t: str) -> str:
        return _SPACES.sub(" ", t2s.convert(ftfy.fix_text(t)))

    rows: dict[str, dict[str, Any]] = {}

    def add(name: str, seconds: float, mb: float, peer: str | None = None) -> None:
        rows[name] = {"mb_s": round(mb / seconds, 2), "seconds": round(seconds, 3), "peer": peer}

    passes = {p.name: p for p in tr.default_pipeline().passes}
    for name, p in passes.items():
        add(f"textrepair {name}", _timed(p.run, texts, runs), text_mb)
    add("textrepair strip_boilerplate (seed fixtures)", *_boilerplate_seeds())
    add("textrepair strip_boilerplate (adversarial 5 MB line)", *_boilerplate_adversarial())
    add("textrepair pipeline (text docs)", _timed(tr.repair, texts, runs), text_mb, "peer chain")
    add("textrepair decode (byte docs)", _timed(tr.decode, blobs, runs), blob_mb, "charset_normalizer")
    add("textrepair decode+pipeline (all docs)", _timed(_repair_bytes_or_text, docs, runs), all_mb, "peer chain")
    # traditional text alone: the reposts of the sample and the traditional seeds (000, 003)
    seeds = sorted((corpus.ROOT / "fixtures" / "seeds").glob("00[03]_*.txt"))
    trad = [d for kind, d in kinds_docs if kind == "repost"] + [p.read_text(encoding="utf-8") for p in seeds]
    trad_mb = sum(len(t.encode("utf-8", "surrogatepass")) for t in trad) / 1e6
    add("textrepair to_simplified (traditional docs)", _timed(passes["to_simplified"].run, trad, runs), trad_mb, "opencc t2s (traditional docs)")
    add("opencc t2s (traditional docs)", _timed(t2s.convert, trad, runs), trad_mb)
    # clean simplified text alone: what fix_mojibake's fast path costs where there is nothing to repair
    clean = [d for kind, d in kinds_docs if kind == "clean"]
    clean_mb = sum(len(t.encode("utf-8", "surrogatepass")) for t in clean) / 1e6
    add("textrepair fix_mojibake (clean docs)", _timed(passes["fix_mojibake"].run, clean, runs), clean_mb, "ftfy.fix_text (clean docs)")
    add("ftfy.fix_text (clean docs)", _timed(ftfy.fix_text, clean, runs), clean_mb)
    add("ftfy.fix_text", _timed(ftfy.fix_text, texts, runs), text_mb)
    add("opencc t2s", _timed(t2s.convert, texts, runs), text_mb)
    add("opencc tw2sp", _timed(tw2sp.convert, texts, runs), text_mb)
    add("charset_normalizer", _timed(lambda b: charset_normalizer.from_bytes(b).best(), blobs, max(1, runs // 2)), blob_mb)
    add("peer chain (ftfy + t2s + spaces)", _timed(peer_chain, texts, runs), text_mb)
    peers_of = {"fix_mojibake": "ftfy.fix_text", "to_simplified": "opencc t2s", "normalize": "peer chain (ftfy + t2s + spaces)"}
    for name, row in rows.items():
        peer = row["peer"] or peers_of.get(name.replace("textrepair ", ""))
        if peer == "peer chain":
            peer = "peer chain (ftfy + t2s + spaces)"
        if peer in rows:
            row["peer"] = peer
            row["ratio_to_peer"] = round(row["mb_s"] / rows[peer]["mb_s"], 2)
    one_seconds = rows["textrepair decode+pipeline (all docs)"]["seconds"]
    parallel: dict[str, Any] = {}
    if workers > 1:
        seconds, out = _pool_run(docs, workers, runs)
        serial = [_repair_bytes_or_text(d) for d in docs]
        parallel = {
            "workers": workers,
            "mb_s": round(all_mb / seconds, 2),
            "speedup": round(one_seconds / seconds, 2),
            "identical_to_one_worker": out == serial,
        }
    return {
        "machine": machine.info(),
        "corpus_mb": round(all_mb, 2),
        "documents": len(docs),
        "runs": runs,
        "rows": rows,
        "parallel": parallel,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def to_markdown(result: dict[str, Any]) -> str:
    """The result as Markdown: the machine line, then the table."""
    lines = [
        machine.line(result.get("machine")),
        "",
        f"Corpus sample: {result['corpus_mb']} MB, {result['documents']} documents, median of {result['runs']} runs, one core.",
        "",
        "| what | MB/s | peer | ratio to peer |",
        "| --- | ---: | --- | ---: |",
    ]
    for name, row in result["rows"].items():
        lines.append(f"| {name} | {row['mb_s']} | {row.get('peer') or ''} | {row.get('ratio_to_peer', '')} |")
    if result["parallel"]:
        p = result["parallel"]
        lines += ["", f"With {p['workers']} workers: {p['mb_s']} MB/s, {p['speedup']}x one worker, output identical: {p['identical_to_one_worker']}."]
    lines += ["", f"Peak RSS: {result['peak_rss_mb']} MB."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Measure, write ``throughput.json|md`` and the chart to ``--out``, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="16MB")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", default=str(Path(__file__).parent / "results"))
    args = parser.parse_args(argv)
    result = measure(corpus.parse_size(args.size), args.runs, args.workers)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "throughput.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    (out / "throughput.md").write_text(to_markdown(result))
    print(to_markdown(result))
    chart.draw(result, out / "throughput.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
