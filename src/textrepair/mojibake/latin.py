"""GBK, GB18030 or Big5 bytes that were read as Latin-1 or cp1252 (``ÄãºÃ`` for 你好).

>>> [e.after for e in _latin_edits("ÄãºÃ£¬ÊÀ½ç", "fix_mojibake")]
['你好，世界']
"""

from __future__ import annotations

import re

from ..chinese_score import plausibility
from ..edits import Edit
from .reading import _better, _kinds, _reinterpret

# Characters a GBK/Big5 byte string shows when read as Latin-1 or cp1252.
_L = r"\u00a1-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\u0080-\u009f"


# two or more of them, each after at most one ASCII letter/symbol (or NBSP), which they may end with;
# (a plain greedy loop: possessive quantifiers need Python 3.11, and the optional tail never backtracks)
_LATIN_RUN = re.compile(f"[{_L}](?:[{_L}]|[\x40-\x7e\u00a0][{_L}])+[\x40-\x7e\u00a0]?")


# cheap test for Latin-1/cp1252 mojibake of GBK/Big5: two such characters in a row (not —— or ……)
_LATIN_TRIGGER = re.compile(r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192][\u0080-\u00ff\u0152-\u2122]")


_GAP_MAX = 16


_GAP = re.compile(r"[\x20-\x7e]{0,%d}" % _GAP_MAX)


def _latin_edits(text: str, name: str) -> list[Edit]:
    """GBK/GB18030/Big5 bytes that were read as Latin-1 or cp1252.

    Runs separated only by short stretches of ASCII (which survive the misreading
    unchanged) are judged together as one damaged segment.
    """
    rows = _kinds().get("latin", [])
    edits: list[Edit] = []
    for group in _latin_groups(text):
        size = sum(e - s for s, e in group)
        first, last = group[0][0], group[-1][1]
        touches_latin = (first > 0 and text[first - 1].isascii() and text[first - 1].isalpha()) or (
            last < len(text) and text[last].isascii() and text[last].isalpha()
        )
        if size < 6 or (touches_latin and size < 12):
            continue  # too short to judge, or part of a Latin-script word: ftfy's business
        whole = text[first:last]
        for row in rows:
            if _reinterpret(whole, row["damaged_as"], "utf-8") is not None:
                continue  # valid UTF-8 underneath: Latin-script mojibake, not CJK
            found = _latin_readings(text, group, row)
            if found is None:
                continue
            before = "".join([f[2] for f in found])
            after = "".join([f[3] for f in found])
            if _better(before, after) and plausibility(after) > 0.85:
                rule = row["id"]
                edits += [Edit(s, e, span, cand, name, rule) for s, e, span, cand in found]
                break
    return edits


def _latin_groups(text: str) -> list[list[tuple[int, int]]]:
    """The (start, end) of the Latin runs, grouped when only a short ASCII gap parts them."""
    groups: list[list[tuple[int, int]]] = []
    last_end = -_GAP_MAX - 1
    for m in _LATIN_RUN.finditer(text):
        s, e = m.span()
        if s - last_end <= _GAP_MAX and _GAP.fullmatch(text, last_end, s):
            groups[-1].append((s, e))
        else:
            groups.append([(s, e)])
        last_end = e
    return groups


def _latin_readings(text: str, group: list[tuple[int, int]], row: dict[str, str]) -> list[tuple[int, int, str, str]] | None:
    """(start, end, before, after) for each run of ``group`` re-read with ``row``, or None when one has no reading.

    A run that does not decode may end one character early (a lead byte cut off).
    """
    wrong, true = row["damaged_as"], row["true"]
    found: list[tuple[int, int, str, str]] = []
    for s, e in group:
        for end in (e, e - 1):
            span = text[s:end]
            if len(group) == 1 and _reinterpret(span, wrong, "utf-8") is not None:
                continue  # valid UTF-8 underneath: Latin-script mojibake, not CJK
            cand = _reinterpret(span, wrong, true)
            if cand is not None:
                found.append((s, end, span, cand))
                break
        else:
            return None  # every run must read: the group is judged as a whole
    return found
