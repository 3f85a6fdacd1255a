"""Throughput inside each engine against the CLI with the same number of workers.

    python -m benchmarks.engines --size 8MB --workers 2

The same generated JSONL corpus goes through ``textrepair clean --jsonl --workers N``,
datatrove's local executor (N tasks, N workers), ``datasets.map(num_proc=N)`` and Spark
``local[N]``; wall-clock MB/s of input for each, and the ratio to the CLI.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import corpus


def _cli(path: Path, out: Path, workers: int) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "textrepair.cli", "clean", str(path), "--jsonl", "-o", str(out), "--workers", str(workers), "--no-progress"], check=True, capture_output=True)
    return time.perf_counter() - start


def _datatrove(folder: Path, out: Path, workers: int) -> float:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from textrepair.integrations.datatrove import TextRepairStep

    start = time.perf_counter()
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(folder)), TextRepairStep(), JsonlWriter(str(out), compression=None)],
        tasks=workers, workers=workers, logging_dir=str(out) + "-logs",
    ).run()
    return time.perf_counter() - start


def _datasets(path: Path, workers: int) -> float:
    import datasets

    from textrepair.integrations.datasets import repair_batch

    ds = datasets.load_dataset("json", data_files=str(path))["train"]
    start = time.perf_counter()
    ds.map(repair_batch, batched=True, batch_size=64, num_proc=workers)
    return time.perf_counter() - start


def _spark(path: Path, workers: int) -> float:
    from pyspark.sql import SparkSession

    from textrepair.integrations.spark import repair_udf

    spark = SparkSession.builder.master(f"local[{workers}]").config("spark.ui.enabled", "false").getOrCreate()
    df = spark.read.json(str(path)).repartition(workers * 4)
    df.count()
    start = time.perf_counter()
    df.select(repair_udf()("text").alias("r")).select("r.edits").groupBy().sum().collect()
    seconds = time.perf_counter() - start
    spark.stop()
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="8MB")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", default=str(Path(__file__).parent / "results"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        corpus.write(folder, corpus.parse_size(args.size), 0, {**corpus.DEFAULT_MIX, "bytes": 0.0})
        path = folder / "corpus.jsonl"
        shards = Path(tmp) / "shards"
        shards.mkdir()
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for i in range(args.workers):
            (shards / f"s{i}.jsonl").write_text("".join(lines[i :: args.workers]), encoding="utf-8")
        mb = path.stat().st_size / 1e6
        seconds = {"cli": _cli(path, Path(tmp) / "cli.jsonl", args.workers)}
        for name, run in [("datatrove", lambda: _datatrove(shards, Path(tmp) / "dt", args.workers)), ("datasets", lambda: _datasets(path, args.workers)), ("spark", lambda: _spark(path, args.workers))]:
            try:
                seconds[name] = run()
            except ImportError as exc:
                print(f"{name}: skipped ({exc})", file=sys.stderr)
    result = {name: {"mb_s": round(mb / s, 2), "ratio_to_cli": round(seconds["cli"] / s, 2)} for name, s in seconds.items()}
    result["corpus_mb"] = round(mb, 2)
    result["workers"] = args.workers
    Path(args.out).mkdir(parents=True, exist_ok=True)
    (Path(args.out) / "engines.json").write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
