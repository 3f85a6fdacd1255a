"""Boilerplate stripping: classify each line of extracted web text as content or boilerplate.

Textual kinds (bylines, source and contact lines, disclaimers, navigation, image
credits, promo fragments, the related-articles heading, the content-farm title
wrapper) are rows of ``data/boilerplate_patterns.tsv``; the structural kinds are rules
here: a line repeated three or more times is a repeated title after its first
occurrence (``B-REPEAT``), a lede line whose sentences reappear later is a lede
duplicate (``B-LEDE``), a related-articles heading takes everything after it
(``B-TAIL``), a disclaimer near the end takes the navigation after it, and a short
line between paragraphs with caption evidence is a caption (``B-CAPTION``).

>>> strip_boilerplate("今天小編分享的科技經驗:新加坡AI生死局,歡迎閲讀。\\n正文第一段。\\n作者 | 王欣\\n正文第二段。")
'新加坡AI生死局\\n正文第一段。\\n正文第二段。'
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Any, Literal

from .lexicon import WordMatcher, load_table
from .pipeline import Edit, EditTrail, PassOutput, apply_edits

__all__ = ["StripBoilerplate", "strip_boilerplate", "classify_lines"]

Mode = Literal["remove", "mark"]
_EXPLICIT_TAIL = {"related_list", "disclaimer", "nav"}
_MAX_SHARE = 0.4
_SENTENCE_END = re.compile(r"[。！？!?…]")
_SENTENCES = re.compile(r"[^。！？!?]{8,}[。！？!?]")
_CAPTION_MAX = 40
_PARAGRAPH_END = re.compile(r"[。！？!?…][”’」』)）\"]?$")
_LEDE_WINDOW = 12


@dataclass(frozen=True)
class _Pattern:
    rule: str
    label: str
    scope: str
    requires: str
    regex: re.Pattern[str]


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, list[_Pattern]]:
    by_scope: dict[str, list[_Pattern]] = {}
    for row in load_table("boilerplate_patterns"):
        p = _Pattern(row["id"], row["label"], row["scope"], row["requires"], re.compile(row["pattern"]))
        by_scope.setdefault(row["scope"], []).append(p)
    return by_scope


_KEYWORDS = (
    "作者 编辑 編輯 责编 責編 撰文 记者 記者 策划 策劃 排版 校对 校對 审核 審核 出品 图文 圖文 摄影 攝影 编译 編譯 来源 來源 稿源 "
    "转载 轉載 微信 公众号 公眾號 QQ 电话 電話 邮箱 郵箱 联系 聯繫 客服 声明 聲明 版权 版權 未经 未經 不代表 上一 下一 评论 評論 "
    "点击 點擊 分享到 图源 圖源 图片 圖片 供图 供圖"
).split()
_COUNTER_LINE = re.compile(r"^[ \t]*[(（]\d", re.MULTILINE)


@functools.lru_cache(maxsize=1)
def _keyword_matcher() -> WordMatcher:
    """The words without which a line cannot be textual boilerplate (one scan of the whole text)."""
    return WordMatcher({w: True for w in _KEYWORDS})


@dataclass
class _Line:
    start: int
    end: int  # end of the line's text (newline excluded)
    text: str
    label: str = "content"
    rule: str = ""


def _split(text: str) -> list[_Line]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lines.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


def classify_lines(text: str) -> list[tuple[str, str]]:
    """``(label, rule)`` for every line of ``text`` (``("content", "")`` for content).

    >>> classify_lines("正文。\\n来源:广州日报")
    [('content', ''), ('source_line', 'B03')]
    """
    return [(ln.label, ln.rule) for ln in _classify(_split(text))]


def _candidate_lines(lines: list[_Line]) -> set[int]:
    """Lines that hold a boilerplate keyword, found with one scan of the whole text."""
    text = "\n".join(ln.text for ln in lines)
    starts = [ln.start - lines[0].start for ln in lines]
    hits = [s for s, _, _ in _keyword_matcher().finditer(text)] + [m.start() for m in _COUNTER_LINE.finditer(text)]
    return {bisect.bisect_right(starts, h) - 1 for h in hits}


def _classify(lines: list[_Line]) -> list[_Line]:
    pats = _patterns()
    nonblank = [i for i, ln in enumerate(lines) if ln.text.strip()]
    if not nonblank:
        return lines
    first = nonblank[0]
    candidates = _candidate_lines(lines)
    # textual rules
    for i in sorted(candidates):
        s = lines[i].text.strip()
        if i == first or not s:
            continue  # the title line is only ever unwrapped
        if len(s) > 400:
            continue
        for p in pats.get("line", []):
            if p.regex.search(s):
                lines[i].label, lines[i].rule = p.label, p.rule
                break
    # a related-articles heading takes everything after it
    for i in nonblank:
        s = lines[i].text.strip()
        if len(s) > 12 or i == first:
            continue  # headings are short
        if any(p.regex.search(s) for p in pats.get("tail_start", [])):
            rule = next(p.rule for p in pats["tail_start"] if p.regex.search(s))
            for j in range(i, len(lines)):
                if lines[j].text.strip():
                    lines[j].label, lines[j].rule = "related_list", rule if j == i else "B-TAIL"
            break
    # a disclaimer near the end takes the navigation lines right after it
    for i in nonblank:
        if lines[i].label == "disclaimer" and i >= nonblank[len(nonblank) * 2 // 3]:
            for j in (k for k in nonblank if k > i):
                if lines[j].label != "content" or len(lines[j].text.strip()) > 30 or _SENTENCE_END.search(lines[j].text):
                    break
                lines[j].label, lines[j].rule = "nav", "B-DISCLAIMER-NAV"
    # repeated titles: a line seen three or more times, after its first occurrence
    counts: dict[str, list[int]] = {}
    for i in nonblank:
        s = lines[i].text.strip()
        if len(s) <= 80:
            counts.setdefault(s, []).append(i)
    for s, where in counts.items():
        if len(where) >= 3:
            for i in where[1:]:
                if lines[i].label == "content":
                    lines[i].label, lines[i].rule = "repeated_title", "B-REPEAT"
    _mark_lede(lines, nonblank)
    _mark_captions(lines, nonblank, pats.get("caption_evidence", []))
    return lines


def _mark_lede(lines: list[_Line], nonblank: list[int]) -> None:
    """Lines near the top whose sentences all reappear later in the body."""
    candidates = [(k, i) for k, i in enumerate(nonblank[1:_LEDE_WINDOW], 1) if lines[i].label == "content"]
    if not candidates:
        return
    body = "\n".join(lines[j].text for j in nonblank)
    offsets = []
    pos = 0
    for j in nonblank:
        offsets.append(pos)
        pos += len(lines[j].text) + 1
    for k, i in candidates:
        ln = lines[i]
        sentences = _SENTENCES.findall(ln.text)
        if not sentences:
            continue
        after = offsets[k + 1] if k + 1 < len(offsets) else len(body)
        repeated = sum(1 for s in sentences if s.strip() and body.find(s.strip()[:30], after) != -1)
        if repeated / len(sentences) >= 0.6:
            ln.label, ln.rule = "lede_duplicate", "B-LEDE"


def _mark_captions(lines: list[_Line], nonblank: list[int], evidence: list[_Pattern]) -> None:
    """Short lines without sentence punctuation between two paragraphs, with caption evidence."""
    for k, i in enumerate(nonblank[1:-1], 1):
        ln = lines[i]
        s = ln.text.strip()
        if ln.label != "content" or len(s) > _CAPTION_MAX or _SENTENCE_END.search(s) or re.search(r"[:：]", s):
            continue
        prev = lines[nonblank[k - 1]].text.strip()
        if not _PARAGRAPH_END.search(prev):
            continue  # a caption follows a finished paragraph
        for p in evidence:
            if p.regex.search(s):
                ln.label, ln.rule = "caption", p.rule
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
        first = self._run_once(text)
        if self.mode == "mark" or not first.edits:
            return first
        trail = EditTrail(text, self.name)
        trail.step(first.edits)
        report = dict(first.report)
        for _ in range(2):
            again = self._run_once(trail.text)
            if not again.edits:
                break
            trail.step(again.edits)
            report["boilerplate_removed"] = report.get("boilerplate_removed", []) + again.report.get("boilerplate_removed", [])
            report.update({k: v for k, v in again.report.items() if k != "boilerplate_removed"})
        return trail.output(report)

    def _run_once(self, text: str) -> PassOutput:
        if not text.strip():
            return PassOutput(text, [], {})
        lines = _classify(_split(text))
        inline = all_inline = self._inline(text)
        if inline:  # a line that is nothing but promo fragments goes whole
            starts = [ln.start for ln in lines]
            by_line: dict[int, list[Edit]] = {}
            for e in inline:
                by_line.setdefault(bisect.bisect_right(starts, e.start) - 1, []).append(e)
            emptied: set[int] = set()
            for i, mine in by_line.items():
                ln = lines[i]
                if ln.label == "content" and not apply_edits(ln.text, [Edit(e.start - ln.start, e.end - ln.start, e.before, "", e.pass_name, e.rule) for e in mine]).strip():
                    ln.label, ln.rule = "promo", mine[0].rule
                    emptied.add(i)
            if emptied:
                inline = [e for i, mine in sorted(by_line.items()) if i not in emptied for e in mine]
        if self.mode == "mark":
            return PassOutput(text, [], {"boilerplate_labels": [ln.label for ln in lines], "boilerplate_inline": [(e.start, e.before, e.rule) for e in inline]})
        removed = [i for i, ln in enumerate(lines) if ln.label != "content"]
        report: dict[str, Any] = {}
        # the 40% cap, except for an explicit tail
        removable = sum(len(lines[i].text) for i in removed if lines[i].label not in _EXPLICIT_TAIL)
        if removable > _MAX_SHARE * max(1, len(text)):
            report["boilerplate_capped"] = True
            for i in removed:
                if lines[i].label not in _EXPLICIT_TAIL:
                    lines[i].label, lines[i].rule = "content", ""
            removed = [i for i in removed if lines[i].label != "content"]
            inline = all_inline
        drop = set(removed)
        # keep at most one blank line between what stays (so that the result is already normalized)
        prev_blank = True
        for i, ln in enumerate(lines):
            if i in drop:
                continue
            blank = not ln.text.strip()
            if blank and prev_blank and i > 0:
                drop.add(i)
                continue
            prev_blank = blank
        edits: list[Edit] = []
        header = self._unwrap([ln for i, ln in enumerate(lines) if i not in drop], text)
        edits.extend(header)
        for i in sorted(drop):
            ln = lines[i]
            if not ln.text and i not in removed and i == len(lines) - 1:
                continue
            start, end = ln.start, min(ln.end + 1, len(text))
            if end == ln.end and start > 0 and i - 1 not in drop:  # last line without newline
                start -= 1
            rule = ln.rule or "B-BLANK"
            edits.append(Edit(start, end, text[start:end], "", self.name, rule))
        edits = _disjoint(sorted(edits + inline, key=lambda e: (e.start, -e.end)))
        report["boilerplate_removed"] = [
            {"line": i + 1, "label": lines[i].label, "rule": lines[i].rule, "text": lines[i].text.strip()[:40]} for i in removed
        ] + [{"line": text.count("\n", 0, e.start) + 1, "label": "promo", "rule": e.rule, "text": e.before} for e in edits if e.rule in self._inline_ids()]
        if header:
            report["boilerplate_removed"].insert(0, {"line": 1, "label": "farm_header", "rule": header[0].rule, "text": "".join(e.before for e in header)})
        out = apply_edits(text, edits)
        return PassOutput(out, edits, report)

    def _unwrap(self, lines: list[_Line], text: str) -> list[Edit]:
        first = next((ln for ln in lines if ln.text.strip()), None)
        if first is None:
            return []
        for p in _patterns().get("head", []):
            m = p.regex.search(first.text)
            if m:
                out = []
                if m.group("prefix"):
                    out.append(Edit(first.start + m.start("prefix"), first.start + m.end("prefix"), m.group("prefix"), "", self.name, p.rule))
                if m.group("suffix"):
                    out.append(Edit(first.start + m.start("suffix"), first.start + m.end("suffix"), m.group("suffix"), "", self.name, p.rule))
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
            if p.requires and p.requires not in fired:
                continue
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
