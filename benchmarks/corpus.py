"""Deterministic generator of a mixed Chinese web corpus, streamed to JSONL and raw byte files.

    python -m benchmarks.corpus --size 256MB --out benchmarks/out/corpus
    python -m benchmarks.corpus --corpus my.jsonl --field text     # use your own corpus instead

Documents of 200 B – 50 KB are assembled from the fixture paragraphs and damaged in the
proportions a crawl shows (``DEFAULT_MIX``, printed and configurable with ``--mix``):
clean simplified text, traditional content-farm reposts, boilerplate heads and tails,
spun text, mojibake, and raw byte documents in GB18030, Big5 and UTF-16. Nothing is
held in memory beyond one document.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Iterator

from textrepair import testing

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MIX = {"clean": 0.55, "repost": 0.12, "boilerplate": 0.12, "spin": 0.08, "mojibake": 0.05, "bytes": 0.08}


def paragraphs() -> list[str]:
    """Clean simplified paragraphs from the fixtures (traditional seeds converted)."""
    from textrepair.script import _converter

    out = []
    for path in sorted((ROOT / "fixtures" / "seeds").glob("0*_*.txt")):
        text = path.read_text(encoding="utf-8")
        if path.name[:3] in ("000", "003"):
            text = _converter("t2s").convert(text)
        if path.name[:3] == "004":
            continue  # spun: the generator spins clean text itself
        out += [p for p in text.split("\n") if len(p) > 30]
    return out


def parse_size(text: str) -> int:
    """'256MB' → bytes."""
    units = {"KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30, "B": 1}
    for unit, factor in units.items():
        if text.upper().endswith(unit):
            return int(float(text[: -len(unit)]) * factor)
    return int(text)


def documents(size: int, seed: int = 0, mix: dict[str, float] | None = None) -> Iterator[tuple[str, str | bytes]]:
    """Yield ``(kind, document)`` until about ``size`` bytes were produced; bytes documents for ``bytes``."""
    mix = mix or DEFAULT_MIX
    rng = random.Random(seed)
    paras = paragraphs()
    kinds, weights = zip(*mix.items())
    produced = 0
    while produced < size:
        target = int(min(50_000, max(200, rng.lognormvariate(7.8, 1.0))))
        body: list[str] = []
        length = 0
        while length < target:
            p = rng.choice(paras)
            body.append(p)
            length += len(p.encode("utf-8"))
        text = "\n".join(body)
        kind = rng.choices(kinds, weights)[0]
        doc: str | bytes
        if kind == "repost":
            doc = testing.to_traditional_repost(text, rng, rng.choice(["s2tw", "s2twp", "s2hk"]))
        elif kind == "boilerplate":
            doc = testing.wrap_boilerplate(text, rng)
        elif kind == "spin":
            doc = testing.spin(text, rng, 0.6)
        elif kind == "mojibake":
            doc = testing.mojibake(text, rng.choice(["utf8-as-gbk", "gbk-as-latin1"]), lossy=True)
        elif kind == "bytes":
            doc = text.encode(rng.choice(["gb18030", "big5", "utf-16"]), errors="ignore")
        else:
            doc = text
        produced += len(doc) if isinstance(doc, bytes) else len(doc.encode("utf-8", "surrogatepass"))
        yield kind, doc


def user_corpus(path: str, field: str, limit: int) -> Iterator[tuple[str, str]]:
    """Texts from the user's JSONL corpus, up to ``limit`` bytes."""
    produced = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            try:
                text = json.loads(line)[field]
            except (ValueError, KeyError, TypeError):
                continue
            if isinstance(text, str):
                produced += len(text.encode("utf-8", "surrogatepass"))
                yield "user", text
                if produced >= limit:
                    return


def write(out: Path, size: int, seed: int, mix: dict[str, float] | None = None) -> dict[str, int]:
    """Stream the corpus to ``out/corpus.jsonl`` and ``out/bytes/*.bin``; returns counts by kind."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "bytes").mkdir(exist_ok=True)
    counts: dict[str, int] = {}
    with open(out / "corpus.jsonl", "w", encoding="utf-8") as fh:
        for i, (kind, doc) in enumerate(documents(size, seed, mix)):
            counts[kind] = counts.get(kind, 0) + 1
            if isinstance(doc, bytes):
                (out / "bytes" / f"{i:07d}.bin").write_bytes(doc)
            else:
                fh.write(json.dumps({"id": i, "kind": kind, "text": doc}, ensure_ascii=False) + "\n")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="256MB", help="corpus size (default 256MB)")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "out" / "corpus"), help="output folder")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--mix", help="kind=weight,... (kinds: " + ",".join(DEFAULT_MIX) + ")")
    args = parser.parse_args(argv)
    mix = dict(DEFAULT_MIX)
    if args.mix:
        mix = {k: float(v) for k, v in (part.split("=") for part in args.mix.split(","))}
    print("mix:", ", ".join(f"{k} {v:.0%}" for k, v in mix.items()), file=sys.stderr)
    counts = write(Path(args.out), parse_size(args.size), args.seed, mix)
    print("documents:", counts, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
