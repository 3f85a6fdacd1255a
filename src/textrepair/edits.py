"""What an edit is and how edits combine: Edit, PassOutput, applying, composing, diffing.

An :class:`Edit` says that ``text[start:end]`` (``before``) became ``after``, and which
rule of which pass did it. A pass builds its edits on the text it was given; sub-steps
of one pass chain through :class:`EditTrail`, which keeps every edit in the coordinates
of the pass input (:func:`compose_edits`).

>>> edits = [Edit(0, 1, "臺", "台", "to_simplified", "opencc:t2s")]
>>> apply_edits("臺北", edits)
'台北'
"""

from __future__ import annotations

import difflib
from typing import Any, Callable, Iterable, NamedTuple, Sequence

__all__ = [
    "Edit",
    "PassOutput",
    "EditTrail",
    "apply_edits",
    "compose_edits",
    "diff_edits",
    "substitute",
]


class Edit(NamedTuple):
    """One change to the text: ``text[start:end]`` (``before``) became ``after``.

    ``start``/``end`` index the text as it entered the pass named ``pass_name``;
    ``rule`` is the id of the data row (or mechanism) that made the change. An edit is
    an immutable named tuple: passes make one for every change, and a tuple is made
    about three times faster than a frozen dataclass.

    >>> Edit(0, 1, "臺", "台", "to_simplified", "opencc:t2s").before
    '臺'
    """

    start: int
    end: int
    before: str
    after: str
    pass_name: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        """The edit as a plain JSON-ready dict."""
        return {
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "pass": self.pass_name,
            "rule": self.rule,
        }


