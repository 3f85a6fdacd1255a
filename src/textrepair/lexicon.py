"""Loads the rule tables under ``textrepair/data/`` once per process and builds matchers.

Every rule table is a UTF-8 TSV file: a header row naming the columns, one rule a
row, an ``id`` column unique within the file, ``#`` comment lines and blank lines
ignored. Code holds mechanisms only; what to match and what to write is here.

>>> rows = load_table("normalize")
>>> rows[0]["id"].startswith("N")
True
"""

from __future__ import annotations

import collections
import functools
import re
from importlib import resources
from typing import Iterable

__all__ = ["load_table", "table_names", "WordMatcher", "TableError"]


class TableError(ValueError):
    """A rule table is malformed (missing column, duplicate id, wrong field count)."""


def table_names() -> list[str]:
    """Names of every rule table shipped in the package (without ``.tsv``)."""
    root = resources.files("textrepair") / "data"
    return sorted(p.name[:-4] for p in root.iterdir() if p.name.endswith(".tsv"))


@functools.lru_cache(maxsize=None)
def _load(name: str) -> tuple[dict[str, str], ...]:
    path = resources.files("textrepair") / "data" / f"{name}.tsv"
    text = path.read_text(encoding="utf-8")
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    ids: set[str] = set()
    for lineno, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if header is None:
            header = fields
            if "id" not in header:
                raise TableError(f"{name}.tsv: the header has no 'id' column")
            continue
        if len(fields) > len(header):
            raise TableError(f"{name}.tsv:{lineno}: {len(fields)} fields, header has {len(header)}")
        fields += [""] * (len(header) - len(fields))
        row = dict(zip(header, fields))
        rid = row["id"]
        if not rid or rid in ids:
            raise TableError(f"{name}.tsv:{lineno}: missing or duplicate id {rid!r}")
        ids.add(rid)
        rows.append(row)
    return tuple(rows)


def load_table(name: str) -> list[dict[str, str]]:
    """The rows of ``data/<name>.tsv`` as dicts keyed by the header (loaded once)."""
    return [dict(r) for r in _load(name)]


_SURROGATES = re.compile("[\ud800-\udfff]+")
#: Longest piece handed to the automaton at once: it keeps a byte-to-character table as
#: long as its input, so a 10 MB line would cost about 8 bytes a byte in one call.
PIECE_CHARS = 1 << 16
#: Where a long text may be cut: no table word holds these (checked when a matcher is built).
_CUTS = "\n。！？；，"


def _encodable_pieces(text: str, cuts: str = "") -> list[tuple[int, str]]:
    """``text`` split around lone surrogates (which the matcher cannot take), with offsets.

    With ``cuts``, a piece longer than :data:`PIECE_CHARS` is also split just after one of
    those characters (one no word contains), so no match is lost.

    >>> _encodable_pieces("ab\\ud800cd")
    [(0, 'ab'), (3, 'cd')]
    """
    if not _SURROGATES.search(text):
        pieces = [(0, text)]
    else:
        pieces = []
        pos = 0
        for m in _SURROGATES.finditer(text):
            if m.start() > pos:
                pieces.append((pos, text[pos : m.start()]))
            pos = m.end()
        if pos < len(text):
            pieces.append((pos, text[pos:]))
    if not cuts or all(len(piece) <= PIECE_CHARS for _, piece in pieces):
        return pieces
    out = []
    for offset, piece in pieces:
        start = 0
        while len(piece) - start > PIECE_CHARS:
            limit = start + PIECE_CHARS
            cut = max(piece.rfind(c, start, limit) for c in cuts) + 1
            if cut <= start:  # no place to cut in this stretch: take it whole up to the next one
                nxt = [i for i in (piece.find(c, limit) for c in cuts) if i >= 0]
                cut = min(nxt) + 1 if nxt else len(piece)
            out.append((offset + start, piece[start:cut]))
            start = cut
        if start < len(piece):
            out.append((offset + start, piece[start:]))
    return out


class WordMatcher:
    """Leftmost-longest multi-word matcher (Aho-Corasick, the Rust ``ahocorasick_rs``).

    >>> m = WordMatcher({"正在": 1, "正在通过": 2, "取": 3})
    >>> [(s, e, v) for s, e, v in m.finditer("他正在通过取得")]
    [(1, 5, 2), (5, 6, 3)]
    """

    def __init__(self, words: dict[str, object] | Iterable[tuple[str, object]]) -> None:
        import ahocorasick_rs

        items = words.items() if isinstance(words, dict) else words
        patterns: dict[str, object] = {}
        for word, value in items:
            if word:
                patterns[word] = value  # a later value for the same word wins, as in a dict
        self._value_of = patterns
        self.size = len(patterns)
        self._cuts = "".join(c for c in _CUTS if not any(c in w for w in patterns))
        self._automaton = (
            ahocorasick_rs.AhoCorasick(list(patterns), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest) if patterns else None
        )

    def _pieces_strings(self, text: str) -> list[tuple[int, str, list[str]]]:
        """``(offset, piece, matched words)`` a piece: one call for a short text with no lone surrogate.

        The automaton is asked for the matched words, not their offsets: turning its byte
        offsets into string offsets costs as much as the scan itself.
        """
        assert self._automaton is not None
        if len(text) <= PIECE_CHARS:
            try:
                return [(0, text, self._automaton.find_matches_as_strings(text))]
            except UnicodeEncodeError:  # a lone surrogate
                pass
        return [(offset, piece, self._automaton.find_matches_as_strings(piece)) for offset, piece in _encodable_pieces(text, self._cuts)]

    def finditer(self, text: str) -> list[tuple[int, int, object]]:
        """``(start, end, value)`` for non-overlapping leftmost-longest matches, in text order.

        Each match is the first occurrence of its word after the previous match (no word
        starts between them, or the scan would have matched it), so ``str.find`` places it.
        """
        if self._automaton is None:
            return []
        value_of = self._value_of
        found: list[tuple[int, int, object]] = []
        for offset, piece, words in self._pieces_strings(text):
            pos = 0
            for word in words:
                pos = piece.find(word, pos)
                end = pos + len(word)
                found.append((offset + pos, offset + end, value_of[word]))
                pos = end
        return found

    def values(self, text: str) -> list[object]:
        """The values of the matches :meth:`finditer` gives, without their offsets.

        >>> WordMatcher({"正在": 1, "取": 3}).values("他正在取得")
        [1, 3]
        """
        if self._automaton is None:
            return []
        value_of = self._value_of
        return [value_of[word] for _, _, words in self._pieces_strings(text) for word in words]

    def word_counts(self, text: str) -> "collections.Counter[str]":
        """How often each word matches (the matches :meth:`finditer` gives), counted in C.

        >>> WordMatcher({"正在": 1, "取": 3}).word_counts("正在取得，正在")
        Counter({'正在': 2, '取': 1})
        """
        counts: collections.Counter[str] = collections.Counter()
        if self._automaton is not None:
            for _, _, words in self._pieces_strings(text):
                counts.update(words)
        return counts

    def value_of(self, word: str) -> object:
        """The value of one of the matcher's words."""
        return self._value_of[word]

    def search(self, text: str) -> bool:
        """True when any word occurs in ``text`` (one scan)."""
        if self._automaton is None:
            return False
        return any(words for _, _, words in self._pieces_strings(text))

    def __getstate__(self) -> dict[str, object]:
        raise TypeError("WordMatcher is process-local; rebuild it from the tables instead of pickling")
