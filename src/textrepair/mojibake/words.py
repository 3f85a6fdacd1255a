"""GBK read as Big5 and Big5 read as GBK: judged by word evidence, not by characters.

Both damages show common characters, so character plausibility cannot see them; real
text is made of common two-character words and mojibake is not
(:func:`textrepair.chinese_score.word_evidence`). Only lines dense with rare characters
are looked at, whole first, then segment by segment, and a repair must be lossless.
"""

from __future__ import annotations

import re

from ..chinese_score import plausibility, rare_char_re, word_evidence
from ..edits import Edit
from .reading import _MIN_GAIN, _count_rare, _kinds, _rare_run_re, _rare_stretch_re, _reinterpret, _unreadable_with_replacement

# non-ASCII stretches joined across short ASCII gaps (which GBK and Big5 leave alone)
_SEGMENT = re.compile(r"[^\x00-\x7f\s]+(?:[\x20-\x7e]{1,16}[^\x00-\x7f\s]+)*")


_ASCII = re.compile(r"[\x00-\x7f]+")


_WORD_RARE_EVERY = 16  # a candidate segment has a rare character in every 16, at least


_WORD_MIN_PAIRS = 3  # adjacent Han pairs the repair must have to be judged at all


_WORD_MIN_KNOWN = 2  # of them common words, at least


_WORD_MIN_SHARE = 0.2  # share of the repair's pairs that are words


_WORD_MARGIN = 0.2  # share above the damaged text's


def _word_share(text: str) -> tuple[float, int, int]:
    known, pairs = word_evidence(text)
    return (known / pairs if pairs else 0.0), known, pairs


def _dense_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines where rare characters are frequent enough to look at.

    >>> _dense_lines("正常的一行\\n絞涴虳笱赽傖抇奀")
    [(6, 14)]
    """
    return _scan_rare(text)[1] or []


def _scan_rare(text: str, stop_at_run: bool = False) -> tuple[bool, list[tuple[int, int]] | None]:
    """(whether ``text`` has a run of two rare characters, its :func:`_dense_lines`).

    One pass over the lines that hold a rare character (a run never crosses a line);
    the text between them is skipped by the regex engine's fast search. With
    ``stop_at_run``, the pass stops at the first run and the dense lines are None (not known).

    >>> _scan_rare("正常的一行\\n絞涴虳笱赽傖抇奀")
    (True, [(6, 14)])
    """
    find_rare = rare_char_re().search
    has_run = False
    dense: list[tuple[int, int]] = []
    m = find_rare(text)
    while m is not None:
        pos = m.start()  # the line's first rare character
        lo = text.rfind("\n", 0, pos) + 1
        hi = text.find("\n", pos)
        hi = len(text) if hi < 0 else hi
        if not has_run:
            has_run = _rare_run_re().search(text, pos, hi) is not None
            if has_run and stop_at_run:
                return True, None
        n_rare = len("".join(_rare_stretch_re().findall(text, pos, hi)))
        if n_rare * _WORD_RARE_EVERY >= _non_ascii(text[lo:hi]):
            dense.append((lo, hi))
        m = find_rare(text, hi)
    return has_run, dense


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


def _word_repair(seg: str, rows: list[dict[str, str]]) -> tuple[str, str] | None:
    """(repair, rule id) for one segment by word evidence, or None; see :func:`_word_edits`."""
    if "\ufffd" in seg and all(_unreadable_with_replacement(row["damaged_as"], row["true"]) for row in rows):
        return None  # no row can re-read it (the cheap test, first)
    if _count_rare(seg) * _WORD_RARE_EVERY < _non_ascii(seg):
        return None  # both damages leave rare characters throughout; clean text has a few
    share = -1.0
    for row in rows:
        cand = _reinterpret(seg, row["damaged_as"], row["true"])
        if cand is None or _reinterpret(cand, row["true"], row["damaged_as"]) != seg:
            continue  # not this damage, or not losslessly (the cheap test, first)
        if share < 0:
            share = _word_share(seg)[0]
        if share > 1 - _WORD_MARGIN - _WORD_MIN_SHARE:
            return None  # reads as words already
        after, known, pairs = _word_share(cand)
        if pairs < _WORD_MIN_PAIRS or known < 1 or after <= share:
            continue
        p_before, p_after = plausibility(_ASCII.sub("", seg)), plausibility(_ASCII.sub("", cand))
        if p_after <= 0.5:
            continue
        # many more words; or fewer, but the characters themselves read far better too
        if (known >= _WORD_MIN_KNOWN and after >= max(_WORD_MIN_SHARE, share + _WORD_MARGIN)) or p_after - p_before >= _MIN_GAIN:
            return cand, row["id"]
    return None


def _word_edits(text: str, name: str, dense: list[tuple[int, int]] | None = None) -> list[Edit]:
    """Big5 read as GBK and GBK read as Big5: whole lines (else segments) judged by word evidence.

    Both damages show mostly common characters, so a line where rare characters are
    merely frequent is re-read with each two-byte row, as a whole (ASCII survives both
    codecs) and, failing that, segment by segment (non-ASCII stretches with short ASCII
    gaps). A repair stays only when it re-encodes to the same bytes (lossless), is
    plausible Chinese, and far more of its adjacent Han pairs are common words than before.

    ``dense``: the text's :func:`_dense_lines`, when already known.

    >>> [e.after for e in _word_edits("絞涴虳笱赽傖抇奀", "m")]
    ['当这些种子成熟时']
    """
    rows = [r for r in _kinds().get("cjk", []) if r["true"] != "utf-8" and r["damaged_as"] != "utf-8"]
    edits: list[Edit] = []
    for lo, hi in _dense_lines(text) if dense is None else dense:
        segments = list(_SEGMENT.finditer(text, lo, hi))
        if not segments:
            continue
        start, end = segments[0].start(), segments[-1].end()
        found = _word_repair(text[start:end], rows)
        if found is not None:
            edits.append(Edit(start, end, text[start:end], found[0], name, found[1]))
            continue
        line: list[Edit] = []
        for m in segments if len(segments) > 1 else []:
            found = _word_repair(m.group(), rows)
            if found is not None:
                line.append(Edit(m.start(), m.end(), m.group(), found[0], name, found[1]))
        if line:  # the line's damage is known now: its other segments need only not read worse
            row = next(r for r in rows if r["id"] == line[0].rule)
            done = {e.start for e in line}
            for m in segments:
                if m.start() not in done and (cand := _no_worse(m.group(), row)) is not None:
                    line.append(Edit(m.start(), m.end(), m.group(), cand, name, row["id"]))
            edits.extend(sorted(line, key=lambda e: e.start))
    return edits


def _no_worse(seg: str, row: dict[str, str]) -> str | None:
    """``seg`` re-read with ``row`` when that is lossless and reads no worse (words and characters)."""
    if "\ufffd" in seg and _unreadable_with_replacement(row["damaged_as"], row["true"]):
        return None  # cannot be re-read (the cheap test, first)
    if rare_char_re().search(seg) is None:
        return None
    cand = _reinterpret(seg, row["damaged_as"], row["true"])
    if cand is None or cand == seg or _reinterpret(cand, row["true"], row["damaged_as"]) != seg:
        return None
    if _word_share(cand)[0] < _word_share(seg)[0] or plausibility(_ASCII.sub("", cand)) <= max(0.5, plausibility(_ASCII.sub("", seg))):
        return None
    return cand
