"""Reading a span back through the codecs, and the test every repair must pass.

The kinds of damage are the rows of ``data/mojibake.tsv``; a span is re-encoded with
the codec it was wrongly decoded with and decoded with the true one
(:func:`_reinterpret`); the repair is kept only when it reads as clearly more plausible
Chinese (:func:`_better`).

>>> _reinterpret("鍙戝竷", "gbk", "utf-8")
'发布'
"""

from __future__ import annotations

import functools
import re

from ..chinese_score import plausibility_sans_ascii, rare_char_re
from ..lexicon import load_table

_MIN_GAIN = 0.6


@functools.lru_cache(maxsize=1)
def _rare_stretch_re() -> re.Pattern[str]:
    """Maximal stretches of rare characters (see :func:`rare_char_re`), one match each.

    Written ``[c][c]*`` rather than ``[c]+`` so that the regex engine scans for the
    first character with its fast character-set search (clean text stays fast), while
    mojibake, dense with rare characters, costs one match per stretch, not per character.
    Stretches never cross a line: white space is not rare.
    """
    one = rare_char_re().pattern
    return re.compile(one + one + "*")


@functools.lru_cache(maxsize=1)
def _rare_run_re() -> re.Pattern[str]:
    """Runs of two or more rare characters: :func:`rare_han_run_re`, spelled for the fast scan."""
    one = rare_char_re().pattern
    return re.compile(one + one + "+")


def _count_rare(text: str) -> int:
    """How many characters of ``text`` are rare (``len(rare_char_re().findall(text))``)."""
    return len("".join(_rare_stretch_re().findall(text)))


@functools.lru_cache(maxsize=1)
def _kinds() -> dict[str, list[dict[str, str]]]:
    by_span: dict[str, list[dict[str, str]]] = {}
    for row in load_table("mojibake"):
        by_span.setdefault(row["span"], []).append(row)
    return by_span


def _reinterpret(span: str, wrong: str, true: str) -> str | None:
    try:
        return span.encode(wrong).decode(true)
    except (UnicodeEncodeError, UnicodeDecodeError, LookupError):
        return None


def _better(before: str, after: str, p_before: float | None = None, p_after: float | None = None) -> bool:
    """``after`` reads as clearly more plausible Chinese than ``before`` (ASCII, which both share, aside).

    ``p_before``, ``p_after``: their :func:`plausibility_sans_ascii`, when already known.

    >>> _better("鐨刦o", "的fo")
    True
    """
    if not after or after == before:
        return False
    if p_after is None:
        p_after = plausibility_sans_ascii(after)
    if p_after <= 0.5:
        return False  # the cheap half of the test first
    if p_before is None:
        p_before = plausibility_sans_ascii(before)
    return p_after - p_before >= _MIN_GAIN


@functools.lru_cache(maxsize=None)
def _unreadable_with_replacement(wrong: str, true: str) -> bool:
    """Whether no text holding U+FFFD can be re-read from ``wrong`` as ``true``, whatever surrounds it.

    So when ``wrong`` cannot encode U+FFFD (GBK, Big5), or when ``true`` is UTF-8 and
    U+FFFD's bytes hold an ASCII byte followed by a continuation byte (GB18030:
    84 31 A4 37), which UTF-8 never accepts.
    """
    try:
        raw = "\ufffd".encode(wrong)
    except (UnicodeEncodeError, LookupError):
        return True
    return true == "utf-8" and any(a < 0x80 and 0x80 <= b < 0xC0 for a, b in zip(raw, raw[1:]))
