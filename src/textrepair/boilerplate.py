"""Boilerplate stripping: classify each line of extracted web text as content or boilerplate.

Textual kinds (bylines, source and contact lines, disclaimers, navigation, image
credits, promo fragments, the related-articles heading, the content-farm title
wrapper) are rows of ``data/boilerplate_patterns.tsv``; the structural kinds are rules
here: a line repeated three or more times is a repeated title after its first
occurrence (``B-REPEAT``), a lede line whose sentences reappear later is a lede
duplicate (``B-LEDE``), a related-articles heading takes everything after it
(``B-TAIL``), a disclaimer near the end takes the navigation after it, and a short
line between paragraphs with caption evidence is a caption (``B-CAPTION``).

The fast path first: most lines are plain content, so the text is split and stripped once
in C, a pass over the line heads and one regex scan find the few lines a textual rule may
match, and the structural rules look only at short lines, the lede window and repeated
lines (a set of the short lines). A second round runs only when the first one may have
exposed something (see :func:`_settled`).

>>> strip_boilerplate("今天小編分享的科技經驗:新加坡AI生死局,歡迎閲讀。\\n正文第一段。\\n作者 | 王欣\\n正文第二段。")
'新加坡AI生死局\\n正文第一段。\\n正文第二段。'
"""

from __future__ import annotations

import bisect
import collections
import functools
import itertools
import operator
import re
from dataclasses import dataclass
from typing import Any, Literal

from .lexicon import load_table
from .edits import Edit, EditTrail, PassOutput, apply_edits

__all__ = ["StripBoilerplate", "strip_boilerplate", "classify_lines"]

Mode = Literal["remove", "mark"]
_EXPLICIT_TAIL = {"related_list", "disclaimer", "nav"}
_MAX_SHARE = 0.4
_SENTENCE_END = re.compile(r"[。！？!?…]")
# a sentence starts after a sentence end (the look-behind keeps findall linear on long runs without one)
_SENTENCES = re.compile(r"(?<![^。！？!?])[^。！？!?]{8,}[。！？!?]")
_CAPTION_MAX = 40
_NOT_CAPTION = re.compile(r"[。！？!?…:：]")  # a sentence end or a colon
_PARAGRAPH_END = re.compile(r"[。！？!?…][”’」』)）\"]?$")
_LEDE_WINDOW = 12


@dataclass(frozen=True)
class _Pattern:
    rule: str
    label: str
    scope: str
    requires: str
    anchor: str
    regex: re.Pattern[str]


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, list[_Pattern]]:
    by_scope: dict[str, list[_Pattern]] = {}
    for row in load_table("boilerplate_patterns"):
        p = _Pattern(row["id"], row["label"], row["scope"], row["requires"], row["anchor"], re.compile(row["pattern"]))
        by_scope.setdefault(row["scope"], []).append(p)
    return by_scope


# The prefilter of the textual (scope "line") rules, so that only a few lines are searched at all: a line
# can only match one when it starts with one of _HEADS (the rules anchored at the line start), holds one
# of the words of _ANYWHERE (the disclaimer wording, the image credits) or starts with a counter "(0)".
_HEADS = frozenset(
    "作者 编辑 編輯 责编 責編 责任 責任 撰文 记者 記者 策划 策劃 排版 校对 校對 审核 審核 出品 图文 圖文 摄影 攝影 编译 編譯 "  # B02
    "来源 來源 稿源 文章 本文 转载 轉載 "  # B03
    "微信 公众 公眾 QQ 电话 電話 邮箱 郵箱 联系 聯繫 客服 "  # B04
    "免责 免責 声明 聲明 版权 版權 "  # B05
    "上一 下一 评论 評論 发表 發表 相关 相關 点击 點擊 分享".split()  # B08, B09
)
_HEAD = operator.itemgetter(slice(0, 2))
_ANYWHERE = re.compile(
    "版权归原作者所有|版權歸原作者所有|未经允许不得转载|未經允許不得轉載|不代表本站观点|不代表本站觀點"  # B06
    "|图源|圖源|图片来源|圖片來源|图片来自|圖片來自|供图|供圖"  # B11
)
_COUNTER_LINE = re.compile(r"\n[ \t]*[(（]\d")  # B07: a counter after a newline (the text start is checked apart)
_COUNTER_START = re.compile(r"[ \t]*[(（]\d")
_CONTENT = ("content", "")


