"""One table of the accuracy figures the issues define, measured side by side with peers.

    python -m benchmarks.accuracy [--quick]

Decode accuracy by encoding and size against chardet and charset-normalizer (the test
set is built from the fixture paragraphs: samples of 16 … 8192 bytes in each encoding,
characters an encoding cannot hold left out); mojibake repair against ftfy; conversion
of seeds 000/003 against gold; boilerplate precision/recall against the seeds' labels;
despin precision/recall on seed 004 and false edits on clean text.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

import textrepair as tr

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
ENCODINGS = ["utf-8", "utf-8-sig", "gbk", "gb18030", "big5", "big5hkscs", "utf-16", "utf-16-le", "utf-16-be"]


def _paragraphs() -> list[str]:
    return [p for path in sorted(SEEDS.glob("0*_*.txt")) for p in path.read_text(encoding="utf-8").split("\n") if len(p) > 30]


def decode_test_set(sizes: list[int], per_cell: int, seed: int = 0) -> list[tuple[int, str, str, bytes]]:
    """(size, encoding, text, bytes) samples: paragraph text cut to fit ``size`` bytes."""
    rng = random.Random(seed)
    paras = _paragraphs()
    out = []
    for size in sizes:
        for enc in ENCODINGS:
            for _ in range(per_cell):
                start = rng.randrange(len(paras))
                text = ""
                for ch in "\n".join(paras[start:] + paras[:start]):
                    try:
                        if len((text + ch).encode(enc)) > size:
                            break
                    except UnicodeEncodeError:
                        continue
                    text += ch
                out.append((size, enc, text, text.encode(enc)))
    return out


def _peer_decoders() -> dict[str, Any]:
    import charset_normalizer

    peers: dict[str, Any] = {"textrepair": lambda b: tr.decode(b).text}

    def cn(b: bytes) -> str | None:
        best = charset_normalizer.from_bytes(b).best()
        return str(best) if best is not None else None

    peers["charset_normalizer"] = cn
    try:
        import chardet

        def cd(b: bytes) -> str | None:
            enc = chardet.detect(b).get("encoding")
            if not enc:
                return None
            try:
                text = b.decode(enc)
            except (LookupError, UnicodeDecodeError):
                return None
            return text[1:] if text.startswith("\ufeff") else text

        peers["chardet"] = cd
    except ImportError:
        pass
    return peers


def decode_table(sizes: list[int], per_cell: int) -> dict[str, Any]:
    samples = decode_test_set(sizes, per_cell)
    peers = _peer_decoders()
    table: dict[str, dict[str, float]] = {}
    speed: dict[str, float] = {}
    for name, fn in peers.items():
        right: dict[int, list[int]] = {}
        start = time.perf_counter()
        for size, enc, text, raw in samples:
            got = fn(raw)
            right.setdefault(size, []).append(int(got == text))
        speed[name] = round(sum(len(s[3]) for s in samples) / (time.perf_counter() - start) / 1e6, 2)
        table[name] = {str(size): round(sum(v) / len(v), 4) for size, v in right.items()}
    return {"accuracy_by_size": table, "mb_s": speed, "samples": len(samples)}


def mojibake_table(n: int) -> dict[str, Any]:
    import difflib

    import ftfy

    rng = random.Random(1)
    paras = [p for p in _paragraphs()]
    kinds = {"utf8-as-gbk": ("utf-8", "gb18030"), "gbk-as-latin1": ("gbk", "latin-1"), "big5-as-gbk": ("big5", "gbk"), "gbk-as-big5": ("gbk", "big5")}
    out: dict[str, Any] = {}
    for kind, (true, wrong) in kinds.items():
        ours = theirs = total = 0
        for _ in range(n * 4):
            p = rng.choice(paras)[: rng.choice([30, 80, 160])]
            try:
                damaged = p.encode(true).decode(wrong)
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            total += 1
            ours += tr.fix_mojibake(damaged) == p
            theirs += ftfy.fix_encoding(damaged) == p
            if total >= n:
                break
        out[kind] = {"samples": total, "textrepair": round(ours / max(1, total), 3), "ftfy": round(theirs / max(1, total), 3)}
    kept = total_chars = 0
    for _ in range(n):
        p = rng.choice(paras)[:120]
        got = tr.fix_mojibake(p.encode("utf-8").decode("gbk", "replace"))
        kept += sum(b.size for b in difflib.SequenceMatcher(None, got, p, autojunk=False).get_matching_blocks())
        total_chars += len(p)
    out["utf8-as-gbk lossy (characters restored)"] = round(kept / total_chars, 3)
    clean_edits = sum(len(tr.FixMojibake().run(path.read_text(encoding="utf-8")).edits) for path in SEEDS.glob("0*_*.txt"))
    out["edits on clean seeds"] = clean_edits
    return out


def conversion_table() -> dict[str, Any]:
    out = {}
    for key in ["000", "003"]:
        raw = next(SEEDS.glob(f"{key}_*.txt")).read_text(encoding="utf-8")
        gold = (SEEDS / f"{key}.gold.txt").read_text(encoding="utf-8").split("\n")
        got = tr.to_simplified(raw).split("\n")
        same = sum(1 for a, b in zip(got[1:], gold[1:]) if a == b)
        out[key] = {"lines_equal_gold": f"{same}/{len(gold) - 1}", "title_kept": gold[0] in got[0]}
    out["edits on simplified seeds"] = sum(len(tr.ToSimplified().run(next(SEEDS.glob(f"{k}_*.txt")).read_text(encoding="utf-8")).edits) for k in ["001", "002", "004"])
    return out


def despin_table() -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "tests"))
    import test_despin  # the scoring the tests use

    out = tr.Despin().run(test_despin.SPUN)
    precision, recall, wrong, missed = test_despin._score_against_gold(out.edits)
    return {"precision": round(precision, 3), "recall": round(recall, 3), "edits": len(out.edits), "spin_score_004": tr.spin_score(test_despin.SPUN), "missed": len(missed), "wrong": len(wrong)}


def boilerplate_table() -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "tests"))
    import test_boilerplate

    tp = fp = fn = 0
    for name, key in test_boilerplate.NAMES.items():
        text = next(SEEDS.glob(f"{key}_*.txt")).read_text(encoding="utf-8")
        out = tr.StripBoilerplate().run(text)
        removed, pieces = test_boilerplate._found(text, out.edits)
        gold = {int(r["line"]): r for r in test_boilerplate.GOLD if r["file"] == name}
        for line, r in gold.items():
            if r["label"] in ("promo", "farm_header"):
                ok = all((line, p) in pieces for p in r["inline_substring"].split("|") if p)
            else:
                ok = line in removed
            tp += ok
            fn += not ok
        fp += len([n for n in removed if n not in gold])
    return {"precision": round(tp / (tp + fp), 3), "recall": round(tp / (tp + fn), 3), "gold_lines": tp + fn}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results"))
    args = parser.parse_args(argv)
    sizes = [16, 64, 256, 1024] if args.quick else [16, 64, 256, 1024, 8192]
    result = {
        "decode": decode_table(sizes, 10 if args.quick else 60),
        "mojibake": mojibake_table(30 if args.quick else 200),
        "conversion": conversion_table(),
        "boilerplate": boilerplate_table(),
        "despin": despin_table(),
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "accuracy.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
