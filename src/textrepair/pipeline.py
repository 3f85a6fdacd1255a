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

from .edits import Edit, EditTrail, PassOutput, apply_edits, compose_edits, diff_edits, substitute

__all__ = [
    "Edit",
    "PassOutput",
    "Pass",
    "Result",
    "Pipeline",
    "EditTrail",
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
    edits: list[Edit] = field(default_factory=list)
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

    >>> from textrepair.normalize import Normalize
    >>> Pipeline([Normalize()])("靠山,迷雾").text
    '靠山，迷雾'
    """

    def __init__(self, passes: Iterable[Any], settle: bool = False, max_rounds: int = 3) -> None:
        self.passes = list(passes)
        self.settle = settle
        self.max_rounds = max_rounds
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
        edits: list[Edit] = []
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
            new_text, p_edits, p_report = self.passes[k].run(text)
            if runs[k] > 1 and p_edits:  # later runs keep their groups apart for replay
                p_edits = [Edit(e.start, e.end, e.before, e.after, f"{e.pass_name}#{runs[k]}", e.rule) for e in p_edits]
            edits.extend(p_edits)
            if runs[k] == 1 or p_edits:
                report.update(p_report)
            if p_edits:
                fixed = [False] * n
            fixed[k] = True
            text = new_text
            k = (k + 1) % n
        return Result(text, edits, report)

    def run(self, text: str) -> PassOutput:
        """Run as a pass: the text, the edits and the report."""
        res = self(text)
        return PassOutput(res.text, res.edits, res.report)

    def __repr__(self) -> str:
        return f"Pipeline([{', '.join(type(p).__name__ + '()' for p in self.passes)}])"


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
