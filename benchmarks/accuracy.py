"""One table of the accuracy figures the issues define, measured side by side with peers.

    python -m benchmarks.accuracy [--quick]

Decode accuracy by encoding and size against chardet and charset-normalizer (the test
set is built from the fixture paragraphs: samples of 16 … 8192 bytes in each encoding,
characters an encoding cannot hold left out); mojibake repair against ftfy; conversion
of seeds 000/003 against gold; boilerplate precision/recall against the seeds' labels;
despin precision/recall on seed 004 and false edits on clean text. Writes
``accuracy.json`` (with the "machine" key) and ``accuracy.md`` (the machine line first).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

import textrepair as tr

from . import machine

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
    by_encoding: dict[str, dict[str, dict[str, float]]] = {}
    for name, fn in peers.items():
        right: dict[int, list[int]] = {}
        cells: dict[tuple[str, int], list[int]] = {}
        start = time.perf_counter()
        for size, enc, text, raw in samples:
            ok = int(fn(raw) == text)
            right.setdefault(size, []).append(ok)
            cells.setdefault((enc, size), []).append(ok)
        speed[name] = round(sum(len(s[3]) for s in samples) / (time.perf_counter() - start) / 1e6, 2)
        table[name] = {str(size): round(sum(v) / len(v), 4) for size, v in right.items()}
        for (enc, size), v in cells.items():
            by_encoding.setdefault(enc, {}).setdefault(name, {})[str(size)] = round(sum(v) / len(v), 4)
    return {"accuracy_by_size": table, "accuracy_by_encoding": by_encoding, "mb_s": speed, "samples": len(samples)}


MOJIBAKE_KINDS = {
    "utf8-as-gbk": ("utf-8", "gb18030"),
    "gbk-as-latin1": ("gbk", "latin-1"),
    "gbk-as-cp1252": ("gbk", "cp1252"),
    "big5-as-gbk": ("big5", "gbk"),
    "gbk-as-big5": ("gbk", "big5"),
}
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE = re.compile(r"[^，、：。！？；,:!?;\n]+[，、：。！？；,:!?;]?")


def _lossless(text: str, true: str, wrong: str) -> str | None:
    """``text`` damaged (its ``true`` bytes read as ``wrong``) when that round-trips, else None."""
    try:
        damaged = text.encode(true).decode(wrong)
        return damaged if damaged != text and damaged.encode(wrong).decode(true) == text else None
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def _source_paragraphs(true: str) -> list[str]:
    """Fixture paragraphs to damage: the seeds, and for Big5 the chardet Big5 feeds' texts too."""
    paras = _paragraphs()
    if true == "big5":
        for path in sorted((ROOT / "fixtures" / "peer" / "chardet" / "Big5").iterdir()):
            paras += [p for p in path.read_bytes().decode("big5hkscs", "replace").split("\n") if len(p) > 30 and "\ufffd" not in p]
    return paras


def _cross_pieces(para: str, true: str, wrong: str) -> list[str]:
    """Lossless pieces of a paragraph for the GBK<->Big5 kinds, whose damage rarely round-trips.

    A sentence when its damage round-trips, else its clauses that do, else the longest
    stretches of a clause made of characters that survive; every piece has >= 8
    characters, >= 6 of them Han.
    """
    out = []
    for sentence in _SENTENCE.findall(para):
        if len(sentence.strip()) >= 8 and len(_HAN.findall(sentence)) >= 6 and _lossless(sentence.strip(), true, wrong):
            out.append(sentence.strip())
            continue
        for clause in _CLAUSE.findall(sentence):
            clause = clause.strip()
            if len(clause) >= 8 and len(_HAN.findall(clause)) >= 6 and _lossless(clause, true, wrong):
                out.append(clause)
                continue
            kept = "".join(ch if _lossless(ch, true, wrong) or (ch.isascii() and ch.isprintable()) else "\n" for ch in clause)
            out += [p.strip() for p in kept.split("\n") if len(p.strip()) >= 8 and len(_HAN.findall(p)) >= 6 and _lossless(p.strip(), true, wrong)]
    return out


