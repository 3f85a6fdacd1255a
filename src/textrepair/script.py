"""Script detection and traditional → simplified conversion with content-farm repair.

``to_simplified`` converts characters with OpenCC ``t2s`` (only the lines that hold
traditional characters; ``t2s`` runs as table lookups, :mod:`textrepair.opencc_tables`),
then applies ``data/script_vocabulary.tsv`` (unambiguous Taiwan → mainland terms such as
软体 → 软件, 卡达 → 卡塔尔) and
``data/script_artifacts.tsv`` (the farm's own artifacts: 领网域 → 领域) to the converted
lines, and removes tone-marked pinyin annotations (``發(fā)展``) that fit the characters
before them. Simplified text is a fixed point.

>>> to_simplified("利用影像識别技術和特征領網域的分割模型")
'利用影像识别技术和特征领域的分割模型'
>>> detect_script("這是繁體中文"), detect_script("这是简体中文"), detect_script("abc")
('traditional', 'simplified', 'none')
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from typing import Any, Literal

from .edits import Edit, EditTrail, PassOutput, _join_rules, apply_edits, compose_edits, diff_edits
from .lexicon import WordMatcher, load_table
from .opencc_tables import t2s_engine
from .pairscan import text_codes

__all__ = ["ToSimplified", "to_simplified", "detect_script", "script_origin", "remove_pinyin_annotations"]

Vocabulary = Literal["conservative", "full", "none"]
Target = Literal["simplified", "traditional", "tw", "hk", "twp"]

_TARGET_CONFIG = {"traditional": "s2t", "tw": "s2tw", "twp": "s2twp", "hk": "s2hk"}
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
# an annotation after a Han character (checked by hand: a lookbehind would defeat the regex's
# quick scan for the opening parenthesis)
_PINYIN_RE = re.compile(
    r"[(（]([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,7}(?:[ '][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,7}){0,3})[)）]"
)
_TONE_MARKS = set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ")


@functools.lru_cache(maxsize=None)
def _converter(config: str) -> Any:
    """One OpenCC converter per configuration and process."""
    import opencc

    return opencc.OpenCC(config)


_SURROGATE_RE = re.compile(r"([\ud800-\udfff]+)")


def _convert(config: str, text: str) -> str:
    """OpenCC conversion that leaves lone surrogates (which OpenCC cannot take) where they are.

    ``t2s`` runs as table lookups (:mod:`textrepair.opencc_tables`) where they agree with OpenCC.
    """
    if config == "t2s":
        engine = t2s_engine()
        if engine is not None:
            out = engine.convert(text)
            if out is not None:
                return out
    try:
        return _converter(config).convert(text)
    except UnicodeEncodeError:  # a lone surrogate
        pass
    parts = _SURROGATE_RE.split(text)
    return "".join(part if i % 2 else _converter(config).convert(part) for i, part in enumerate(parts))


@functools.lru_cache(maxsize=1)
def _script_chars() -> tuple[frozenset[str], frozenset[str]]:
    """Characters that only traditional text uses, and those only simplified text uses."""
    chars = "".join(chr(c) for c in range(0x4E00, 0xA000)) + "".join(chr(c) for c in range(0x3400, 0x4DC0))
    to_simp = _converter("t2s").convert(chars)
    to_trad = _converter("s2t").convert(chars)
    trad_only = frozenset(a for a, b in zip(chars, to_simp) if a != b) if len(to_simp) == len(chars) else frozenset()
    simp_only = frozenset(a for a, b in zip(chars, to_trad) if a != b) if len(to_trad) == len(chars) else frozenset()
    return trad_only - simp_only, simp_only - trad_only


@functools.lru_cache(maxsize=1)
def _counted_chars() -> tuple[frozenset[str], frozenset[str]]:
    """The characters :func:`detect_script` counts: :func:`_script_chars` less the simplified
    forms that Taiwan or Hong Kong text writes too (OpenCC ``s2tw`` / ``s2hk`` keep them: 台, 户)."""
    trad, simp = _script_chars()
    chars = "".join(sorted(simp))
    kept: set[str] = set()
    for config in ("s2tw", "s2hk"):
        out = _converter(config).convert(chars)
        if len(out) == len(chars):
            kept.update(a for a, b in zip(chars, out) if a == b)
    return trad, simp - kept


@functools.lru_cache(maxsize=1)
def _script_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    trad, simp = _script_chars()
    return re.compile("[" + "".join(sorted(trad)) + "]"), re.compile("[" + "".join(sorted(simp)) + "]")


def _counts(text: str) -> tuple[int, int]:
    """``(traditional-only, simplified-only)`` character counts of ``text``.

    >>> _counts("這是繁體，这是简体")
    (2, 3)
    """
    marks = _marks(text)
    return (marks.count(1), marks.count(2)) if marks is not None else _counts_re(text)


def _marks(text: str) -> bytes | None:
    """One byte per UTF-16 unit of ``text``: 1 traditional-only, 2 simplified-only, else 0 (None without numpy).

    One table lookup a unit: every such character lies in the BMP, and the halves of
    other characters look up nothing. ``len(marks) == len(text)`` unless ``text`` holds
    characters beyond the BMP.

    >>> _marks("這是这") in (b"\\x01\\x00\\x02", None)
    True
    """
    table = _count_table()
    if table is None:
        return None
    import numpy

    return table.take(numpy.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=numpy.uint16)).tobytes()


def _mark_array(codes: Any) -> Any:
    """:func:`_marks` of a text as a numpy array, from its :func:`~textrepair.pairscan.text_codes`."""
    table = _count_table()
    return None if table is None or codes is None else table.take(codes)


def _counts_re(text: str) -> tuple[int, int]:
    """:func:`_counts` without numpy."""
    trad_re, simp_re = _count_res()
    return trad_re.subn("", text)[1], simp_re.subn("", text)[1]  # counts, not lists of characters


@functools.lru_cache(maxsize=1)
def _count_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    trad, simp = _counted_chars()
    return re.compile("[" + "".join(sorted(trad)) + "]"), re.compile("[" + "".join(sorted(simp)) + "]")


@functools.lru_cache(maxsize=1)
def _count_table() -> Any:
    """numpy array over the BMP: 1 for a traditional-only, 2 for a simplified-only character (None without numpy)."""
    try:
        import numpy
    except ImportError:  # pragma: no cover - numpy is an optional speed-up
        return None
    trad, simp = _counted_chars()
    table = numpy.zeros(0x10000, dtype=numpy.uint8)
    table[[ord(c) for c in trad]] = 1
    table[[ord(c) for c in simp]] = 2
    return table


def detect_script(text: str) -> str:
    """``"simplified"``, ``"traditional"``, ``"mixed"`` or ``"none"`` (no Han characters).

    >>> detect_script("新加坡核心商務區，新加坡核心商务区")
    'mixed'
    """
    return _script_from_counts(*_counts(text), text)


def _script_from_counts(trad: int, simp: int, text: str) -> str:
    if not trad and not simp:
        return "simplified" if _HAN_RE.search(text) else "none"
    if trad and simp and min(trad, simp) / (trad + simp) > 0.1:
        return "mixed"
    return "traditional" if trad > simp else "simplified"


@functools.lru_cache(maxsize=1)
def _origin_matcher() -> WordMatcher:
    # the automaton: origin words are common in reposts, where a PairMatcher checks too many places
    return WordMatcher({r["word"]: r["origin"] for r in load_table("script_origin")})


def script_origin(text: str) -> tuple[str, dict[str, int]]:
    """Where traditional text comes from: ``mainland-repost``, ``tw``, ``hk`` or ``unknown``, with evidence counts.

    >>> script_origin("數據和軟件的質量")[0]
    'mainland-repost'
    """
    counts = {"mainland": 0, "tw": 0, "hk": 0}
    matcher = _origin_matcher()
    for word, n in matcher.word_counts(text).items():
        counts[str(matcher.value_of(word))] += n
    if counts["hk"] >= 2 and counts["hk"] >= counts["tw"]:
        return "hk", counts
    if counts["mainland"] > counts["tw"]:
        return "mainland-repost", counts
    if counts["tw"] > counts["mainland"]:
        return "tw", counts
    return "unknown", counts


@functools.lru_cache(maxsize=4)
def _table_items(table: str, direction: str) -> tuple[tuple[str, tuple[dict[str, str], str]], ...]:
    """A rule table's ``(wrong, (row, correct))`` pairs; traditional forms via s2t."""
    items = []
    for row in load_table(table):
        wrong, right = (row["tw"], row["mainland"]) if table == "script_vocabulary" else (row["artifact"], row["correct"])
        if direction == "traditional":
            wrong, right = _converter("s2t").convert(wrong), _converter("s2t").convert(right)
        items.append((wrong, (row, right)))
    return tuple(items)