class _Lines:
    """The lines of a text with their labels; only boilerplate lines carry an entry in ``labels``.

    >>> doc = _Lines("标题\\n\\n正文。")
    >>> doc.nonblank, doc.start(2), doc.label(2)
    ([0, 2], 4, 'content')
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.raw = text.split("\n")
        self.stripped = list(map(str.strip, self.raw))
        self.lens = list(map(len, self.stripped))
        self.nonblank = list(itertools.compress(range(len(self.raw)), self.stripped))
        self.labels: dict[int, tuple[str, str]] = {}
        self._starts: list[int] | None = None

    def label(self, i: int) -> str:
        return self.labels.get(i, _CONTENT)[0]

    def start(self, i: int) -> int:
        """Offset of line ``i`` in the text (see :meth:`starts`)."""
        return self.starts()[i]

    def starts(self) -> list[int]:
        """Offsets of every line in the text (the cumulative lengths are built once, in C)."""
        if self._starts is None:
            self._starts = [0, *map(operator.add, itertools.accumulate(map(len, self.raw[:-1])), range(1, len(self.raw)))]
        return self._starts

    def short(self, limit: int) -> list[int]:
        """Non-blank lines of at most ``limit`` characters once stripped, in order (selected in C)."""
        lens = self.lens
        return [i for i in itertools.compress(range(len(lens)), map(limit.__ge__, lens)) if lens[i]]


def classify_lines(text: str) -> list[tuple[str, str]]:
    """``(label, rule)`` for every line of ``text`` (``("content", "")`` for content).

    >>> classify_lines("正文。\\n来源:广州日报")
    [('content', ''), ('source_line', 'B03')]
    """
    doc = _classify(text)
    return [doc.labels.get(i, _CONTENT) for i in range(len(doc.raw))]


def _candidate_lines(doc: _Lines) -> list[int]:
    """The lines a textual rule may match: one C-level pass over the line starts and one regex scan of the text.

    >>> _candidate_lines(_Lines("正文。\\n作者 | 王欣\\n正文。\\n(0)\\n* 图源:新华社"))
    [1, 3, 4]
    """
    text = doc.text
    nonblank = itertools.compress(doc.stripped, doc.stripped)
    heads = itertools.compress(doc.nonblank, map(_HEADS.__contains__, map(_HEAD, nonblank)))
    hits = [m.start() for m in _ANYWHERE.finditer(text)] + [m.start() + 1 for m in _COUNTER_LINE.finditer(text)]
    if _COUNTER_START.match(text):
        hits.append(0)
    return sorted(set(heads).union(_line_numbers(text, sorted(hits))))


def _classify(text: str) -> _Lines:
    doc = _Lines(text)
    pats = _patterns()
    nonblank, stripped, labels = doc.nonblank, doc.stripped, doc.labels
    if not nonblank:
        return doc
    first = nonblank[0]
    # textual rules: only the lines that hold a keyword can match one
    for i in _candidate_lines(doc):
        s = stripped[i]
        if i == first or not s or len(s) > 400:
            continue  # the title line is only ever unwrapped
        for p in pats.get("line", []):
            if p.regex.search(s):
                labels[i] = (p.label, p.rule)
                break
    # a related-articles heading takes everything after it
    tail = pats.get("tail_start", [])
    short = doc.short(_CAPTION_MAX)
    for i in short:
        if i == first or doc.lens[i] > 12:
            continue  # headings are short
        rule = next((p.rule for p in tail if p.regex.search(stripped[i])), None)
        if rule is not None:
            for j in nonblank[bisect.bisect_left(nonblank, i) :]:
                labels[j] = ("related_list", rule if j == i else "B-TAIL")
            break
    # a disclaimer near the end takes the navigation lines right after it
    near_end = nonblank[len(nonblank) * 2 // 3]
    for i in sorted(k for k, (label, _) in labels.items() if label == "disclaimer" and k >= near_end) if labels else ():
        for k in range(bisect.bisect_right(nonblank, i), len(nonblank)):
            j = nonblank[k]
            if j in labels or doc.lens[j] > 30 or _SENTENCE_END.search(doc.raw[j]):
                break
            labels[j] = ("nav", "B-DISCLAIMER-NAV")
    _mark_repeats(doc)
    _mark_lede(doc)
    _mark_captions(doc, short, pats.get("caption_evidence", []))
    return doc


def _mark_repeats(doc: _Lines) -> None:
    """Repeated titles: a line of at most 80 characters seen three or more times, after its first occurrence."""
    short = doc.short(80)
    lines = [doc.stripped[i] for i in short]
    if len(set(lines)) > len(lines) - 2:
        return  # the fast path: no short line can be there three times (one set of the short lines)
    counts = collections.Counter(lines)
    repeated = {s for s, n in counts.items() if n >= 3}
    seen: set[str] = set()
    for i in short:
        s = doc.stripped[i]
        if s in repeated:
            if s in seen and i not in doc.labels:
                doc.labels[i] = ("repeated_title", "B-REPEAT")
            seen.add(s)


@functools.lru_cache(maxsize=None)
def _lede_need(n: int) -> int:
    """The fewest of ``n`` sentences that must reappear for a lede duplicate (a share of 0.6).

    >>> [_lede_need(n) for n in (1, 2, 3, 5)]
    [1, 2, 2, 3]
    """
    return next(r for r in range(n + 1) if r / n >= 0.6)


def _mark_lede(doc: _Lines, skip: set[int] | frozenset[int] = frozenset()) -> None:
    """Lines near the top whose sentences all reappear later in the body (searched in the text in place).

    The body after a line starts at the next non-blank line (blank lines between cannot hold a
    sentence); the sentences are looked up until the outcome is certain.
    """
    nonblank, labels, raw, text = doc.nonblank, doc.labels, doc.raw, doc.text
    window = nonblank[1 : _LEDE_WINDOW + 1]
    if not window:
        return
    ends = list(itertools.accumulate(map(len, raw[: window[-1]])))  # line j starts at ends[j - 1] + j
    find, findall = text.find, _SENTENCES.findall
    for k, i in enumerate(window[: min(len(window) - 1, _LEDE_WINDOW - 1)]):  # the last line has no body after it
        if i in labels or i in skip:
            continue
        sentences = findall(raw[i])
        if not sentences:
            continue
        after = ends[window[k + 1] - 1] + window[k + 1]
        need = _lede_need(len(sentences))
        spare = len(sentences) - need  # misses allowed
        for s in sentences:
            if find(s.strip()[:30], after) == -1:
                spare -= 1
                if spare < 0:
                    break
            else:
                need -= 1
                if not need:
                    labels[i] = ("lede_duplicate", "B-LEDE")
                    break


def _mark_captions(doc: _Lines, short: list[int], evidence: list[_Pattern]) -> None:
    """Short lines (``short``) without sentence punctuation between two paragraphs, with caption evidence."""
    nonblank, stripped = doc.nonblank, doc.stripped
    for i in short:
        k = bisect.bisect_left(nonblank, i)
        s = stripped[i]
        if not 0 < k < len(nonblank) - 1 or i in doc.labels or _NOT_CAPTION.search(s):
            continue
        if not _PARAGRAPH_END.search(stripped[nonblank[k - 1]][-2:]):
            continue  # a caption follows a finished paragraph (its last two characters tell)
        for p in evidence:
            if p.regex.search(s):
                doc.labels[i] = ("caption", p.rule)
                break


class StripBoilerplate:
    """Pass: removes boilerplate lines and promo fragments; ``mode="mark"`` only labels them.

    >>> StripBoilerplate(mode="mark").run("正文。\\n(0)").report["boilerplate_labels"]
    ['content', 'nav']
    """

    name = "strip_boilerplate"

    def __init__(self, mode: Mode = "remove") -> None:
        if mode not in ("remove", "mark"):
            raise ValueError(f"mode must be 'remove' or 'mark', not {mode!r}")
        self.mode = mode

    def __repr__(self) -> str:
        return f"StripBoilerplate(mode={self.mode!r})"

    def run(self, text: str) -> PassOutput:
        """Classify the lines of ``text`` and remove (or mark) the boilerplate.

        Removal runs in rounds until nothing more goes (a removal can expose a title
        wrapper or leave lines to merge), so the pass is idempotent.
        """
        first, removed = self._round(text)
        if self.mode == "mark" or not first.edits:
            return first
        trail = EditTrail(text, self.name)
        trail.text, trail.edits = first.text, list(first.edits)  # the first round, already applied
        report = dict(first.report)
        if removed is not None and _settled(removed, trail.text, self):
            return trail.output(report)  # the fast path: the second round provably finds nothing
        for _ in range(2):
            again = self._run_once(trail.text)
            if not again.edits:
                break
            trail.step(again.edits)
            report["boilerplate_removed"] = report.get("boilerplate_removed", []) + again.report.get("boilerplate_removed", [])
            report.update({k: v for k, v in again.report.items() if k != "boilerplate_removed"})
        return trail.output(report)

    def _run_once(self, text: str) -> PassOutput:
        return self._round(text)[0]

    def _round(self, text: str) -> tuple[PassOutput, _Removal | None]:
        """One round; with it, when the round only removed whole lines, what :func:`_settled` needs."""
        if not text.strip():
            return PassOutput(text, [], {}), None
        doc = _classify(text)
        raw, labels = doc.raw, doc.labels
        inline = all_inline = self._inline(text)
        if inline:  # a line that is nothing but promo fragments goes whole
            by_line: dict[int, list[Edit]] = {}
            for i, e in zip(_line_numbers(text, [e.start for e in inline]), inline):
                by_line.setdefault(i, []).append(e)
            emptied: set[int] = set()
            for i, mine in by_line.items():
                at = doc.start(i)
                if i not in labels and not apply_edits(raw[i], [Edit(e.start - at, e.end - at, e.before, "", e.pass_name, e.rule) for e in mine]).strip():
                    labels[i] = ("promo", mine[0].rule)
                    emptied.add(i)
            if emptied:
                inline = [e for i, mine in sorted(by_line.items()) if i not in emptied for e in mine]
        if self.mode == "mark":
            marked = ["content"] * len(raw)
            for i, (label, _) in labels.items():
                marked[i] = label
            return PassOutput(text, [], {"boilerplate_labels": marked, "boilerplate_inline": [(e.start, e.before, e.rule) for e in inline]}), None
        if not labels and not inline:  # the fast path: plain content, at most blank lines to collapse or a wrapper
            drop = _drops(doc, [])
            header = self._unwrap(doc, doc.nonblank[0])
            if not header and (not drop or drop == {len(raw) - 1} and not raw[-1]):
                return PassOutput(text, [], {"boilerplate_removed": []}), None
        removed = sorted(labels)
        report: dict[str, Any] = {}
        # the 40% cap, except for an explicit tail
        removable = sum(len(raw[i]) for i in removed if labels[i][0] not in _EXPLICIT_TAIL)
        if removable > _MAX_SHARE * max(1, len(text)):
            report["boilerplate_capped"] = True
            for i in removed:
                if labels[i][0] not in _EXPLICIT_TAIL:
                    del labels[i]
            removed = [i for i in removed if i in labels]
            inline = all_inline
        drop = _drops(doc, removed)
        edits: list[Edit] = []
        header = self._unwrap(doc, next((i for i in doc.nonblank if i not in drop), None))
        edits.extend(header)
        last, starts, name = len(raw) - 1, doc.starts(), self.name
        for i in sorted(drop):
            start = starts[i]
            if i == last:  # the last line has no newline
                if not raw[i] and i not in labels:
                    continue
                end = len(text)
                if start > 0 and i - 1 not in drop:
                    start -= 1
            else:
                end = start + len(raw[i]) + 1
            edits.append(Edit(start, end, text[start:end], "", name, labels.get(i, _CONTENT)[1] or "B-BLANK"))
        if inline or header:  # the line removals alone are in order and disjoint already
            edits = _disjoint(sorted(edits + inline, key=lambda e: (e.start, -e.end)))
        inline_ids = self._inline_ids()
        promos = [e for e in edits if e.rule in inline_ids]
        report["boilerplate_removed"] = [
            {"line": i + 1, "label": labels[i][0], "rule": labels[i][1], "text": doc.stripped[i][:40]} for i in removed
        ] + [{"line": n + 1, "label": "promo", "rule": e.rule, "text": e.before} for n, e in zip(_line_numbers(text, [e.start for e in promos]), promos)]
        if header:
            report["boilerplate_removed"].insert(0, {"line": 1, "label": "farm_header", "rule": header[0].rule, "text": "".join(e.before for e in header)})
        out = apply_edits(text, edits)
        gone = {i for i in drop if not (i == last and not raw[i] and i not in labels)}
        simple = not inline and "boilerplate_capped" not in report
        return PassOutput(out, edits, report), _Removal(doc, gone, bool(header)) if simple else None

    def _unwrap(self, doc: _Lines, i: int | None) -> list[Edit]:
        """The edits unwrapping the content-farm title wrapper of line ``i`` (the first line that stays)."""
        if i is None:
            return []
        line, at = doc.raw[i], doc.start(i)
        for p in _patterns().get("head", []):
            m = p.regex.search(line)
            if m:
                out = []
                if m.group("prefix"):
                    out.append(Edit(at + m.start("prefix"), at + m.end("prefix"), m.group("prefix"), "", self.name, p.rule))
                if m.group("suffix"):
                    out.append(Edit(at + m.start("suffix"), at + m.end("suffix"), m.group("suffix"), "", self.name, p.rule))
                return out
        return []

    @staticmethod
    @functools.lru_cache(maxsize=1)
    def _inline_ids() -> frozenset[str]:
        return frozenset(p.rule for p in _patterns().get("inline", []))

    def _inline(self, text: str) -> list[Edit]:
        fired: set[str] = set()
        spans: list[tuple[int, int, str]] = []
        for p in _patterns().get("inline", []):
            if p.requires and p.requires not in fired or p.anchor and p.anchor not in text:
                continue  # the fast path: one C-level search tells the rule cannot fire
            for m in p.regex.finditer(text):
                if m.group(0):
                    spans.append((m.start(), m.end(), p.rule))
                    fired.add(p.rule)
        # fragments next to each other (返回搜狐， 查看更多) go as one cut
        merged: list[list[Any]] = []
        for start, end, rule in sorted(spans):
            if merged and not text[merged[-1][1] : start].strip(" \t,，"):
                merged[-1][1] = max(merged[-1][1], end)
                merged[-1][2] += "" if rule in merged[-1][2].split("+") else f"+{rule}"
            else:
                merged.append([start, end, rule])
        return [_cut(text, start, end, self.name, rule) for start, end, rule in merged]


@dataclass
class _Removal:
    """A round that removed whole lines only (no cut inside a line, no cap): the classified lines and the removed ones."""

    doc: _Lines
    gone: set[int]
    unwrapped: bool = False  # the title wrapper of the first line was cut


def _settled(removal: _Removal, text: str, strip: StripBoilerplate) -> bool:
    """True when a second round on ``text`` (what ``removal`` left) provably finds nothing.

    Every line left is a line of the first round, unchanged, that no rule labelled there. A textual
    rule, the related-articles heading, a disclaimer or a repeated line would have labelled it
    then; a lede line of the first window finds fewer sentences again. What can change is checked
    here: the lines that came into the lede window, the captions (neighbours changed), the inline
    fragments and the blank lines; after a title wrapper was cut, the repeated lines and the
    wrapper of the title again.

    >>> first = _Lines("标题\\n作者 | 王欣\\n正文。")
    >>> _settled(_Removal(first, {1}), "标题\\n正文。", StripBoilerplate())
    True
    """
    before = removal.doc
    doc = _Lines(text)
    kept = sorted(set(range(len(before.raw))) - removal.gone)
    if len(kept) + 1 == len(doc.raw) and not doc.raw[-1]:
        kept.append(-1)  # the last line went without the newline before it: an empty line is left
    if len(kept) != len(doc.raw) or not doc.nonblank or strip._inline(text):
        return False
    if removal.unwrapped:
        if kept[doc.nonblank[0]] != before.nonblank[0]:
            return False
        _mark_repeats(doc)
        if doc.labels or strip._unwrap(doc, doc.nonblank[0]):
            return False
    window = set(before.nonblank[1:_LEDE_WINDOW])
    _mark_lede(doc, {j for j in doc.nonblank[1:_LEDE_WINDOW] if kept[j] in window})
    _mark_captions(doc, doc.short(_CAPTION_MAX), _patterns().get("caption_evidence", []))
    drop = _drops(doc, [])
    return not doc.labels and (not drop or drop == {len(doc.raw) - 1} and not doc.raw[-1])


def _line_numbers(text: str, positions: list[int]) -> list[int]:
    """The 0-based line of each offset in ``positions`` (ascending), counting newlines once over the text.

    >>> _line_numbers("a\\nb\\nc", [0, 2, 4])
    [0, 1, 2]
    """
    out = []
    line = prev = 0
    for pos in positions:
        line += text.count("\n", prev, pos)
        prev = pos
        out.append(line)
    return out


def _drops(doc: _Lines, removed: list[int]) -> set[int]:
    """The removed lines plus the blank lines that would follow a blank line once they are gone.

    Only blank and removed lines are visited: a gap between two of them is a kept content line.

    >>> sorted(_drops(_Lines("a\\n\\n\\n\\nb"), []))
    [2, 3]
    """
    blanks = list(itertools.compress(range(len(doc.raw)), map(operator.not_, doc.stripped)))
    if not removed and 1 not in map(operator.sub, blanks[1:], blanks):
        return set()  # the fast path: nothing goes and no two blank lines touch
    drop = set(removed)
    prev_blank, last = True, -1
    for i in sorted(drop.union(blanks)):
        if i != last + 1:
            prev_blank = False  # a kept content line lies between
        last = i
        if i in drop:
            continue
        if prev_blank and i > 0:
            drop.add(i)
            continue
        prev_blank = True
    return drop


def _cut(text: str, start: int, end: int, name: str, rule: str) -> Edit:
    """An edit cutting ``text[start:end]`` with the spaces around it, leaving no double or trailing space."""
    lo, hi = start, end
    while lo > 0 and text[lo - 1] in " \t":
        lo -= 1
    while hi < len(text) and text[hi] in " \t":
        hi += 1
    at_edge = lo == 0 or text[lo - 1] == "\n" or hi == len(text) or text[hi] == "\n"
    keep = "" if at_edge or (lo == start and hi == end) else " "
    return Edit(lo, hi, text[lo:hi], keep, name, rule)


def _disjoint(edits: list[Edit]) -> list[Edit]:
    out: list[Edit] = []
    for e in edits:
        if out and e.start < out[-1].end:
            continue
        out.append(e)
    return out


@functools.lru_cache(maxsize=2)
def _default(mode: str) -> StripBoilerplate:
    return StripBoilerplate(mode)  # type: ignore[arg-type]


def strip_boilerplate(text: str) -> str:
    """Remove boilerplate from ``text`` (see :class:`StripBoilerplate`)."""
    return _default("remove").run(text).text