def mojibake_samples(kind: str, n: int, seed: int = 1) -> list[tuple[str, str]]:
    """Up to ``n`` lossless (clean, damaged) pairs of one damage kind, built from fixture paragraphs.

    UTF-8/Latin kinds: paragraph openings of 30, 80 or 160 characters, sentences and clauses; GBK<->Big5
    kinds: sentences, clauses or clause stretches (see :func:`_cross_pieces`). Each
    piece once, in a shuffled order; only pieces whose damage re-encodes to the
    original bytes are kept.
    """
    true, wrong = MOJIBAKE_KINDS[kind]
    rng = random.Random(seed)
    paras = _source_paragraphs(true)
    if true == "big5" or wrong == "big5":
        pieces = sorted({piece for p in paras for piece in _cross_pieces(p, true, wrong)})
    else:
        openings = {p[:cut] for p in paras for cut in (30, 80, 160)}
        sentences = {t.strip() for p in paras for t in _SENTENCE.findall(p) if len(_HAN.findall(t)) >= 6}
        clauses = {t.strip() for p in paras for t in _CLAUSE.findall(p) if len(_HAN.findall(t)) >= 6}
        pieces = sorted(openings | sentences | clauses)
    rng.shuffle(pieces)
    out: list[tuple[str, str]] = []
    for p in pieces:
        damaged = _lossless(p, true, wrong)
        if damaged is not None:
            out.append((p, damaged))
            if len(out) >= n:
                break
    return out


def clean_pieces() -> list[str]:
    """Clean text that ``fix_mojibake`` must leave alone: fixture paragraphs, sentences and clauses.

    The seeds, the chardet Big5 and GB2312 feeds' texts, and the simplified seeds in
    OpenCC's traditional (s2t) and Taiwan (s2tw) forms: short real pieces are where word
    evidence is thinnest.
    """
    import opencc

    paras = _source_paragraphs("big5")
    for path in sorted((ROOT / "fixtures" / "peer" / "chardet" / "GB2312").iterdir()):
        paras += [p for p in path.read_bytes().decode("gb18030", "replace").split("\n") if len(p) > 30 and "\ufffd" not in p]
    for config in ("s2t", "s2tw"):
        converter = opencc.OpenCC(config)
        paras += [converter.convert(p) for p in _paragraphs()]
    pieces = set(paras)
    for p in paras:
        pieces |= {t.strip() for t in _SENTENCE.findall(p) + _CLAUSE.findall(p) if len(_HAN.findall(t)) >= 4}
    return sorted(pieces)


def mojibake_table(n: int) -> dict[str, Any]:
    import difflib

    import ftfy

    rng = random.Random(1)
    paras = [p for p in _paragraphs()]
    out: dict[str, Any] = {}
    for kind in MOJIBAKE_KINDS:
        samples = mojibake_samples(kind, n)
        ours = sum(tr.fix_mojibake(damaged) == p for p, damaged in samples)
        theirs = sum(ftfy.fix_encoding(damaged) == p for p, damaged in samples)
        out[kind] = {"samples": len(samples), "textrepair": round(ours / max(1, len(samples)), 3), "ftfy": round(theirs / max(1, len(samples)), 3)}
    kept = total_chars = 0
    for _ in range(n):
        p = rng.choice(paras)[:120]
        got = tr.fix_mojibake(p.encode("utf-8").decode("gbk", "replace"))
        kept += sum(b.size for b in difflib.SequenceMatcher(None, got, p, autojunk=False).get_matching_blocks())
        total_chars += len(p)
    out["utf8-as-gbk lossy (characters restored)"] = round(kept / total_chars, 3)
    clean_edits = sum(len(tr.FixMojibake().run(path.read_text(encoding="utf-8")).edits) for path in SEEDS.glob("0*_*.txt"))
    out["edits on clean seeds"] = clean_edits
    pieces = clean_pieces()
    out["edits on clean pieces"] = {"pieces": len(pieces), "edits": sum(len(tr.FixMojibake().run(p).edits) for p in pieces)}
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


