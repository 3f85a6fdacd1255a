"""CJK mojibake in runs of rare Han characters: UTF-8 (or Big5, GBK) read with the wrong CJK codec.

A run is repaired in the smallest window that reads clearly better; a lossy run
(``锟斤拷``, U+FFFD) is repaired as far as it can be and its losses reported; a repair on
a line is evidence for the line's other short runs with the same damage.

>>> [e.after for e in _cjk_edits("新品鍙戝竷", "fix_mojibake", {})]
['发布']
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from ..chinese_score import plausibility_sans_ascii
from ..edits import Edit
from .reading import _better, _count_rare, _kinds, _rare_run_re, _rare_stretch_re, _reinterpret
from .words import _no_worse

_LOSSY = "锟斤拷"


_LOSS = re.compile(f"{_LOSSY}|\ufffd+")  # one loss: 锟斤拷, or a run of U+FFFD


_REPLACEMENTS = re.compile("\ufffd+")


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


_HAN_STRETCH = re.compile(_HAN.pattern + _HAN.pattern + "*")  # see _rare_stretch_re


_CJK_CLASS = (
    r"[\u00a1-\u00ff\u0100-\u01dc\u0391-\u03c9\u0401-\u0451\u2010-\u2312\u2460-\u2642\u3000-\u33ff"
    r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe6f\uff00-\uffef\ue000-\uf8ff\ufffd]"
)


_CJK_RUN = re.compile(_CJK_CLASS + "{2,}")


_CJK_TAIL = re.compile(_CJK_CLASS + "*")


# the same run read backwards: the text before a position, reversed, matched from its start
_CJK_HEAD = re.compile(_CJK_CLASS + "*")


def _suspicious_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the CJK-class runs around each run of rare characters, disjoint, in order.

    The runs of rare characters are taken in order; those starting inside the last
    suspicious run are skipped by searching on from its end.
    """
    runs: list[tuple[int, int]] = []
    search = _rare_run_re().search
    r = search(text)
    while r is not None:
        p = r.start()
        after = r.end()
        end = _CJK_TAIL.match(text, p).end()  # type: ignore[union-attr]
        if end > p:
            start = p - _head_length(text, p)
            if end - start >= 2:
                runs.append((start, end))
                after = max(after, end)
        r = search(text, after)
    return runs