class PassOutput(NamedTuple):
    """What a pass returns: the new text, its edits and its report fields."""

    text: str
    edits: list[Edit]
    report: dict[str, Any]


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply edits of one pass (sorted, non-overlapping, indexing ``text``).

    Raises ``ValueError`` when an edit's ``before`` is not what the text holds.

    >>> apply_edits("ab", [Edit(1, 2, "b", "c", "p", "r")])
    'ac'
    """
    out: list[str] = []
    pos = 0
    n = len(text)
    for e in edits:
        start, end, before = e.start, e.end, e.before
        if start < pos or end < start or end > n:
            raise ValueError(f"edit {e} overlaps an earlier one or lies outside the text")
        if end - start != len(before) or not text.startswith(before, start):
            raise ValueError(f"edit {e} does not match the text {text[start:end]!r}")
        out.append(text[pos:start])
        out.append(e.after)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _join_rules(rules: Iterable[str]) -> str:
    seen: list[str] = []
    for r in rules:
        for part in r.split("+"):
            if part not in seen:
                seen.append(part)
    return "+".join(seen)


def compose_edits(
    original: str, first: Sequence[Edit], second: Sequence[Edit], pass_name: str | None = None, middle: str | None = None
) -> list[Edit]:
    """Express ``second`` (which indexes ``apply_edits(original, first)``) in ``original``'s coordinates.

    Edits of the two steps that touch or overlap merge into one edit whose rule joins
    both ids with ``+``. The result turns ``original`` straight into the final text.
    ``middle``, when the caller has it, is ``apply_edits(original, first)``.

    >>> t0 = "a\\u200bb,c"
    >>> first = [Edit(1, 2, "\\u200b", "", "n", "ZW")]
    >>> second = [Edit(2, 3, ",", "，", "n", "P")]
    >>> [(e.start, e.end, e.after, e.rule) for e in compose_edits(t0, first, second)]
    [(1, 2, '', 'ZW'), (3, 4, '，', 'P')]
    """
    if not second:
        return list(first)
    if not first:
        return list(second)
    out: list[Edit] = []
    state = [0, middle]  # length change of the first step so far, the middle text (made when needed)
    cluster: list[tuple[int, int, int, Edit]] = []  # spans (start, end, step, edit) on the middle text
    cur_end = -1
    i = j = delta = 0
    n1, n2 = len(first), len(second)
    while i < n1 or j < n2:
        # the next span in (start, end) order, the first step's first on ties: a merge of two sorted lists
        if i < n1:
            f = first[i]
            fs = f.start + delta
            fe = fs + len(f.after)
        if j < n2:
            e2 = second[j]
        if j >= n2 or (i < n1 and (fs < e2.start or (fs == e2.start and fe <= e2.end))):
            sp = (fs, fe, 0, f)
            delta += len(f.after) - (f.end - f.start)
            i += 1
        else:
            sp = (e2.start, e2.end, 1, e2)
            j += 1
        if cluster and sp[0] <= cur_end:
            cluster.append(sp)
            cur_end = max(cur_end, sp[1])
            continue
        if cluster:
            _emit_cluster(original, first, cluster, state, out, pass_name)
        cluster = [sp]
        cur_end = sp[1]
    _emit_cluster(original, first, cluster, state, out, pass_name)
    return out


def _emit_cluster(
    original: str, first: Sequence[Edit], cl: list[tuple[int, int, int, Edit]], state: list[Any], out: list[Edit], pass_name: str | None
) -> None:
    """Append the edit of one cluster of touching spans (see :func:`compose_edits`); updates ``state``."""
    d1 = state[0]
    if len(cl) == 1:  # the common case: an edit of one step alone, reused when it stays as it is
        s0, e0, src, e = cl[0]
        same_name = pass_name is None or e.pass_name == pass_name
        if src == 0:
            out.append(e if same_name else e._replace(pass_name=pass_name))
            state[0] = d1 + len(e.after) - (e.end - e.start)
        else:
            o = s0 - d1
            out.append(e if o == e.start and same_name else Edit(o, o + (e0 - s0), e.before, e.after, pass_name or e.pass_name, e.rule))
        return
    if state[1] is None:
        state[1] = apply_edits(original, first)
    middle = state[1]
    cs = min(sp[0] for sp in cl)
    ce = max(sp[1] for sp in cl)
    firsts = [sp[3] for sp in cl if sp[2] == 0]
    seconds = [sp[3] for sp in cl if sp[2] == 1]
    growth = sum(len(e.after) - (e.end - e.start) for e in firsts)
    o_start = cs - d1
    o_end = o_start + (ce - cs) - growth
    # apply the cluster's second-step edits to the middle piece
    final_piece = apply_edits(middle[cs:ce], [Edit(e.start - cs, e.end - cs, e.before, e.after, e.pass_name, e.rule) for e in seconds])
    before = original[o_start:o_end]
    state[0] = d1 + growth
    if before == final_piece:
        return
    name = pass_name or (firsts or seconds)[0].pass_name
    out.append(Edit(o_start, o_end, before, final_piece, name, _join_rules([e.rule for e in firsts] + [e.rule for e in seconds])))


class EditTrail:
    """Chains the sub-steps of one pass, keeping every edit in the pass-input coordinates.

    >>> trail = EditTrail("a\\u200b,b", "normalize")
    >>> trail.step([Edit(1, 2, "\\u200b", "", "normalize", "ZW")])
    >>> trail.step([Edit(1, 2, ",", "，", "normalize", "P")])
    >>> trail.text, [(e.start, e.end, e.after) for e in trail.edits]
    ('a，b', [(1, 3, '，')])
    """

    def __init__(self, text: str, pass_name: str) -> None:
        self.original = text
        self.text = text
        self.pass_name = pass_name
        self.edits: list[Edit] = []

    def step(self, edits: Sequence[Edit]) -> None:
        """Apply ``edits`` (indexing the current text) and fold them into the trail."""
        if not edits:
            return
        middle = self.text
        self.text = apply_edits(middle, edits)
        self.edits = compose_edits(self.original, self.edits, list(edits), self.pass_name, middle)

    def output(self, report: dict[str, Any] | None = None) -> PassOutput:
        """The pass output: final text, composed edits, and ``report``."""
        return PassOutput(self.text, self.edits, report or {})


def substitute(
    pattern: Any,
    text: str,
    replace: Callable[[Any], str | None],
    pass_name: str,
    rule: str | Callable[[Any], str],
) -> list[Edit]:
    """Edits for every match of a compiled ``pattern`` whose ``replace(m)`` differs.

    ``replace`` returns the new text, or ``None`` to leave the match alone; ``rule`` is
    an id or a function of the match giving one.

    >>> import re
    >>> substitute(re.compile("a"), "banana", lambda m: "o", "p", "R1")[0].after
    'o'
    """
    edits: list[Edit] = []
    for m in pattern.finditer(text):
        new = replace(m)
        if new is None or new == m.group(0):
            continue
        rid = rule(m) if callable(rule) else rule
        edits.append(Edit(m.start(), m.end(), m.group(0), new, pass_name, rid))
    return edits


def diff_edits(old: str, new: str, pass_name: str, rule: str) -> list[Edit]:
    """Minimal edits turning ``old`` into ``new`` (character runs; equal lengths are fast).

    Unequal texts are trimmed of their common ends first; a long middle is compared line
    by line before the changed lines are compared character by character, so a repair
    spread over a long document never costs a quadratic character diff.

    >>> [(e.start, e.before, e.after) for e in diff_edits("領網域", "领网域", "p", "r")]
    [(0, '領網', '领网')]
    """
    if old == new:
        return []
    if len(old) == len(new):
        return _same_length_edits(old, new, 0, pass_name, rule)
    head = _common_prefix(old, new)
    tail = _common_prefix(old[head:][::-1], new[head:][::-1])
    return _diff_middle(old[head : len(old) - tail], new[head : len(new) - tail], head, pass_name, rule)


_CHAR_DIFF_LIMIT = 2000


def _same_length_edits(old: str, new: str, offset: int, pass_name: str, rule: str) -> list[Edit]:
    edits: list[Edit] = []
    i, n = 0, len(old)
    while i < n:
        if old[i] == new[i]:
            i += 1
            continue
        j = i
        while j < n and old[j] != new[j]:
            j += 1
        edits.append(Edit(offset + i, offset + j, old[i:j], new[i:j], pass_name, rule))
        i = j
    return edits


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix of ``a`` and ``b``, by halving (slice comparisons run in C)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _diff_middle(old: str, new: str, offset: int, pass_name: str, rule: str) -> list[Edit]:
    if not old or not new:
        return [Edit(offset, offset + len(old), old, new, pass_name, rule)] if old != new else []
    if len(old) == len(new):
        return _same_length_edits(old, new, offset, pass_name, rule)
    if len(old) <= _CHAR_DIFF_LIMIT and len(new) <= _CHAR_DIFF_LIMIT:
        sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
        return [
            Edit(offset + i1, offset + i2, old[i1:i2], new[j1:j2], pass_name, rule)
            for tag, i1, i2, j1, j2 in sm.get_opcodes()
            if tag != "equal"
        ]
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    if len(old_lines) < 2 and len(new_lines) < 2:  # one long line: one edit, no quadratic diff
        return [Edit(offset, offset + len(old), old, new, pass_name, rule)]
    old_at = [0]
    for line in old_lines:
        old_at.append(old_at[-1] + len(line))
    new_at = [0]
    for line in new_lines:
        new_at.append(new_at[-1] + len(line))
    edits: list[Edit] = []
    sm = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal":
            a0, a1, b0, b1 = old_at[i1], old_at[i2], new_at[j1], new_at[j2]
            edits.extend(_diff_middle(old[a0:a1], new[b0:b1], offset + a0, pass_name, rule))
    return edits


class EditLog(Sequence[Edit]):
    """The edits of a whole pipeline run, in pass order, stored compactly when they are many.

    It reads like a list of :class:`Edit` (``len``, indexing, slicing, iteration, ``==``
    with a list). Lists of edits are kept as given while the log is small; past
    :attr:`COMPACT_AFTER` edits they are packed into arrays (about 40 bytes an edit
    instead of about 130), so a document with millions of edits stays small in memory.

    >>> log = EditLog()
    >>> log.add([Edit(0, 1, "臺", "台", "to_simplified", "opencc:t2s")])
    >>> len(log), log[0].after, log == [Edit(0, 1, "臺", "台", "to_simplified", "opencc:t2s")]
    (1, '台', True)
    """

    COMPACT_AFTER = 20_000

    def __init__(self, edits: Iterable[Edit] = ()) -> None:
        from array import array

        self._starts = array("q")
        self._ends = array("q")
        self._befores: list[str] = []
        self._afters: list[str] = []
        self._labels = array("I")  # index into _label_names of (pass_name, rule)
        self._label_names: list[tuple[str, str]] = []
        self._label_index: dict[tuple[str, str], int] = {}
        self._pending: list[Edit] = []
        self.add(list(edits))

    def add(self, edits: Sequence[Edit], shift: int = 0, suffix: str = "") -> None:
        """Append ``edits``, moved by ``shift`` characters, with ``suffix`` added to their pass name."""
        if not edits:
            return
        if shift or suffix:
            edits = [Edit(e.start + shift, e.end + shift, e.before, e.after, e.pass_name + suffix, e.rule) for e in edits]
        self._pending.extend(edits)
        if len(self._pending) > self.COMPACT_AFTER:
            self._pack()

    def _pack(self) -> None:
        index = self._label_index
        for e in self._pending:
            key = (e.pass_name, e.rule)
            label = index.get(key)
            if label is None:
                label = index[key] = len(self._label_names)
                self._label_names.append(key)
            self._starts.append(e.start)
            self._ends.append(e.end)
            self._befores.append(e.before)
            self._afters.append(e.after)
            self._labels.append(label)
        self._pending = []

    def __len__(self) -> int:
        return len(self._starts) + len(self._pending)

    def _packed(self, i: int) -> Edit:
        name, rule = self._label_names[self._labels[i]]
        return Edit(self._starts[i], self._ends[i], self._befores[i], self._afters[i], name, rule)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("EditLog index out of range")
        packed = len(self._starts)
        return self._packed(i) if i < packed else self._pending[i - packed]

    def __iter__(self) -> Any:
        for i in range(len(self._starts)):
            yield self._packed(i)
        yield from self._pending

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"EditLog({len(self)} edits)"