@functools.lru_cache(maxsize=4)
def _table_matcher(table: str, direction: str) -> WordMatcher:
    """Matcher over a rule table's wrong forms, values ``(row, correct)``; traditional forms via s2t."""
    return WordMatcher(_table_items(table, direction))


def _table_hits(text: str, spans: list[tuple[int, int]], table: str, direction: str, repost: bool) -> list[tuple[int, Edit]]:
    """``(span index, edit)`` for a rule table's matches that lie inside ``spans`` (sorted, disjoint)."""
    import bisect

    if not spans:
        return []
    anchors = _anchors(table, direction)
    matches = _anchored_matches(text, table, direction) if anchors else _table_matcher(table, direction).finditer(text)
    starts = [lo for lo, _ in spans]
    hits: list[tuple[int, Edit]] = []
    for s, e, (row, right) in matches:  # type: ignore[misc]
        k = bisect.bisect_right(starts, s) - 1
        if k < 0 or e > spans[k][1]:
            continue
        if row.get("when") == "repost" and not repost:
            continue
        hits.append((k, Edit(s, e, text[s:e], right, ToSimplified.name, row["id"])))
    return hits


def _table_edits(text: str, spans: list[tuple[int, int]], table: str, direction: str, name: str, repost: bool) -> list[Edit]:
    """Edits of a rule table's matches that lie inside ``spans`` (sorted, disjoint)."""
    return [e if e.pass_name == name else Edit(e.start, e.end, e.before, e.after, name, e.rule) for _, e in _table_hits(text, spans, table, direction, repost)]