def _head_length(text: str, p: int) -> int:
    """How many CJK-class characters come right before ``p``, at most 400.

    Read backwards with :data:`_CJK_HEAD` on the reversed text; a short stretch is
    reversed first, the whole 400 only when the run reaches back beyond it.
    """
    lo = max(0, p - 32)
    n = _CJK_HEAD.match(text[lo:p][::-1]).end()  # type: ignore[union-attr]
    if n == p - lo and lo > 0:
        n = _CJK_HEAD.match(text[max(0, p - 400) : p][::-1]).end()  # type: ignore[union-attr]
    return n


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The candidate windows of a suspicious run, in the order they are tried, each once.

    The run itself, the run and one character more, and the stretch from its first to
    its last run of rare characters widened by up to two characters on each side.
    """
    rare_spans = [r.span() for r in _rare_run_re().finditer(text, start, end)]
    if not rare_spans:
        return []
    lo, hi = rare_spans[0][0], rare_spans[-1][1]
    windows = [(start, end), (start, min(len(text), end + 1))]
    windows += [(max(start, lo - k), min(end, hi + j)) for k in (0, 1, 2) for j in (0, 1, 2)]
    return list(dict.fromkeys(windows))  # a window that failed once fails again


def _count_han(text: str) -> int:
    """How many characters of ``text`` are Han (``len(_HAN.findall(text))``)."""
    return len("".join(_HAN_STRETCH.findall(text)))


def _cjk_edits(text: str, name: str, report: dict[str, Any]) -> list[Edit]:
    """Spans of rare Han characters that are UTF-8 read as GBK, Big5 read as GBK, …"""
    rows = _kinds().get("cjk", [])
    edits: list[Edit] = []
    unrecovered = 0
    for start, end in _suspicious_runs(text):
        span = text[start:end]
        if _LOSSY in span or "\ufffd" in span:
            fixed, lost = _repair_lossy(span)
            recovered = "" if fixed is None else fixed.replace("\ufffd", "")
            # judge by what could be recovered: the losses are known and reported
            if recovered and _better(span.replace("\ufffd", "").replace(_LOSSY, ""), recovered):
                edits.append(Edit(start, end, span, fixed, name, "M-LOSSY"))
                unrecovered += lost
            continue
        n_rare = _count_rare(span)
        if n_rare < 0.3 * len(span):
            continue  # clean text with a few rare characters: mojibake is dense with them
        found = _cjk_window_repair(text, start, end, rows, n_rare)
        if found is not None:
            edits.append(Edit(found[0], found[1], text[found[0] : found[1]], found[2], name, found[3]))
    if unrecovered:
        report["mojibake_unrecovered"] = unrecovered
    more = _followups(text, edits, name)
    return sorted(edits + more, key=lambda e: e.start) if more else edits  # the runs come in order


def _cjk_window_repair(text: str, start: int, end: int, rows: list[dict[str, str]], n_rare: int) -> tuple[int, int, str, str] | None:
    """(start, end, repair, rule id) of the first row, then window (:func:`_windows`), whose re-reading reads better.

    ``n_rare``: the number of rare characters in ``text[start:end]``. Fast path first:
    the whole run re-read with the first row, which is how most damaged runs are repaired.
    """
    if _rare_run_re().search(text, start, end) is None:
        return None  # no window at all
    piece, row = text[start:end], rows[0]
    half = 0.5 * len(piece)
    if len(piece) >= _min_length(row) and n_rare >= half and _count_han(piece) >= half:
        cand = _reinterpret(piece, row["damaged_as"], row["true"])
        if cand is not None and _better(piece, cand):
            return start, end, cand, row["id"]
    judge = _WindowJudge(text, {(start, end): n_rare})
    windows = _windows(text, start, end)
    for i, row in enumerate(rows):
        found = judge.try_row(row, windows[1:] if i == 0 else windows)  # the first row's first window failed above
        if found is not None:
            return found
    return None


def _min_length(row: dict[str, str]) -> int:
    """The shortest window a row is tried on: two-byte damage needs more evidence than UTF-8's."""
    return 4 if row["true"] != "utf-8" else 3


class _WindowJudge:
    """Tries rows on the windows of one text; each window's counts and plausibility computed once.

    A window is judged only when at least half of it is rare characters and half Han.
    """

    def __init__(self, text: str, n_rare: dict[tuple[int, int], int]) -> None:
        self.text = text
        self.n_rare = n_rare
        self.eligible: dict[tuple[int, int], bool] = {}
        self.p_before: dict[tuple[int, int], float] = {}

    def try_row(self, row: dict[str, str], windows: list[tuple[int, int]]) -> tuple[int, int, str, str] | None:
        """(start, end, repair, rule id) for the first of ``windows`` that ``row`` repairs, or None."""
        min_len = _min_length(row)
        for s, e in windows:
            piece = self.text[s:e]
            if len(piece) < min_len or not self._eligible(s, e, piece):
                continue
            cand = _reinterpret(piece, row["damaged_as"], row["true"])
            if not cand or cand == piece:
                continue
            p_after = plausibility_sans_ascii(cand)
            if p_after <= 0.5:
                continue  # not better, whatever the piece reads like
            p = self.p_before.get((s, e))
            if p is None:
                p = self.p_before[(s, e)] = plausibility_sans_ascii(piece)
            if _better(piece, cand, p, p_after):
                return s, e, cand, row["id"]
        return None

    def _eligible(self, s: int, e: int, piece: str) -> bool:
        ok = self.eligible.get((s, e))
        if ok is None:
            half = 0.5 * len(piece)
            k = self.n_rare.get((s, e))
            ok = self.eligible[(s, e)] = (_count_rare(piece) if k is None else k) >= half and _count_han(piece) >= half
        return ok


