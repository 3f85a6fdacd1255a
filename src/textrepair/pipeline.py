"""The pipeline contract: the Pass protocol, Result, Pipeline, and replaying a Result's edits.

A pass is any object with a ``name`` and a ``run(text)`` method returning
``(new_text, edits, report_fields)`` (edits and their arithmetic live in :mod:`textrepair.edits`
and are re-exported here). Each :class:`Edit` indexes the text *as it
entered that pass*; :func:`replay_edits` re-applies a whole :class:`Result`'s edits
pass by pass and must reproduce ``Result.text`` exactly.

>>> class Shout:
...     name = "shout"
...     def run(self, text):
...         return text + "!", [Edit(len(text), len(text), "", "!", "shout", "S1")], {}
>>> res = Pipeline([Shout()])("你好")
>>> res.text, replay_edits("你好", res.edits)
('你好!', '你好!')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Protocol, Sequence, runtime_checkable

from .edits import Edit, EditLog, EditTrail, PassOutput, apply_edits, compose_edits, diff_edits, substitute

__all__ = [
    "Edit",
    "PassOutput",
    "Pass",
    "Result",
    "Pipeline",
    "EditTrail",
    "EditLog",
    "SEGMENT_CHARS",
    "segments",
    "merge_reports",
    "apply_edits",
    "replay_edits",
    "compose_edits",
    "diff_edits",
    "substitute",
    "format_edits",
]


@runtime_checkable
class Pass(Protocol):
    """Anything with a ``name`` and a ``run(text)`` returning ``(text, edits, report)``."""

    name: str

    def run(self, text: str) -> tuple[str, list[Edit], Mapping[str, Any]]:  # pragma: no cover - protocol
        ...


@dataclass
class Result:
    """The outcome of a pipeline: repaired ``text``, every ``edits`` entry, and ``report``.

    >>> Result("好", [], {}).text
    '好'
    """

    text: str
    edits: Sequence[Edit] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)

    def explain(self) -> str:
        """A person-readable listing of every edit and the report."""
        return format_edits(self.edits, self.report)


class Pipeline:
    """Runs passes in order over one document and collects what each did.

    With ``settle=True`` passes run again (each up to ``max_rounds`` times) until the text
    is a fixed point of every pass, because one pass can leave work for another (a removed
    boilerplate fragment leaves a trailing space for normalize); edits of later runs carry
    the pass name with ``#2``, ``#3``. Passes are taken to be idempotent, so a pass is not
    run again on the text it produced or on text it left alone: after a first round in
    which only normalize changed anything, only the passes before it run once more. The
    default pipeline settles, so ``repair(repair(x).text).text == repair(x).text``.

    A document longer than ``segment_chars`` (a dump, a 10 MB line) runs each pass over
    :func:`segments` of about that size, cut at paragraph, line or sentence ends, so that
    memory stays a small multiple of the document: document-level decisions (a repeated
    title, a spin score) are then taken per segment, the report merges the segments'
    reports (:func:`merge_reports`) and says ``segments``. ``Result.edits`` is an
    :class:`EditLog`, which packs millions of edits compactly.

    >>> from textrepair.normalize import Normalize
    >>> Pipeline([Normalize()])("靠山,迷雾").text
    '靠山，迷雾'
    """

    def __init__(self, passes: Iterable[Any], settle: bool = False, max_rounds: int = 3, segment_chars: int | None = None) -> None:
        self.passes = list(passes)
        self.settle = settle
        self.max_rounds = max_rounds
        self.segment_chars = segment_chars or SEGMENT_CHARS
        seen: set[str] = set()
        for p in self.passes:
            name = getattr(p, "name", None)
            if not isinstance(name, str) or not callable(getattr(p, "run", None)):
                raise TypeError(f"{p!r} is not a pass: it needs a str `name` and a `run(text)` method")
            if name in seen:
                raise ValueError(f"two passes are named {name!r}; give each pass a distinct name")
            seen.add(name)

    @property
    def name(self) -> str:
        """The pipeline's own name, so that a pipeline can be a pass too."""
        return "+".join(p.name for p in self.passes)

    def __call__(self, text: str) -> Result:
        if not isinstance(text, str):
            raise TypeError(f"Pipeline expects str, got {type(text).__name__}; decode bytes with textrepair.decode first")
        log = EditLog()
        report: dict[str, Any] = {}
        n = len(self.passes)
        runs = [0] * n
        # fixed[k]: the current text is known to be a fixed point of pass k
        fixed = [False] * n
        k = 0
        while not all(fixed):
            if fixed[k]:
                k = (k + 1) % n
                continue
            runs[k] += 1
            if runs[k] > (self.max_rounds if self.settle else 1):
                break
            # later runs keep their groups apart for replay: their pass names end in #2, #3
            new_text, changed, p_report = self._run_pass(self.passes[k], text, log, f"#{runs[k]}" if runs[k] > 1 else "")
            if runs[k] == 1 or changed:
                report.update(p_report)
            if changed:
                fixed = [False] * n
            fixed[k] = True
            text = new_text
            k = (k + 1) % n
        return Result(text, log, report)

    def _run_pass(self, p: Any, text: str, log: EditLog, suffix: str) -> tuple[str, bool, Mapping[str, Any]]:
        """Run one pass (segment by segment over a long text); its edits go to ``log``.

        A pipeline used as a pass segments the text itself: its edits come in groups, one
        a pass, which only line up with the whole text.
        """
        if len(text) <= self.segment_chars or isinstance(p, Pipeline):
            new_text, edits, report = p.run(text)
            log.add(edits, suffix=suffix)
            return new_text, bool(edits), report
        parts: list[str] = []
        reports: list[Mapping[str, Any]] = []
        changed = False
        for lo, hi in segments(text, self.segment_chars):
            new_part, edits, part_report = p.run(text[lo:hi])
            parts.append(new_part)
            reports.append(part_report)
            if edits:
                log.add(edits, shift=lo, suffix=suffix)
                changed = True
        # an unchanged text is returned as it came, not as a copy
        return ("".join(parts) if changed else text), changed, {**merge_reports(reports), "segments": len(reports)}

    def run(self, text: str) -> PassOutput:
        """Run as a pass: the text, the edits and the report."""
        res = self(text)
        return PassOutput(res.text, res.edits, res.report)

    def __repr__(self) -> str:
        return f"Pipeline([{', '.join(type(p).__name__ + '()' for p in self.passes)}])"