@functools.lru_cache(maxsize=4)
def _anchors(table: str, direction: str) -> dict[str, dict[int, dict[str, Any]]] | None:
    """The table's wrong forms by their last two characters and length, when a few such anchors cover them all.

    ``script_artifacts`` needs only ``网域`` and ``协定``: finding those with ``str.find``
    is much cheaper than running the matcher over the text.
    """
    words = dict(_table_items(table, direction))  # a later row for the same word wins, as in WordMatcher
    if not words or min(map(len, words)) < 2:
        return None
    anchors: dict[str, dict[int, dict[str, Any]]] = {}
    for word, value in words.items():
        anchors.setdefault(word[-2:], {}).setdefault(len(word), {})[word] = value
    return anchors if len(anchors) <= 8 else None


def _anchored_matches(text: str, table: str, direction: str) -> list[tuple[int, int, Any]]:
    """Leftmost-longest matches of the table's wrong forms, found through their anchors.

    Every occurrence of a wrong form ends with its anchor, so the anchors' occurrences
    give all of them; the leftmost-longest non-overlapping ones are then what
    :class:`WordMatcher` finds.

    >>> [(s, e) for s, e, _ in _anchored_matches("领网域和区网域", "script_artifacts", "simplified")]
    [(0, 3), (4, 7)]
    """
    found = []
    for anchor, by_length in _anchors(table, direction).items():  # type: ignore[union-attr]
        at = text.find(anchor)
        while at >= 0:
            end = at + len(anchor)
            for length, words in by_length.items():
                value = words.get(text[end - length : end]) if end >= length else None
                if value is not None:
                    found.append((end - length, end, value))
            at = text.find(anchor, at + 1)
    if len(found) > 1:
        found.sort(key=lambda m: (m[0], m[0] - m[1]))
        kept, last = [], 0
        for m in found:
            if m[0] >= last:
                kept.append(m)
                last = m[1]
        found = kept
    return found


