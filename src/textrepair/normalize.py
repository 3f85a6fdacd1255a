"""The normalize pass: invisible characters, widths, spaces, Chinese punctuation, hard wraps.

Every rule is a row of ``data/normalize.tsv``; this module holds the mechanisms. A
correctly written paragraph comes out unchanged, and ``normalize`` is idempotent.

>>> normalize("靠山,迷霧與\\u200bWeb3泡沫")
'靠山，迷霧與Web3泡沫'
>>> normalize("價格為 1,000 元,時間 10:30")
'價格為 1,000 元，時間 10:30'
"""

from __future__ import annotations

import bisect
import functools
import re
import sys

import regex
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple, Sequence

from .lexicon import load_table
from .edits import Edit, EditTrail, PassOutput, substitute

__all__ = ["Normalize", "normalize", "HAN", "CJK_CONTEXT"]

#: Han ideographs (BMP blocks and the supplementary planes) as a regex class body.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: Characters that make a neighbouring ASCII mark "Chinese context": Han and CJK punctuation.
CJK_CONTEXT = HAN + "\u3001-\u303f\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f\u300a-\u300f"

PunctuationMode = Literal["zh", "ascii", "keep"]

_URLISH = re.compile(
    r"(?<![A-Za-z0-9+.-])(?:[A-Za-z][A-Za-z0-9+.-]{0,20}://|www\.)[^\s" + HAN + r"，。]*"
    r"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)


def _codepoints(spec: str) -> str:
    """Turn ``"U+0041..U+0043 U+0020"`` (or literal characters) into the characters."""
    out: list[str] = []
    for token in spec.split():
        if token.startswith("U+"):
            if ".." in token:
                lo, hi = token.split("..")
                out.extend(chr(c) for c in range(int(lo[2:], 16), int(hi[2:], 16) + 1))
            else:
                out.append(chr(int(token[2:], 16)))
        else:
            out.extend(token)
    return "".join(out)


def _char_class(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]"


class _Trigger(NamedTuple):
    """Where a normalize step may have work: one of ``needles`` occurs (``in``, the cheapest
    scan there is), then ``regex`` matches; or the text ends with one of ``ends``.

    >>> _Trigger(("\\n\\n\\n",), None).found("a\\n\\n\\nb"), _Trigger((), None, " ").found("a ")
    (True, True)
    """

    needles: tuple[str, ...]
    regex: "re.Pattern[str] | None"
    ends: str = ""

    @property
    def pattern(self) -> str:
        """The trigger as one regular expression (for the worst-case timing tests)."""
        if self.regex is not None:
            return self.regex.pattern
        return "|".join([*map(re.escape, self.needles), *(re.escape(c) + r"\Z" for c in self.ends)])

    def found(self, text: str) -> bool:
        if self.ends and text[-1:] and text[-1] in self.ends:
            return True
        if self.needles and not any(n in text for n in self.needles):
            return False
        return self.regex is None or self.regex.search(text) is not None


@dataclass(frozen=True)
class _Rules:
    """The compiled form of ``normalize.tsv``."""

    newline_id: str
    delete: list[tuple[str, re.Pattern[str]]]
    space_id: str
    space_re: re.Pattern[str]
    width_id: str
    width_re: re.Pattern[str]
    trailing_id: str
    trailing_re: re.Pattern[str]
    join_id: str
    join_zh_re: re.Pattern[str]
    blank_id: str
    punct: dict[str, tuple[str, str]]  # ascii -> (fullwidth, id)
    punct_tails: dict[str, tuple[str, str, str, str]]  # ascii mark or parenthesis -> (it, full width, pass name, id): an Edit less its span
    pair_id: str
    pair_open: str
    pair_close: str
    quote_id: str
    quote_open: str
    quote_close: str
    collapse_id: str
    mark_run_re: re.Pattern[str]
    mark_ctx_re: Any
    fast_re: dict[str, tuple[_Trigger, ...]]
    punct_re: dict[str, tuple[_Trigger, ...]]  # fast_re less the layout triggers
    layout_re: tuple[_Trigger, ...]


@functools.lru_cache(maxsize=1)
def _rules() -> _Rules:
    by_kind: dict[str, list[dict[str, str]]] = {}
    for row in load_table("normalize"):
        by_kind.setdefault(row["kind"], []).append(row)

    def one(kind: str) -> dict[str, str]:
        return by_kind[kind][0]

    delete = [(r["id"], re.compile(_char_class(_codepoints(r["find"])) + "+")) for r in by_kind["delete"]]
    space = one("space")
    space_chars = _char_class(_codepoints(space["find"]))
    width = one("width")
    width_chars = _codepoints(width["find"])
    trailing = one("trailing_space")
    join = one("join_wrapped")
    join_marks = _codepoints(join["find"])
    zh_marks = "".join(m for m in join_marks if ord(m) > 127)
    ascii_marks = "".join(m for m in join_marks if ord(m) < 128)
    join_zh_re = re.compile(
        "(?:" + _char_class(zh_marks) + "|(?<=[" + CJK_CONTEXT + "])" + _char_class(ascii_marks) + r")(?P<gap>[ \t]*\n\s*)(?=\S)"
    )
    punct = {r["find"]: (r["replace"], r["id"]) for r in by_kind["punct"]}
    pair = one("punct_pair")
    quote = one("quote_pair")
    deletable = "".join(_codepoints(r["find"]) for r in by_kind["delete"])
    # Triggers: a pass has work only where one of these finds something. Each is searched
    # on its own, after ``in`` checks for the characters it needs, with the literal first
    # (``M(?<=[C]M)`` rather than ``(?<=[C])M``), so the regex engine scans for the literal
    # in C: one alternation of them all runs 4x slower.
    line_end_spaces = " \t\u00a0\u3000"
    layout = (
        _Trigger((), re.compile(_char_class(deletable + "\r" + _codepoints(space["find"]) + width_chars))),
        _Trigger(("\n",), re.compile(r"\n(?<=" + _char_class(line_end_spaces) + r"\n)"), line_end_spaces),  # trailing spaces
        _Trigger(("  ",), re.compile(r"  (?<=\S  )")),
        _Trigger(("\n\n\n",), None),
        # a hard wrap after a mark; with spaces between them the trailing-space trigger finds it
        _Trigger(("\n",), re.compile(r"\n(?<=" + _char_class(zh_marks + ascii_marks) + r"\n)")),
    )
    marks = _char_class("".join(punct))
    mark_chars = tuple(punct)
    zh_punct = (
        _Trigger(mark_chars, re.compile(f"{marks}(?:(?<=[{CJK_CONTEXT}]{marks})|(?=[{CJK_CONTEXT}]))")),
        _Trigger(tuple(quote["find"]), None),
        _Trigger(("(",), re.compile(rf"\((?<=[{CJK_CONTEXT}]\()")),
        _Trigger((")",), re.compile(rf"\)(?=[{CJK_CONTEXT}])")),
        _Trigger(("(",), re.compile(rf"\([^()\n]{{0,200}}?[{HAN}]")),
    )
    ascii_punct = (_Trigger(tuple("".join(full for full, _ in punct.values()) + pair["replace"]), None),)
    # the punctuation triggers first: a comma next to Han is what most texts hold
    triggers = {"zh": zh_punct + layout, "ascii": ascii_punct + layout, "keep": layout}
    return _Rules(
        newline_id=one("newline")["id"],
        delete=delete,
        space_id=space["id"],
        # the class first, its lookbehind after it: the regex engine then skips to the class's characters
        space_re=re.compile(space_chars + r"(?<=\S" + space_chars + ")" + space_chars + r"*(?=\S)"),
        width_id=width["id"],
        width_re=re.compile(_char_class(width_chars) + "+"),
        trailing_id=trailing["id"],
        trailing_re=re.compile(
            _char_class(_codepoints(trailing["find"]))
            + "(?<!"
            + _char_class(_codepoints(trailing["find"])) * 2
            + ")"
            + _char_class(_codepoints(trailing["find"]))
            + r"*(?=\n|\Z)"
        ),
        join_id=join["id"],
        join_zh_re=join_zh_re,
        blank_id=one("blank_lines")["id"],
        punct=punct,
        punct_tails={
            **{a: (a, full, Normalize.name, rid) for a, (full, rid) in punct.items()},
            "(": ("(", pair["replace"][0], Normalize.name, pair["id"]),
            ")": (")", pair["replace"][1], Normalize.name, pair["id"]),
        },
        pair_id=pair["id"],
        pair_open=pair["replace"][0],
        pair_close=pair["replace"][1],
        quote_id=quote["id"],
        quote_open=quote["replace"][0],
        quote_close=quote["replace"][1],
        collapse_id=one("collapse_spaces")["id"],
        mark_run_re=re.compile(marks + "+"),
        # a whole run of marks with Chinese context before or after it (the lookbehind keeps
        # the second branch from starting inside a run, so the scan stays linear; the regex
        # module runs these lookarounds three times faster than re)
        mark_ctx_re=regex.compile(f"(?<=[{CJK_CONTEXT}]){marks}+|(?<!{marks}){marks}+(?=[{CJK_CONTEXT}])"),
        fast_re=triggers,
        punct_re={"zh": zh_punct, "ascii": ascii_punct, "keep": ()},
        layout_re=layout,
    )


_HAN_RE = re.compile("[" + HAN + "]")
_CTX_RE = re.compile("[" + CJK_CONTEXT + "]")
_MAX_ROUNDS = 4
_CR_RE = re.compile(r"\r\n?")
_BLANKS_RE = re.compile(r"\n{3,}")
_COLLAPSE_RE = re.compile(r" (?<=\S ) +(?=\S)")  # two or more spaces between non-spaces, the literal first
_LIST_START_RE = re.compile(r"(?:[-*•·●▪◆■]|\d{1,3}[.、)）]|[（(]?[一二三四五六七八九十]{1,3}[、.）)])")
_PAIR_RE = re.compile(r"\(([^()\n]{0,200})\)")


def _finds(triggers: tuple[_Trigger, ...], text: str) -> bool:
    """True when one of ``triggers`` is found in ``text``."""
    return any(t.found(text) for t in triggers)


def _is_ctx(ch: str) -> bool:
    return bool(ch) and _CTX_RE.match(ch) is not None


_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")
_NAME_CHARS = _SCHEME_CHARS | frozenset("_%")


def _url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs and e-mail addresses (each holds ``://``, ``www.`` or ``@``: cheap to rule out).

    >>> _url_spans("见 https://a.cn/x 或 a@b.cn")
    [(2, 16), (19, 25)]
    """
    if "://" not in text and "www." not in text and "@" not in text:
        return []
    # Every match starts at a place fixed by one of these marks: a scheme's first letter (at
    # most 21 letters before ``://``), ``www.`` itself, or the first character of the name
    # before ``@``. The pattern is tried there alone, in text order, as a scan would find them.
    starts: list[int] = []
    for mark, back, limit in (("://", _SCHEME_CHARS, 22), ("www.", None, 0), ("@", _NAME_CHARS, len(text))):
        at = text.find(mark)
        while at != -1:
            if back is None:
                starts.append(at)
            else:
                p = at
                while p > 0 and at - p < limit and text[p - 1] in back:
                    p -= 1
                if p < at and at - p < limit:
                    starts.append(p)
            at = text.find(mark, at + 1)
    spans: list[tuple[int, int]] = []
    pos = 0
    for p in sorted(set(starts)):
        if p >= pos:
            m = _URLISH.match(text, p)
            if m:
                spans.append(m.span())
                pos = m.end()
    return spans


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, sys.maxsize)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


class Normalize:
    """Pass: invisible characters, widths, spaces, Chinese punctuation and hard wraps.

    ``punctuation="zh"`` (default) turns ASCII ``, : ; ? ! ( ) "`` in Chinese context
    into full-width marks; ``"ascii"`` turns the full-width marks into ASCII;
    ``"keep"`` leaves punctuation alone. ``join_lines=False`` keeps hard wraps.

    >>> Normalize().run("很长一段时间,\\n这成为焦点。").text
    '很长一段时间，这成为焦点。'
    """

    name = "normalize"

    def __init__(self, punctuation: PunctuationMode = "zh", join_lines: bool = True) -> None:
        if punctuation not in ("zh", "ascii", "keep"):
            raise ValueError(f"punctuation must be 'zh', 'ascii' or 'keep', not {punctuation!r}")
        self.punctuation = punctuation
        self.join_lines = join_lines

    def __repr__(self) -> str:
        return f"Normalize(punctuation={self.punctuation!r}, join_lines={self.join_lines!r})"

    def run(self, text: str) -> PassOutput:
        """Normalize ``text``; returns the new text, its edits and report fields.

        The rules run in rounds until a round changes nothing (one conversion can
        create the context of another, e.g. ``新(a),`` → ``新（a），``), so the pass
        is idempotent; most texts need one round and a final fast-path scan.
        """
        rules = _rules()
        fast = rules.fast_re[self.punctuation]
        if not text or not _finds(fast, text):
            return PassOutput(text, [], {})
        trail = EditTrail(text, self.name)
        report: dict[str, Any] = {}
        layout_work = True  # whether the text may hold work for the layout steps
        for _ in range(_MAX_ROUNDS):
            before = trail.text
            # a round whose layout steps found nothing leaves them nothing: punctuation, quote and
            # space edits make no invisible character, wide letter, line end or run of spaces
            layout_work = self._round(trail, rules, report, layout_work)
            if trail.text == before or not _finds(fast if layout_work else rules.punct_re[self.punctuation], trail.text):
                break
        return trail.output(report)

    def _round(self, trail: EditTrail, rules: _Rules, report: dict[str, Any], layout_work: bool = True) -> bool:
        """One round of every step; returns whether the layout steps ran (had a trigger)."""
        name = self.name
        layout_work = layout_work and _finds(rules.layout_re, trail.text)  # else none of these steps has work
        if layout_work:
            self._layout_steps(trail, rules)
        if self.punctuation == "zh":
            # the marks keep their lengths, so the quotes are found on the same text (a converted
            # mark counts as Chinese context) and both go in as one step, sorted together: they
            # never overlap, as a quote edit holds only its quote and the spaces next to it
            text = trail.text
            marks = self._punct_zh_edits(text, rules)
            quote_edits, unpaired = self._quote_edits(text, rules, marks)
            trail.step(sorted(marks + quote_edits) if quote_edits else marks)
            if unpaired:
                report["unpaired_quotes"] = unpaired
            else:
                report.pop("unpaired_quotes", None)
        elif self.punctuation == "ascii":
            trail.step(self._punct_ascii_edits(trail.text, rules))
        if "  " in trail.text:  # a run of spaces to collapse
            trail.step(substitute(_COLLAPSE_RE, trail.text, lambda m: " ", name, rules.collapse_id))
        return layout_work

    # -- mechanisms -------------------------------------------------------------------
    def _layout_steps(self, trail: EditTrail, rules: _Rules) -> None:
        """Line ends, invisible characters, spaces, widths, trailing spaces, hard wraps, blank lines."""
        name = self.name
        trail.step(substitute(_CR_RE, trail.text, lambda m: "\n", name, rules.newline_id))
        for rid, pattern in rules.delete:
            trail.step(substitute(pattern, trail.text, lambda m: "", name, rid))
        trail.step(substitute(rules.space_re, trail.text, lambda m: " ", name, rules.space_id))
        trail.step(
            substitute(rules.width_re, trail.text, lambda m: "".join(chr(ord(c) - 0xFEE0) for c in m.group(0)), name, rules.width_id)
        )
        trail.step(substitute(rules.trailing_re, trail.text, lambda m: "", name, rules.trailing_id))
        if self.join_lines:
            trail.step(self._join_edits(trail.text, rules))
        trail.step(substitute(_BLANKS_RE, trail.text, lambda m: "\n\n", name, rules.blank_id))

    def _join_edits(self, text: str, rules: _Rules) -> list[Edit]:
        edits: list[Edit] = []
        urls = _url_spans(text)
        for m in rules.join_zh_re.finditer(text):
            mark = m.group(0)[0]
            if mark in "：:" and _LIST_START_RE.match(text, m.end()):
                continue  # a colon introducing a list keeps its lines
            if mark in ",;:" and urls and _inside(urls, m.start()):
                continue
            gap = m.group("gap")
            edits.append(Edit(m.start("gap"), m.end("gap"), gap, "", self.name, rules.join_id))
        return edits

    def _punct_zh_edits(self, text: str, rules: _Rules) -> list[Edit]:
        urls = _url_spans(text)
        marks = rules.punct
        converted = self._paren_pairs(text, urls) if "(" in text else []
        runs = [m.span() for m in rules.mark_ctx_re.finditer(text)]
        if converted:  # a converted parenthesis is Chinese context for the marks next to it
            runs += self._runs_next_to(text, converted, marks)
        if not urls and "//" not in text:  # the common case: every mark of every run (none before a //)
            spots = [k for i, j in runs for k in range(i, j)]
        else:
            spots = [
                k
                for i, j in runs
                if not (text[i] == ":" and text.startswith("//", j))
                for k in range(i, j)
                if not (urls and _inside(urls, k))
            ]
        if converted:
            spots = sorted(set(spots).union(*converted))
        tails = rules.punct_tails if self.name == Normalize.name else self._tails(rules)
        make = tuple.__new__  # an Edit from its fields, without the keyword-aware constructor
        edits: list[Edit] = [make(Edit, (k, k + 1) + tails[text[k]]) for k in spots]
        return edits

    def _tails(self, rules: _Rules) -> dict[str, tuple[str, str, str, str]]:
        """``rules.punct_tails`` with this pass's name (a subclass may rename the pass)."""
        return {a: (before, after, self.name, rid) for a, (before, after, _, rid) in rules.punct_tails.items()}

    @staticmethod
    def _runs_next_to(text: str, pairs: list[tuple[int, int]], marks: dict[str, Any]) -> list[tuple[int, int]]:
        """Runs of ASCII marks that touch one of the parentheses in ``pairs``."""
        out = []
        n = len(text)
        for p in (q for pair in pairs for q in pair):
            if p + 1 < n and text[p + 1] in marks:
                j = p + 1
                while j < n and text[j] in marks:
                    j += 1
                out.append((p + 1, j))
            if p and text[p - 1] in marks:
                i = p - 1
                while i and text[i - 1] in marks:
                    i -= 1
                out.append((i, p))
        return out

    @staticmethod
    def _paren_pairs(text: str, urls: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """ASCII parenthesis pairs to convert: Han inside, or Chinese context next to them.

        A pair next to a converted pair counts as in context too; two sweeps (right to
        left, then left to right) carry that along chains such as ``(a)(b)，``.
        """
        pairs = [
            (m.start(), m.end() - 1, bool(_HAN_RE.search(m.group(1))))
            for m in _PAIR_RE.finditer(text)
            if not (urls and (_inside(urls, m.start()) or _inside(urls, m.end() - 1)))
        ]
        if not pairs:
            return []
        n = len(text)
        chosen = [han or _is_ctx(text[o - 1] if o else "") or _is_ctx(text[c + 1] if c + 1 < n else "") for o, c, han in pairs]
        for order in (range(len(pairs) - 1, 0, -1), range(0, len(pairs) - 1)):
            for k in order:
                a, b = (k - 1, k) if order.step == -1 else (k, k + 1)
                if pairs[a][1] + 1 == pairs[b][0] and (chosen[a] or chosen[b]):
                    chosen[a] = chosen[b] = True
        return [(o, c) for (o, c, _), keep in zip(pairs, chosen) if keep]

    def _punct_ascii_edits(self, text: str, rules: _Rules) -> list[Edit]:
        back = {full: (ascii_, rid) for ascii_, (full, rid) in rules.punct.items()}
        back[rules.pair_open] = ("(", rules.pair_id)
        back[rules.pair_close] = (")", rules.pair_id)
        return [Edit(i, i + 1, ch, back[ch][0], self.name, back[ch][1]) for i, ch in enumerate(text) if ch in back]

    def _quote_edits(self, text: str, rules: _Rules, marks: Sequence[Edit] = ()) -> tuple[list[Edit], int]:
        """Edits pairing ASCII double quotes in a line, and the number of lines left unpaired.

        ``marks`` are punctuation edits of the same text, not yet applied: a mark they convert
        counts as Chinese context, as it will once they are.
        """
        converted: set[int] | None = None

        def ctx(i: int) -> bool:
            nonlocal converted
            if 0 <= i < len(text) and _is_ctx(text[i]):
                return True
            if converted is None:
                converted = {e.start for e in marks}
            return i in converted

        edits: list[Edit] = []
        unpaired = 0
        by_line: dict[int, list[int]] = {}
        pos = text.find('"')
        while pos != -1:
            by_line.setdefault(text.rfind("\n", 0, pos) + 1, []).append(pos)
            pos = text.find('"', pos + 1)
        for positions in by_line.values():
            if len(positions) % 2:
                unpaired += 1
                continue
            for a, b in zip(positions[::2], positions[1::2]):
                inner = text[a + 1 : b]
                if len(inner) > 300 or not _HAN_RE.search(inner):
                    continue
                # padding spaces inside the quotes go; outside, only next to Chinese context
                ia = a + 1 + (len(inner) - len(inner.lstrip(" ")))
                ib = b - (len(inner) - len(inner.rstrip(" ")))
                oa = a - 1 if a >= 2 and text[a - 1] == " " and ctx(a - 2) else a
                ob = b + 2 if text[b + 1 : b + 2] == " " and ctx(b + 2) else b + 1
                edits.append(Edit(oa, ia, text[oa:ia], rules.quote_open, self.name, rules.quote_id))
                edits.append(Edit(ib, ob, text[ib:ob], rules.quote_close, self.name, rules.quote_id))
        return edits, unpaired


@functools.lru_cache(maxsize=8)
def _default(punctuation: str, join_lines: bool) -> Normalize:
    return Normalize(punctuation, join_lines)  # type: ignore[arg-type]


def normalize(text: str, punctuation: PunctuationMode = "zh", join_lines: bool = True) -> str:
    """Normalize ``text`` and return the new text (see :class:`Normalize`).

    >>> normalize("ＡＩ 產品")
    'AI 產品'
    """
    return _default(punctuation, join_lines).run(text).text