def _followups(text: str, edits: list[Edit], name: str) -> list[Edit]:
    """On a line with a repair, the other CJK runs with the same damage, when they read no worse.

    The repair is the evidence of how the line was damaged; a short run next to it
    (鍏朵腑 → 其中) has too little evidence of its own.
    """
    rows = {r["id"]: r for r in _kinds().get("cjk", [])}
    taken = _Taken((e.start, e.end) for e in edits)
    out: list[Edit] = []
    scanned: set[tuple[int, int, str]] = set()
    for edit in edits:
        row = rows.get(edit.rule)
        if row is None:
            continue
        lo = text.rfind("\n", 0, edit.start) + 1
        hi = text.find("\n", edit.end)
        hi = len(text) if hi < 0 else hi
        if (lo, hi, edit.rule) in scanned:
            continue  # the same lines scanned again for the same damage: what failed fails again
        scanned.add((lo, hi, edit.rule))
        for m in _CJK_RUN.finditer(text, lo, hi):
            if m.start() in taken.nonempty_starts:
                continue  # a run that was repaired itself (taken, as the loop below would find)
            for s, e in ((m.start(), m.end()), (m.start(), min(hi, m.end() + 1))):
                if taken.overlaps(s, e):
                    break
                cand = _no_worse(text[s:e], row)
                if cand is not None:
                    out.append(Edit(s, e, text[s:e], cand, name, row["id"]))
                    taken.add(s, e)
                    break
    return out


class _Taken:
    """Disjoint spans already repaired, sorted, for overlap tests by bisection."""

    def __init__(self, spans: Any) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.nonempty_starts = {a for a, b in self.spans if b > a}

    def overlaps(self, s: int, e: int) -> bool:
        if s < e and s in self.nonempty_starts:
            return True  # the common case: a run that was repaired itself
        i = bisect.bisect_right(self.starts, s)
        return (i > 0 and self.spans[i - 1][1] > s) or (i < len(self.spans) and self.spans[i][0] < e)

    def add(self, s: int, e: int) -> None:
        i = bisect.bisect_right(self.starts, s)
        self.starts.insert(i, s)
        self.spans.insert(i, (s, e))
        if e > s:
            self.nonempty_starts.add(s)


def _repair_lossy(span: str) -> tuple[str | None, int]:
    """UTF-8 read as GBK with losses: re-encode the pieces, mark each loss, decode with replacement.

    Each loss becomes the byte 0xFF (never valid UTF-8). The span is encoded at once
    (GB18030 encodes each character on its own) with each loss written as a character
    the span lacks, whose four bytes are then replaced; they cannot overlap themselves,
    so when they occur once per loss they are exactly the losses. Otherwise the losses
    are written as the lone surrogate U+DCFF, which ``surrogateescape`` encodes as 0xFF.
    A span that holds a surrogate of its own cannot be encoded.
    """
    if _SURROGATE.search(span) is not None:
        return None, 0
    marked, n = _LOSS.subn(_MARK, span)
    raw = marked.encode("gb18030")
    if _MARK not in span and raw.count(_MARK_BYTES) == n:
        raw = raw.replace(_MARK_BYTES, b"\xff")
    else:
        raw = _LOSS.sub("\udcff", span).encode("gb18030", "surrogateescape")
    fixed = raw.decode("utf-8", errors="replace")
    fixed = _REPLACEMENTS.sub("\ufffd", fixed)
    return fixed, fixed.count("\ufffd")


_MARK = "\U0010fffd"  # a private-use character: four bytes in GB18030


_MARK_BYTES = _MARK.encode("gb18030")


_SURROGATE = re.compile("[\ud800-\udfff]")