@functools.lru_cache(maxsize=4096)
def _pinyin_of(chars: str) -> tuple[tuple[str, ...], ...]:
    from pypinyin import Style, pinyin

    return tuple(tuple(p) for p in pinyin(chars, style=Style.TONE, heteronym=True))


def _fits(chars: str, syllables: list[str]) -> bool:
    """True when the last ``len(syllables)`` characters can be read as these syllables."""
    if len(chars) < len(syllables):
        return False
    readings = _pinyin_of(chars[-len(syllables) :])
    return all(unicodedata.normalize("NFC", syl.lower()) in {unicodedata.normalize("NFC", r) for r in options} for syl, options in zip(syllables, readings))


def remove_pinyin_annotations(text: str, name: str = "to_simplified") -> list[Edit]:
    """Edits removing parenthesised tone-marked pinyin that fits the characters before it.

    An annotation right after one that is removed is read against the characters before
    the first of them (so that the pass is its own fixed point).

    >>> [e.before for e in remove_pinyin_annotations("發(fā)展和網(wǎng)站(2024)")]
    ['(fā)', '(wǎng)']
    >>> [e.before for e in remove_pinyin_annotations("发(fā)(fā)展")]
    ['(fā)', '(fā)']
    """
    openers = []
    for opener in "(（":  # str.find beats the regex's own scan for the opening parenthesis
        at = text.find(opener)
        while at >= 0:
            openers.append(at)
            at = text.find(opener, at + 1)
    if not openers:
        return []
    openers.sort()
    edits: list[Edit] = []
    chain = 0  # where the run of annotations removed just before this one starts
    for at in openers:  # the pattern holds no parenthesis inside, so matches never overlap
        m = _PINYIN_RE.match(text, at)
        if m is None:
            continue
        ctx = chain if edits and edits[-1].end == at else at  # the annotated text ends here
        if not ctx or not "\u4e00" <= text[ctx - 1] <= "\u9fff":
            continue
        body = m.group(1)
        if not any(ch in _TONE_MARKS for ch in body):
            continue
        syllables = re.split(r"[ ']", body)
        before = text[max(0, ctx - len(syllables)) : ctx]
        if _HAN_RE.fullmatch(before[-1:] or "x") and _fits(before, syllables):
            edits.append(Edit(m.start(), m.end(), m.group(0), "", name, _PINYIN_RULE))
            chain = ctx
    return edits


_PINYIN_RULE = "PY1"
_LINE_RE = re.compile(r"[^\n]*\n?")


