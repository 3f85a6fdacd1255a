"""Mojibake repair: text decoded with the wrong codec, CJK cases first, Latin cases through ftfy.

Each kind of damage is a row of ``data/mojibake.tsv`` (``id``, ``damaged_as``: the codec
the text was wrongly decoded with, ``true``: the codec its bytes really were in). A
suspicious span is re-encoded with ``damaged_as`` and decoded with ``true``; the repair
is kept only when the result is clearly more plausible Chinese
(:func:`textrepair.chinese_score.plausibility`). GBK read as Big5 and Big5 read as GBK
show common characters, so those rows are judged first by word evidence
(:func:`textrepair.chinese_score.word_evidence`) on whole lines dense with rare
characters, and kept only when lossless. A repair on a line is evidence for the line's
other short runs. Latin-script mojibake goes to ``ftfy.fix_encoding``, reached only when
its tell-tale characters are present.

>>> fix_mojibake("鍙戝竷浜嗘柊浜у搧")
'发布了新产品'
>>> fix_mojibake("ÄãºÃ£¬ÊÀ½ç")
'你好，世界'
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any

from .chinese_score import plausibility, plausibility_sans_ascii, rare_char_re, word_evidence
from .lexicon import load_table
from .edits import Edit, EditTrail, PassOutput, diff_edits

__all__ = ["FixMojibake", "fix_mojibake"]

# Characters a GBK/Big5 byte string shows when read as Latin-1 or cp1252.
_L = r"\u00a1-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\u0080-\u009f"
# two or more of them, each after at most one ASCII letter/symbol (or NBSP), which they may end with;
# (a plain greedy loop: possessive quantifiers need Python 3.11, and the optional tail never backtracks)
_LATIN_RUN = re.compile(f"[{_L}](?:[{_L}]|[\x40-\x7e\u00a0][{_L}])+[\x40-\x7e\u00a0]?")
# ftfy's domain: UTF-8 read as Latin-1/cp1252 shows Ã, Â, â€, Ð, Ñ, Å … followed by a continuation-like character.
_FTFY_HINT = re.compile(r"[\u0080-\u00b6\u00b8-\u00d6\u00d8-\u00f6\u00f8-\u1fff\u2100-\u218f\u2200-\u2211\u2213-\u22ff\u2500-\u259f]")
# cheap test for Latin-1/cp1252 mojibake of GBK/Big5: two such characters in a row (not —— or ……)
_LATIN_TRIGGER = re.compile(r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192][\u0080-\u00ff\u0152-\u2122]")
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
_GAP_MAX = 16
_GAP = re.compile(r"[\x20-\x7e]{0,%d}" % _GAP_MAX)
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


class FixMojibake:
    """Pass: repairs text that was decoded with the wrong codec, span by span.

    >>> FixMojibake().run("新品鍙戝竷").text
    '新品发布'
    """

    name = "fix_mojibake"

    def __repr__(self) -> str:
        return "FixMojibake()"

    def run(self, text: str) -> PassOutput:
        """Repair mojibake in ``text``; returns the text, the edits and report fields."""
        has_rare, dense = _scan_rare(text, stop_at_run=True)  # one scan for both tests
        has_dense = dense is None or bool(dense)  # not known yet when a run stopped the scan
        has_latin = _LATIN_TRIGGER.search(text) is not None and _LATIN_RUN.search(text) is not None
        if not has_rare and not has_dense and not has_latin and _FTFY_HINT.search(text) is None:
            return PassOutput(text, [], {})
        trail = EditTrail(text, self.name)
        report: dict[str, Any] = {}
        if has_latin:
            trail.step(_latin_edits(trail.text, self.name))
        if _FTFY_HINT.search(trail.text):
            import ftfy

            fixed = ftfy.fix_encoding(trail.text)
            if fixed != trail.text:
                trail.step(diff_edits(trail.text, fixed, self.name, _kinds()["ftfy"][0]["id"]))
        if not trail.edits and dense is None:
            dense = _dense_lines(text)  # needed now: nothing was repaired before
            has_dense = bool(dense)
        if has_dense or trail.edits:
            trail.step(_word_edits(trail.text, self.name, None if trail.edits else dense))
        if has_rare or trail.edits:
            for _ in range(3):  # a repair can expose the next damaged span
                step = _cjk_edits(trail.text, self.name, report)
                if not step:
                    break
                trail.step(step)
        if trail.edits:
            report["mojibake_repaired"] = len(trail.edits)
        return trail.output(report)


_DEFAULT = FixMojibake()


def fix_mojibake(text: str) -> str:
    """Repair mojibake in ``text`` (see :class:`FixMojibake`).

    >>> fix_mojibake("正常的中文不变。")
    '正常的中文不变。'
    """
    return _DEFAULT.run(text).text