def _percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def to_markdown(result: dict[str, Any]) -> str:
    """The accuracy result as Markdown: the machine line, then one table per section."""
    lines = [machine.line(result.get("machine")), ""]
    decode = result["decode"]
    sizes = list(next(iter(decode["accuracy_by_size"].values())))
    lines += [
        f"## Decode: share of samples decoded to the exact text ({decode['samples']} samples, {len(ENCODINGS)} encodings)",
        "",
        "| decoder | " + " | ".join(f"{size} B" for size in sizes) + " | MB/s | MB/s ratio to charset_normalizer |",
        "| --- | " + " | ".join("---:" for _ in sizes) + " | ---: | ---: |",
    ]
    base = decode["mb_s"].get("charset_normalizer")
    for name, by_size in decode["accuracy_by_size"].items():
        ratio = f"{decode['mb_s'][name] / base:.2f}" if base else ""
        lines.append(f"| {name} | " + " | ".join(_percent(by_size[size]) for size in sizes) + f" | {decode['mb_s'][name]} | {ratio} |")
    if decode.get("accuracy_by_encoding"):
        lines += ["", "By encoding (encoding x size x tool):", "", "| encoding | decoder | " + " | ".join(f"{size} B" for size in sizes) + " |",
                  "| --- | --- | " + " | ".join("---:" for _ in sizes) + " |"]
        for enc, by_tool in decode["accuracy_by_encoding"].items():
            for name, by_size in by_tool.items():
                lines.append(f"| {enc} | {name} | " + " | ".join(_percent(by_size[size]) if size in by_size else "" for size in sizes) + " |")
    mojibake = result["mojibake"]
    lines += [
        "",
        "## Mojibake: share of lossless damaged samples repaired to the exact text",
        "",
        "| damage | samples | textrepair | ftfy |",
        "| --- | ---: | ---: | ---: |",
    ]
    for kind in MOJIBAKE_KINDS:
        row = mojibake[kind]
        lines.append(f"| {kind} | {row['samples']} | {_percent(row['textrepair'])} | {_percent(row['ftfy'])} |")
    pieces = mojibake["edits on clean pieces"]
    lines += [
        "",
        f"Lossy utf8-as-gbk (characters restored): {_percent(mojibake['utf8-as-gbk lossy (characters restored)'])}. "
        f"Edits on clean seeds: {mojibake['edits on clean seeds']}; on {pieces['pieces']} clean pieces: {pieces['edits']}.",
    ]
    conversion = result["conversion"]
    lines += ["", "## Conversion to simplified against gold", "", "| seed | body lines equal to gold | title kept |", "| --- | ---: | --- |"]
    for key, row in conversion.items():
        if isinstance(row, dict):
            lines.append(f"| {key} | {row['lines_equal_gold']} | {row['title_kept']} |")
    lines += ["", f"Edits on the simplified seeds (001, 002, 004): {conversion['edits on simplified seeds']}."]
    boiler, spin = result["boilerplate"], result["despin"]
    lines += [
        "",
        "## Boilerplate and despin",
        "",
        "| pass | precision | recall | details |",
        "| --- | ---: | ---: | --- |",
        f"| strip_boilerplate (seed labels) | {boiler['precision']} | {boiler['recall']} | {boiler['gold_lines']} gold lines |",
        f"| despin (seed 004) | {spin['precision']} | {spin['recall']} | {spin['edits']} edits, {spin['wrong']} wrong, {spin['missed']} missed; spin score {spin['spin_score_004']} |",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Measure every section, write ``accuracy.json|md`` to ``--out``, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results"))
    args = parser.parse_args(argv)
    sizes = [16, 64, 256, 1024] if args.quick else [16, 64, 256, 1024, 8192]
    result = {
        "machine": machine.info(),
        "decode": decode_table(sizes, 10 if args.quick else 60),
        "mojibake": mojibake_table(30 if args.quick else 200),
        "conversion": conversion_table(),
        "boilerplate": boilerplate_table(),
        "despin": despin_table(),
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "accuracy.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    (out / "accuracy.md").write_text(to_markdown(result))
    print(to_markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