class ToSimplified:
    """Pass: traditional to simplified (or, with ``target``, simplified to traditional).

    ``vocabulary``: ``"conservative"`` (OpenCC t2s + the unambiguous Taiwan vocabulary
    table), ``"full"`` (OpenCC tw2sp: every Taiwan phrase localized), ``"none"``
    (characters only). ``target``: ``"simplified"`` (default), ``"traditional"``, ``"tw"``,
    ``"twp"`` or ``"hk"``. ``granularity``: ``"line"`` (default, fast) makes one Edit per
    converted line; ``"char"`` one Edit per run of changed characters, for close auditing.

    >>> ToSimplified().run("卡達和突尼西亞的軟體公司").text
    '卡塔尔和突尼斯的软件公司'
    """

    name = "to_simplified"

    def __init__(self, vocabulary: Vocabulary = "conservative", target: Target = "simplified", granularity: str = "line") -> None:
        if granularity not in ("line", "char"):
            raise ValueError(f"granularity must be 'line' or 'char', not {granularity!r}")
        self.granularity = granularity
        if vocabulary not in ("conservative", "full", "none"):
            raise ValueError(f"vocabulary must be 'conservative', 'full' or 'none', not {vocabulary!r}")
        if target != "simplified" and target not in _TARGET_CONFIG:
            raise ValueError(f"target must be 'simplified', {', '.join(map(repr, _TARGET_CONFIG))}, not {target!r}")
        self.vocabulary = vocabulary
        self.target = target

    def __repr__(self) -> str:
        return f"ToSimplified(vocabulary={self.vocabulary!r}, target={self.target!r}, granularity={self.granularity!r})"

    def _convert_edits(self, line: str, offset: int, new: str, rule: str) -> list[Edit]:
        if new == line:
            return []
        if self.granularity == "line":
            return [Edit(offset, offset + len(line), line, new, self.name, rule)]
        return [Edit(e.start + offset, e.end + offset, e.before, e.after, e.pass_name, e.rule) for e in diff_edits(line, new, self.name, rule)]

    def run(self, text: str) -> PassOutput:
        """Convert ``text``; returns the text, the edits and ``script`` / ``script_origin`` report fields."""
        codes = text_codes(text)
        mark_array = _mark_array(codes)
        marks = mark_array.tobytes() if mark_array is not None else _marks(text)
        trad, simp = (marks.count(1), marks.count(2)) if marks is not None else _counts_re(text)
        report: dict[str, Any] = {}
        if trad or simp:
            report["script"] = _script_from_counts(trad, simp, text)
            report["script_evidence"] = {"traditional_chars": trad, "simplified_chars": simp}
        elif _HAN_RE.search(text):
            report["script"] = "simplified"
        if self.target == "simplified" and not trad:  # the common case: nothing to convert
            edits = remove_pinyin_annotations(text, self.name)
            return PassOutput(apply_edits(text, edits) if edits else text, edits, report)
        if self.target == "simplified":
            origin, counts = script_origin(text)
            report["script_origin"] = origin
            report["script_origin_evidence"] = counts
            if self.granularity == "line":
                new_text, edits = self._lines_to_simplified(text, origin == "mainland-repost", marks, codes)
                return PassOutput(new_text, edits, report)
        trail = EditTrail(text, self.name)
        if self.target == "simplified":
            self._to_simplified(trail, origin == "mainland-repost")
        else:
            self._to_traditional(trail)
        trail.step(remove_pinyin_annotations(trail.text, self.name))
        return trail.output(report)

    def _lines_to_simplified(self, text: str, repost: bool, marks: bytes | None = None, codes: Any = None) -> tuple[str, list[Edit]]:
        """The line-granularity conversion, its edits built straight in input coordinates.

        Gives what :meth:`_to_simplified` and an :class:`EditTrail` give (one edit per
        converted line, rule ``opencc:t2s`` joined with the table ids that fired in it),
        without composing edit lists: the whole text is converted once (``t2s`` as table
        lookups from ``codes``, the text's :func:`~textrepair.pairscan.text_codes`) and the
        lines are compared with ``==``; ``marks`` (from :func:`_marks`) tell which hold a
        traditional character. Conversion never adds or removes a line, and no table word
        holds a line break, so each table is matched once over the converted text, and
        again only in the lines an earlier table changed.

        >>> ToSimplified()._lines_to_simplified("卡達\\nabc\\n軟體", False)[1][0].rule
        'opencc:t2s+V044'
        """
        config = "tw2sp" if self.vocabulary == "full" else "t2s"
        engine = t2s_engine() if config == "t2s" and codes is not None else None
        out = engine.convert_codes(text, codes) if engine is not None else None
        # the tables keep every character's place: the converted lines keep their offsets
        converted = out.tobytes().decode("utf-16-le", "surrogatepass") if out is not None else _convert(config, text)
        old_lines = text.split("\n")
        new_lines = converted.split("\n")
        if len(new_lines) != len(old_lines):  # never seen; convert line by line then
            new_lines = [_convert(config, line) for line in old_lines]
            converted = "\n".join(new_lines)
        starts = _line_starts(old_lines)
        same_places = out is not None or (len(converted) == len(text) and list(map(len, new_lines)) == list(map(len, old_lines)))
        new_starts = starts if same_places else _line_starts(new_lines)  # the converted lines' offsets in ``converted``
        changed = [i for i, (old, new) in enumerate(zip(old_lines, new_lines)) if old != new]
        if marks is not None and len(marks) == len(text):
            lines = [i for i in changed if marks.find(1, starts[i], starts[i] + len(old_lines[i])) >= 0]
        else:
            trad_search = _script_res()[0].search
            lines = [i for i in changed if trad_search(old_lines[i])]
        rejoin = len(lines) != len(changed)
        if rejoin:  # lines that change without a traditional character stay
            for i in set(changed) - set(lines):
                new_lines[i] = old_lines[i]
        fired: dict[int, list[str]] = {}  # table ids that fired, by line
        if self.vocabulary != "none" and lines:
            wanted = dict.fromkeys(lines)
            tables = ["script_artifacts"] if self.vocabulary == "full" else ["script_vocabulary", "script_artifacts"]
            for table in tables:
                by_line = _line_matches(converted, new_starts, {i: None for i in wanted if i not in fired} if fired else wanted, table, repost)
                for i in list(fired):  # a later table reads the lines an earlier one changed anew
                    found = _line_matches(new_lines[i], [0], {0: None}, table, repost)
                    if found:
                        by_line[i] = found[0]
                for i, matches in by_line.items():
                    new_lines[i] = _replace(new_lines[i], matches)
                    fired.setdefault(i, []).extend(value[0]["id"] for _, _, value in matches)
            rejoin = rejoin or bool(fired)
        if rejoin:
            converted = "\n".join(new_lines)
        rule, name, make = f"opencc:{config}", self.name, tuple.__new__  # tuple.__new__: twice as fast as Edit(...)
        edits = []
        for i in lines:
            old, new = old_lines[i], new_lines[i]
            if old != new:
                start = starts[i]
                edits.append(make(Edit, (start, start + len(old), old, new, name, _join_rules([rule, *fired[i]]) if i in fired else rule)))
        pinyin = remove_pinyin_annotations(converted, self.name)
        if pinyin:
            edits = compose_edits(text, edits, pinyin, self.name)
            converted = apply_edits(converted, pinyin)
        return converted, edits

    def _to_simplified(self, trail: EditTrail, repost: bool) -> None:
        config = "tw2sp" if self.vocabulary == "full" else "t2s"
        trad_re, _ = _script_res()
        text = trail.text
        old_lines = text.split("\n")
        new_lines = _convert(config, text).split("\n")
        if len(new_lines) != len(old_lines):  # never seen; convert line by line then
            new_lines = [_convert(config, line) for line in old_lines]
        edits: list[Edit] = []
        converted: list[tuple[int, int]] = []
        old_pos = new_pos = 0
        for old, new in zip(old_lines, new_lines):
            if old != new and trad_re.search(old):
                converted.append((new_pos, new_pos + len(new)))
                edits.extend(self._convert_edits(old, old_pos, new, f"opencc:{config}"))
            else:
                new = old
            old_pos += len(old) + 1
            new_pos += len(new) + 1
        trail.step(edits)
        if self.vocabulary == "none" or not converted:
            return
        # the tables fire on converted lines only; conversion never adds or removes a line
        if self.vocabulary == "conservative":
            before = trail.text
            vocab = _table_edits(before, converted, "script_vocabulary", "simplified", self.name, repost)
            trail.step(vocab)
            converted = _move(converted, vocab)
        trail.step(_table_edits(trail.text, converted, "script_artifacts", "simplified", self.name, repost))

    def _to_traditional(self, trail: EditTrail) -> None:
        config = _TARGET_CONFIG[self.target]
        _, simp_re = _script_res()
        text = trail.text
        edits: list[Edit] = []
        for m in _LINE_RE.finditer(text):
            line = m.group(0)
            if line and simp_re.search(line):
                edits.extend(self._convert_edits(line, m.start(), _convert(config, line), f"opencc:{config}"))
        trail.step(edits)
        if self.vocabulary != "none":
            trail.step(_table_edits(trail.text, [(0, len(trail.text))], "script_artifacts", "traditional", self.name, True))


