"""Builds the spin substitution tables from the base pairs, seed 004's pairs and a phrase list.

    python benchmarks/tools/spin_dict_build.py

Writes ``src/textrepair/data/spin_seed.tsv`` (the pairs annotated in seed 004) and
``src/textrepair/data/spin_general.tsv`` (general spinner vocabulary: the base pairs in
``spin_base_pairs.txt`` plus the compounds a word-level spinner makes of them, taken from
pypinyin's phrase list: 人民 → 人平易近, 技术人员 → 手艺人员 …). A compound becomes a
``marker`` row only when its spun form is neither a known phrase nor found in the clean
fixture texts. The lexicon is jieba's word list (a build-time tool only: ``pip install
jieba``; textrepair does not depend on it). Also writes ``tests/fixtures/spin_examples.tsv``, a fixture sentence per
marker row. Run once by a developer; the outputs are committed data.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import jieba
import opencc

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "textrepair" / "data"
HAN = re.compile(r"^[\u4e00-\u9fff]+$")
PER_BASE = 25


def clean_corpus() -> str:
    t2s = opencc.OpenCC("t2s")
    parts = []
    for key in ["000", "001", "002", "003"]:
        for p in (ROOT / "fixtures" / "seeds").glob(f"{key}_*.txt"):
            parts.append(t2s.convert(p.read_text(encoding="utf-8")))
    for p in sorted((ROOT / "fixtures" / "peer" / "chardet" / "GB2312").iterdir()):
        parts.append(p.read_bytes().decode("gb18030", "replace"))
    for p in sorted((ROOT / "fixtures" / "peer" / "chardet" / "Big5").iterdir()):
        parts.append(t2s.convert(p.read_bytes().decode("cp950", "replace")))
    return "\n".join(parts)


def main() -> None:
    corpus = clean_corpus()
    freq: dict[str, int] = {}
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2 and HAN.match(parts[0]) and len(parts[0]) >= 2:
                freq[parts[0]] = int(parts[1])
    phrases = set(freq)
    containing: dict[str, list[str]] = {}
    for w in phrases:
        for i in range(len(w)):
            for j in range(i + 2, min(len(w), i + 4) + 1):
                if j - i < len(w):
                    containing.setdefault(w[i:j], []).append(w)

    def words_containing(form: str) -> list[str]:
        if len(form) == 1:
            found = [w for w in phrases if form in w]
        elif len(form) <= 4:
            found = containing.get(form, [])
        else:
            found = [w for w in containing.get(form[:4], []) if form in w]
        return sorted(set(found), key=lambda w: -freq[w])

    def occurs_clean(form: str) -> bool:
        """A word in its own right, or seen in clean text outside its longer words."""
        if form in phrases:
            return True
        stripped = corpus
        for w in words_containing(form):
            if w in stripped:
                stripped = stripped.replace(w, "")
        return form in stripped

    # seed 004 pairs
    seed_rows = []
    compounds_004 = {  # single-character swaps of 004, as the compounds the spinner produced there
        "标": [("项目标", "项目的", "项目标准,项目标的")],
        "敌": [("敌手艺", "对技术", "")],
        "和": [],
        "认": [],
        "跟": [],
        "默": [("核默", "核心", "")],
        "晤": [("会晤对", "会面对", "")],
        "逛": [],
        "垂": [],
        "脚": [],
    }
    n = 0
    with open(ROOT / "fixtures" / "seeds" / "004.pairs.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            spun, orig, count = row["spun"], row["original"], int(row["count"])
            if count == 0 or spun == orig:
                continue
            if spun == "取":  # a bare 与→取 swap: every ordinary 取 word is an exception
                n += 1
                exc = ",".join([w for w in words_containing("取") if len(w) == 2][:150])
                seed_rows.append((f"S{n:04d}", spun, orig, "context", "news", exc, f"004: {count}x"))
                continue
            if len(spun) == 1:
                for cs, co, exc in compounds_004.get(spun, []):
                    n += 1
                    seed_rows.append((f"S{n:04d}", cs, co, "marker", "news", exc, f"004: {spun}→{orig} inside {cs}"))
                continue
            cls = "context" if occurs_clean(spun) else "marker"
            exc = ",".join([w for w in words_containing(spun) if w != spun][: 200 if cls == "context" else 30])
            n += 1
            seed_rows.append((f"S{n:04d}", spun, orig, cls, "news", exc, f"004: {count}x"))
    seed_spun = {r[1] for r in seed_rows}

    general = []
    seen = set(seed_spun)
    base = []
    for line in (ROOT / "benchmarks" / "tools" / "spin_base_pairs.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        orig, spun, cls, domain = line.split("\t")
        base.append((orig, spun, cls, domain))
    g = 0
    for orig, spun, cls, domain in base:
        if spun in seen:
            continue
        seen.add(spun)
        if occurs_clean(spun):
            cls = "context"
        exc = [w for w in words_containing(spun) if w != spun][: 200 if cls == "context" else 30]
        g += 1
        general.append((f"G{g:04d}", spun, orig, cls, domain, ",".join(exc), "base pair"))
    # compounds: a word-level spinner applied to phrases that contain a base word
    for orig, spun, cls, domain in base:
        if len(orig) > 3 or cls != "marker" or occurs_clean(spun):
            continue  # only a marker stays a marker inside a compound
        made = 0
        candidates = containing.get(orig, []) if len(orig) >= 2 else [w for w in phrases if orig in w]
        for phrase in sorted((p for p in set(candidates) if p != orig and 2 <= len(p) <= 5), key=lambda p: -freq[p]):
            spun_phrase = phrase.replace(orig, spun, 1)
            if spun_phrase in seen or spun_phrase == phrase or occurs_clean(spun_phrase):
                continue
            seen.add(spun_phrase)
            g += 1
            exc = ",".join(words_containing(spun_phrase)[:20])
            general.append((f"G{g:04d}", spun_phrase, phrase, "marker", domain, exc, f"compound of {orig}→{spun}"))
            made += 1
            if made >= PER_BASE:
                break

    header = ["id", "spun", "original", "class", "domain", "exceptions", "note"]
    for name, rows, comment in [
        ("spin_seed", seed_rows, "Pairs annotated in seed 004 (fixtures/seeds/004.pairs.tsv), classified by benchmarks/tools/spin_dict_build.py."),
        ("spin_general", general, "General spinner vocabulary: base pairs (benchmarks/tools/spin_base_pairs.txt) and their compounds, built by benchmarks/tools/spin_dict_build.py."),
    ]:
        with open(DATA / f"{name}.tsv", "w", encoding="utf-8") as fh:
            fh.write(f"# {comment}\n")
            fh.write("\t".join(header) + "\n")
            for r in rows:
                fh.write("\t".join(r) + "\n")
    # one fixture sentence per marker row
    sentences = [s for s in re.split(r"(?<=[。！？])", corpus) if 8 <= len(s) <= 80 and not re.search(r"[\n\r\t&<>\"]", s)]
    out = ROOT / "tests" / "fixtures" / "spin_examples.tsv"
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("id\tspun_sentence\toriginal_sentence\n")
        for r in seed_rows + general:
            if r[3] != "marker":
                continue
            rid, spun, orig = r[0], r[1], r[2]
            found = next((s for s in sentences if orig in s), None)
            original_sentence = found.strip() if found else f"报道指出，{orig}是这次讨论的重点之一。"
            fh.write(f"{rid}\t{original_sentence.replace(orig, spun, 1)}\t{original_sentence}\n")
    print(f"seed rows {len(seed_rows)}, general rows {len(general)} "
          f"(markers {sum(1 for r in general if r[3] == 'marker')}, context {sum(1 for r in general if r[3] == 'context')})")


if __name__ == "__main__":
    main()
