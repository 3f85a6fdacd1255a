"""Spun ("伪原创") text: score it, and restore it through the substitution dictionary with context.

The dictionary is data: every ``data/spin_*.tsv`` table with the columns ``id spun
original class domain exceptions note`` (``spin_seed`` wins over ``spin_general`` for
a form in both). ``marker`` forms essentially never occur in normal Chinese
(平易近, 颁布发表, 可以或许); ``context`` forms are ordinary words too (正在, 取, 手艺)
and are replaced only when a rule of ``data/spin_context.tsv`` says so for their
context and no ``keep`` rule holds. Nothing happens below :data:`SPIN_THRESHOLD`.

>>> spun = "国度需要若何卑沉平易近意，可以或许颁布发表新的手艺标的目的。"
>>> despin(spun)
'国家需要如何尊重民意，能够宣布新的技术方向。'
>>> spin_score("这是一篇正常的新闻报道，没有任何问题。")
0.0
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from .lexicon import WordMatcher, load_table, table_names
from .edits import Edit, PassOutput, apply_edits

__all__ = ["Despin", "despin", "spin_score", "SPIN_THRESHOLD", "SpinEntry"]

#: Marker evidence per 1,000 Han characters above which a document counts as spun.
#: Measured on the fixtures: seed 004 scores 12.5, the clean seeds and all 46 chardet feeds 0.0;
#: one marker in a short snippet (under ~100 Han characters) stays below it, two do not.
SPIN_THRESHOLD = 5.0
#: Han characters added to every document's count, so a short text needs real evidence.
HAN_PRIOR = 300
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WINDOW = 24


@dataclass(frozen=True)
class SpinEntry:
    """One dictionary row: the spun form, its original, its class and row id."""

    rule: str
    spun: str
    original: str
    marker: bool


@dataclass(frozen=True)
class _ContextRule:
    rule: str
    action: str  # "replace" or "keep"
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    note: str

    def holds(self, before: str, after: str) -> bool:
        return (self.before is None or self.before.search(before) is not None) and (
            self.after is None or self.after.match(after) is not None
        )


_EXCEPTION = object()


@functools.lru_cache(maxsize=1)
def _dictionary() -> tuple[WordMatcher, dict[str, SpinEntry]]:
    """The matcher over every spun form (and the exception words that shield them)."""
    entries, exceptions, _ = _rows()
    words: dict[str, object] = {w: _EXCEPTION for w in exceptions}
    words.update(entries)  # a spun form wins over an exception word of the same spelling
    return WordMatcher(words), entries


@functools.lru_cache(maxsize=1)
def _marker_matcher() -> WordMatcher:
    """The fast-path matcher: marker forms and their own exception words only."""
    entries, _, marker_exceptions = _rows()
    words: dict[str, object] = {w: _EXCEPTION for w in marker_exceptions}
    words.update({k: v for k, v in entries.items() if v.marker})
    return WordMatcher(words)


@functools.lru_cache(maxsize=1)
def _rows() -> tuple[dict[str, SpinEntry], set[str], set[str]]:
    entries: dict[str, SpinEntry] = {}
    exceptions: set[str] = set()
    marker_exceptions: set[str] = set()
    names = sorted((n for n in table_names() if n.startswith("spin_") and n != "spin_context"), key=lambda n: (n != "spin_seed", n))
    for name in names:
        for row in load_table(name):
            spun, original = row["spun"], row["original"]
            if not spun or spun == original or spun in entries:
                continue
            entries[spun] = SpinEntry(row["id"], spun, original, row["class"] == "marker")
            words = [w for w in row.get("exceptions", "").split(",") if w]
            exceptions.update(words)
            if row["class"] == "marker":
                marker_exceptions.update(words)
    return entries, exceptions, marker_exceptions


@functools.lru_cache(maxsize=1)
def _context_rules() -> dict[str, list[_ContextRule]]:
    rules: dict[str, list[_ContextRule]] = {}
    for row in load_table("spin_context"):
        rules.setdefault(row["spun"], []).append(
            _ContextRule(
                row["id"],
                row["action"],
                re.compile("(?:" + row["before"] + ")$") if row["before"] else None,
                re.compile(row["after"]) if row["after"] else None,
                row["note"],
            )
        )
    return rules


def _matches(text: str) -> list[tuple[int, int, SpinEntry]]:
    matcher, _ = _dictionary()
    return [(s, e, v) for s, e, v in matcher.finditer(text) if v is not _EXCEPTION]  # type: ignore[misc]


def _score(n_markers: int, text: str) -> float:
    if not n_markers:
        return 0.0
    han = _HAN_RE.subn("", text)[1]  # a count without a list of one-character strings
    return round(1000.0 * n_markers / (han + HAN_PRIOR), 2)


def _count_markers(text: str) -> int:
    return sum(1 for _, _, v in _marker_matcher().finditer(text) if v is not _EXCEPTION)


def spin_score(text: str) -> float:
    """Marker evidence per 1,000 Han characters (with a small prior), 0.0 for clean text.

    >>> spin_score("平易近") < SPIN_THRESHOLD  # one marker in a short text is not enough
    True
    """
    return _score(_count_markers(text), text)


class Despin:
    """Pass: restores synonym-spun text when its spin score passes the threshold.

    ``threshold`` overrides :data:`SPIN_THRESHOLD`; ``repair=False`` only scores;
    ``context=False`` restores marker forms only and leaves every context form alone.

    >>> Despin().run("正常的句子。").report["spin_score"]
    0.0
    """

    name = "despin"

    def __init__(self, threshold: float = SPIN_THRESHOLD, repair: bool = True, context: bool = True) -> None:
        self.threshold = threshold
        self.repair = repair
        self.context = context

    def __repr__(self) -> str:
        return f"Despin(threshold={self.threshold!r}, repair={self.repair!r}, context={self.context!r})"

    def run(self, text: str) -> PassOutput:
        """Score ``text`` and, above the threshold, restore its spun forms."""
        markers = _count_markers(text)  # fast path: one scan for marker forms only
        score = _score(markers, text)
        report: dict[str, Any] = {"spin_score": score, "spin_markers": markers}
        if score < self.threshold or not self.repair:
            return PassOutput(text, [], report)
        hits = _matches(text)
        rules = _context_rules()
        edits: list[Edit] = []
        decisions: list[dict[str, Any]] = []
        for s, e, entry in hits:
            rule_id = entry.rule
            if not entry.marker:
                if not self.context:
                    continue
                before = text[max(0, s - _WINDOW) : s]
                after = text[e : e + _WINDOW]
                verdict = self._decide(rules.get(entry.spun, []), before, after)
                if verdict is None:
                    continue
                decisions.append(
                    {"position": s, "spun": entry.spun, "original": entry.original, "rule": verdict.rule, "action": verdict.action, "evidence": verdict.note}
                )
                if verdict.action != "replace":
                    continue
                rule_id = f"{entry.rule}+{verdict.rule}"
            edits.append(Edit(s, e, entry.spun, entry.original, self.name, rule_id))
        report["despin_decisions"] = decisions
        out = apply_edits(text, edits)
        return PassOutput(out, edits, report)

    @staticmethod
    def _decide(rules: list[_ContextRule], before: str, after: str) -> _ContextRule | None:
        """The keep rule that holds, else the replace rule that holds, else None (leave it)."""
        chosen = None
        for r in rules:
            if r.action == "keep" and r.holds(before, after):
                return r
            if chosen is None and r.action == "replace" and r.holds(before, after):
                chosen = r
        return chosen


_DEFAULT = Despin()


def despin(text: str) -> str:
    """Restore spun ``text`` (see :class:`Despin`); clean text comes back unchanged."""
    return _DEFAULT.run(text).text