def _line_starts(lines: list[str]) -> list[int]:
    """Offset of each line in ``"\\n".join(lines)``.

    >>> _line_starts(["ab", "", "c"])
    [0, 3, 4]
    """
    return [0, *itertools.accumulate(map((1).__add__, map(len, lines[:-1])))]


def _line_matches(text: str, starts: list[int], lines: dict[int, None], table: str, repost: bool) -> dict[int, list[tuple[int, int, Any]]]:
    """A rule table's matches in ``text`` that fall in ``lines`` (indices into ``starts``, the
    line offsets), by line, with offsets within the line.

    >>> _line_matches("卡达\\n卡达", [0, 3], {1: None}, "script_vocabulary", False)[1][0][:2]
    (0, 2)
    """
    import bisect

    matches = _anchored_matches(text, table, "simplified") if _anchors(table, "simplified") else _table_matcher(table, "simplified").finditer(text)
    by_line: dict[int, list[tuple[int, int, Any]]] = {}
    for s, e, value in matches:  # type: ignore[misc]
        i = bisect.bisect_right(starts, s) - 1
        if i in lines and (repost or value[0].get("when") != "repost"):
            at = starts[i]
            by_line.setdefault(i, []).append((s - at, e - at, value))
    return by_line


def _replace(line: str, matches: list[tuple[int, int, Any]]) -> str:
    """``line`` with each match replaced by its correct form (matches sorted, disjoint).

    >>> _replace("卡达的软体", [(0, 2, ({}, "卡塔尔")), (3, 5, ({}, "软件"))])
    '卡塔尔的软件'
    """
    parts = []
    pos = 0
    for s, e, (_, right) in matches:
        parts.append(line[pos:s])
        parts.append(right)
        pos = e
    parts.append(line[pos:])
    return "".join(parts)


def _move(spans: list[tuple[int, int]], edits: list[Edit]) -> list[tuple[int, int]]:
    """Spans after ``edits``, each edit lying inside one span."""
    out = []
    i = 0
    delta = 0
    for lo, hi in spans:
        grow = 0
        while i < len(edits) and edits[i].start < hi:
            grow += len(edits[i].after) - (edits[i].end - edits[i].start)
            i += 1
        out.append((lo + delta, hi + delta + grow))
        delta += grow
    return out


@functools.lru_cache(maxsize=8)
def _pass(vocabulary: str, target: str) -> ToSimplified:
    return ToSimplified(vocabulary, target)  # type: ignore[arg-type]


def to_simplified(text: str, vocabulary: Vocabulary = "conservative") -> str:
    """Convert ``text`` to simplified Chinese (see :class:`ToSimplified`).

    >>> to_simplified("这段简体文字不变。")
    '这段简体文字不变。'
    """
    return _pass(vocabulary, "simplified").run(text).text