#: Texts longer than this (in characters) run through a pipeline segment by segment.
SEGMENT_CHARS = 1 << 18
# Where to cut a long text, best first: a paragraph end, a line end, a sentence end, a clause end, a space.
_CUT_MARKS = ("\n\n", "\n", "。", "！", "？", "；", "，", " ")


def segments(text: str, size: int = SEGMENT_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` spans covering ``text``, each at most ``size`` long (but for one
    that has nowhere to cut), cut just after the best mark in the second half of a window.

    >>> segments("一。二\\n\\n三。四", 5)
    [(0, 5), (5, 8)]
    """
    out = []
    lo, n = 0, len(text)
    while n - lo > size:
        hi = lo + size
        cut = -1
        for mark in _CUT_MARKS:
            i = text.rfind(mark, lo + size // 2, hi)
            if i >= 0:
                cut = i + len(mark)
                break
        if cut <= lo:
            cut = hi  # no mark at all: a hard cut
        out.append((lo, cut))
        lo = cut
    out.append((lo, n))
    return out


def merge_reports(reports: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """One report from the reports of a document's segments: counts add up, scores take
    the highest, lists join, flags are set if any segment set them, and other values keep
    the first segment's.

    >>> merge_reports([{"n": 1, "score": 2.0, "lines": [1]}, {"n": 2, "score": 5.0, "lines": [7]}])
    {'n': 3, 'score': 5.0, 'lines': [1, 7]}
    """
    out: dict[str, Any] = {}
    for report in reports:
        for key, value in report.items():
            out[key] = _merge_value(out[key], value) if key in out else (list(value) if isinstance(value, list) else value)
    return out


def _merge_value(a: Any, b: Any) -> Any:
    if isinstance(a, bool) or isinstance(b, bool):
        return bool(a) or bool(b)
    if isinstance(a, int) and isinstance(b, int):
        return a + b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return max(a, b)
    if isinstance(a, list) and isinstance(b, list):
        a.extend(b)
        return a
    if isinstance(a, dict) and isinstance(b, dict):
        return merge_reports([a, b])
    return a


def replay_edits(text: str, edits: Sequence[Edit]) -> str:
    """Replay a Result's edits pass by pass on the input; returns the repaired text.

    Consecutive edits with the same ``pass_name`` form one pass's group.

    >>> e = [Edit(0, 1, "a", "b", "p1", "r"), Edit(0, 1, "b", "c", "p2", "r")]
    >>> replay_edits("a", e)
    'c'
    """
    i = 0
    while i < len(edits):
        j = i
        while j < len(edits) and edits[j].pass_name == edits[i].pass_name:
            j += 1
        text = apply_edits(text, edits[i:j])
        i = j
    return text


def format_edits(edits: Sequence[Edit], report: Mapping[str, Any] | None = None) -> str:
    """Render edits (pass, rule, position, before → after) and a report for a person."""
    lines: list[str] = []
    for e in edits:
        lines.append(f"{e.pass_name:<18} {e.rule:<24} {e.start:>7}-{e.end:<7} {e.before!r} → {e.after!r}")
    if not edits:
        lines.append("(no edits)")
    if report:
        lines.append("")
        lines.append("report:")
        for k, v in report.items():
            if isinstance(v, list) and v and all(isinstance(item, dict) for item in v):
                lines.append(f"  {k}: {len(v)}")
                lines.extend("    " + ", ".join(f"{ik}={iv}" for ik, iv in item.items()) for item in v)
            else:
                lines.append(f"  {k}: {v}")
    return "\n".join(lines)
