"""Builds ``src/textrepair/data/word_pairs.txt``: the common two-character words, simplified and traditional.

    python benchmarks/tools/word_pairs_build.py

The words are jieba's word list (``dict.txt``: word, frequency, tag; a build-time tool
only: ``pip install jieba``; textrepair does not depend on it): the ``TOP`` most frequent
words of exactly two Han characters, each also in its OpenCC traditional forms (s2t,
s2tw, s2hk). ``chinese_score.word_score`` uses them as bigram evidence: real text is
made of words, mojibake (GBK read as Big5, Big5 read as GBK …) is not. The output is
committed data; run this once when the word list should change.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import jieba
import opencc

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "textrepair" / "data" / "word_pairs.txt"
TOP = int(os.environ.get("WORD_PAIRS_TOP", 15000))
TOP_LONG = int(os.environ.get("WORD_PAIRS_TOP_LONG", 5000))
PER_LINE = 32
HAN2 = re.compile(r"^[\u4e00-\u9fff]{2}$")
HAN34 = re.compile(r"^[\u4e00-\u9fff]{3,4}$")


def common_words(top: int = TOP, top_long: int = TOP_LONG) -> list[str]:
    """The ``top`` most frequent two-character Han words of jieba's list, most frequent first,
    then the adjacent pairs inside its ``top_long`` most frequent words of three or four (巴基斯坦 → 巴基 基斯 斯坦)."""
    two, long = [], []
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and HAN2.match(parts[0]):
                two.append((-int(parts[1]), parts[0]))
            elif len(parts) >= 2 and HAN34.match(parts[0]):
                long.append((-int(parts[1]), parts[0]))
    words = [w for _, w in sorted(two)[:top]]
    words += [w[i : i + 2] for _, w in sorted(long)[:top_long] for i in range(len(w) - 1)]
    return list(dict.fromkeys(words))


def with_traditional(words: list[str]) -> list[str]:
    """The words and their traditional forms (two characters only), first occurrence order."""
    converters = [opencc.OpenCC(c) for c in ("s2t", "s2tw", "s2hk")]
    seen: dict[str, None] = {}
    for w in words:
        seen.setdefault(w)
        for c in converters:
            t = c.convert(w)
            if HAN2.match(t):
                seen.setdefault(t)
    return list(seen)


def main() -> None:
    words = with_traditional(common_words())
    head = [
        f"# Common two-character words (jieba dict.txt: the {TOP} most frequent, and the pairs inside "
        f"the {TOP_LONG} most frequent of three or four characters; with OpenCC s2t/s2tw/s2hk forms): {len(words)} words.",
        "# Built by benchmarks/tools/word_pairs_build.py; space-separated, order carries no meaning.",
    ]
    lines = [" ".join(words[i : i + PER_LINE]) for i in range(0, len(words), PER_LINE)]
    OUT.write_text("\n".join(head + lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(words)} words, {OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
