"""How plausible a piece of text is as Chinese: the evidence ``decode`` and ``fix_mojibake`` share.

The common characters come from the codecs themselves: GB2312's level-1 block
(bytes B0A1–D7FE) holds the 3,755 most frequent simplified characters, and Big5's
"frequently used" block (A440–C67E) the 5,401 most frequent traditional ones. Text
made of them scores high; rare Han characters, private-use, replacement and control
characters, and Latin-1 accents or Hangul mixed into Han text score low.

Character frequency cannot tell GBK bytes read as Big5 from real traditional text
(both are common characters); word evidence can: real text is made of words, so many
of its adjacent Han pairs are common two-character words (``data/word_pairs.txt``,
simplified and traditional), while mojibake's pairs almost never are
(:func:`word_evidence`).

>>> plausibility("你好，世界") > plausibility("浣犲ソ锛屼笘鐣")
True
>>> word_evidence("发展中国家"), word_evidence("鍙戝睍涓浗")
((3, 4), (0, 4))
"""

from __future__ import annotations

import functools
import operator
import re
from importlib import resources

__all__ = ["common_han", "common_words", "plausibility", "plausibility_sans_ascii", "word_evidence", "rare_han_run_re", "rare_char_re", "char_weights"]


@functools.lru_cache(maxsize=1)
def common_han() -> frozenset[str]:
    """The frequent simplified (GB2312 level 1) and traditional (Big5 level 1) characters."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for lead in range(0xA4, 0xC7):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            if (lead, trail) > (0xC6, 0x7E):
                continue
            try:
                chars.add(bytes([lead, trail]).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


_CJK_PUNCT = set("，。、；：？！“”‘’（）《》〈〉【】「」『』…—·％＃＠＆～　")


@functools.lru_cache(maxsize=1)
def char_weights() -> dict[str, float]:
    """Per-character evidence for the common cases (others are classified on the fly)."""
    w = {ch: 1.0 for ch in common_han()}
    for ch in _CJK_PUNCT:
        w[ch] = 0.6
    return w


def _weight(ch: str, table: dict[str, float]) -> float:
    v = table.get(ch)
    if v is not None:
        return v
    o = ord(ch)
    if o < 0x80:
        if ch.isprintable() or ch in "\n\t\r":
            return 0.0
        return -3.0
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
        return -0.6  # a rare Han character
    if 0x20000 <= o <= 0x3134F:
        return -1.5
    if o == 0xFFFD or 0xE000 <= o <= 0xF8FF or 0xF0000 <= o or (0xD800 <= o <= 0xDFFF):
        return -4.0
    if 0x80 <= o <= 0x9F:
        return -4.0
    if 0xA0 <= o <= 0x24F:
        return -1.2  # Latin-1 / Latin Extended letters among Han
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
        return -1.5  # Hangul
    if 0x3040 <= o <= 0x30FF:
        return -0.8  # kana
    if 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF:
        return 0.3
    if 0x2000 <= o <= 0x206F:
        return 0.0
    return -0.8


def plausibility(text: str) -> float:
    """Mean evidence per non-space character, about -4 (garbage) to 1 (common Chinese).

    Each character of the Basic Multilingual Plane is mapped to its class of evidence by
    one ``str.translate`` and the classes are counted in C; text with characters beyond
    it takes the character loop.

    >>> round(plausibility("中国人"), 2)
    1.0
    """
    classes = text.translate(_class_list())
    if not classes.isascii():  # a character beyond the BMP, which the table leaves as it is
        return _plausibility_by_char(text)
    n = len(classes)
    return _weighted_sum(classes) / n if n else 0.0


@functools.lru_cache(maxsize=1)
def _class_list() -> list[str | None]:
    """:func:`_class_table` as a list indexed by code point (a faster ``str.translate`` table)."""
    table = _class_table()[0]
    return [table[o] for o in range(0x10000)]




@functools.lru_cache(maxsize=1)
def _class_table() -> tuple[dict[int, str | None], tuple[tuple[str, float], ...]]:
    """``str.translate`` table from each BMP character to a letter for its weight (space: deleted)."""
    table = char_weights()
    letters: dict[float, str] = {}
    out: dict[int, str | None] = {}
    for o in range(0x10000):
        ch = chr(o)
        if ch.isspace():
            out[o] = None
            continue
        w = _weight(ch, table)
        out[o] = letters.setdefault(w, chr(ord("a") + len(letters)))
    return out, tuple((c, w) for w, c in letters.items() if w)


def plausibility_sans_ascii(text: str) -> float:
    """:func:`plausibility` of ``text`` without its ASCII characters (of ``text`` itself when it is all ASCII).

    One ``str.translate`` that also deletes ASCII, then the same counts and the same
    arithmetic as :func:`plausibility`, so the same float.

    >>> plausibility_sans_ascii("AI 的发展") == plausibility("的发展")
    True
    """
    if text.isascii():
        return plausibility(text)
    classes = text.translate(_sans_ascii_table())
    if not classes.isascii():  # a character beyond the BMP, which the table leaves as it is
        return _plausibility_by_char(_ASCII_RUN.sub("", text))
    n = len(classes)
    return _weighted_sum(classes) / n if n else 0.0


def _weighted_sum(classes: str) -> float:
    """``sum(classes.count(c) * w for c, w in weights)``: the same terms in the same order, iterated in C."""
    letters, weights = _letters_and_weights()
    return sum(map(operator.mul, map(classes.count, letters), weights))


@functools.lru_cache(maxsize=1)
def _letters_and_weights() -> tuple[tuple[str, ...], tuple[float, ...]]:
    pairs = _class_table()[1]
    return tuple(c for c, _ in pairs), tuple(w for _, w in pairs)


_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


@functools.lru_cache(maxsize=1)
def _sans_ascii_table() -> list[str | None]:
    """:func:`_class_list` with ASCII deleted too."""
    return [None] * 0x80 + _class_list()[0x80:]


def _plausibility_by_char(text: str) -> float:
    table = char_weights()
    total = 0.0
    n = 0
    for ch in text:
        if ch.isspace():
            continue
        total += _weight(ch, table)
        n += 1
    return total / n if n else 0.0


@functools.lru_cache(maxsize=1)
def rare_han_run_re() -> re.Pattern[str]:
    """Runs of two or more characters outside ASCII, the common Han set and CJK punctuation."""
    common = "".join(sorted(common_han() | _CJK_PUNCT))
    return re.compile("[^\\x00-\\x7f\\s" + re.escape(common) + "]{2,}")


@functools.lru_cache(maxsize=1)
def rare_char_re() -> re.Pattern[str]:
    """One character outside ASCII, white space, the common Han set and CJK punctuation."""
    return re.compile(rare_han_run_re().pattern[: -len("{2,}")])


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The common two-character words, simplified and traditional (``data/word_pairs.txt``).

    >>> "发展" in common_words() and "發展" in common_words()
    True
    """
    text = (resources.files("textrepair") / "data" / "word_pairs.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.split("\n") if not line.startswith("#") for w in line.split())


_HAN_PAIR_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")


def word_evidence(text: str) -> tuple[int, int]:
    """(known, pairs): how many of the adjacent Han character pairs are common words, of how many.

    >>> word_evidence("我们的国家")
    (2, 4)
    """
    words = common_words()
    known = pairs = 0
    for m in _HAN_PAIR_RUN.finditer(text):
        run = m.group()
        pairs += len(run) - 1
        known += sum(map(words.__contains__, map(str.__add__, run, run[1:])))
    return known, pairs
