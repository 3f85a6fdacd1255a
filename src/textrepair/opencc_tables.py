"""OpenCC ``t2s`` as array lookups, built from the installed OpenCC's own dictionaries.

OpenCC's ``t2s`` configuration converts a text in two steps: the longest phrase of
``TSPhrases`` that starts at a position wins (scanning left to right), and every other
character goes through ``TSCharacters``. Every entry maps a string to one of the same
length, so the result lines up with the input character for character. That makes the
conversion two cheap operations on the text's UTF-16 code array:

1. one numpy ``take`` through a 65,536-entry character table, and
2. the phrases whose conversion differs from their characters' (410 of 477 in OpenCC
   1.4), plus the phrases that can hide one of those from the scan (the closure in
   :func:`_needed_phrases`), matched with a :class:`~textrepair.pairscan.PairMatcher`.

The tables are read once per process: the phrase keys from OpenCC's ``TSPhrases.ocd2``
(a marisa trie, read with ``marisa-trie``) and every value from OpenCC itself (each key
converted alone). The engine is used only where it is known to agree with OpenCC: the
installed ``t2s.json`` must have the layout described here, a probe text must convert
the same both ways, and a text holding a CJK compatibility ideograph (which OpenCC
normalizes first) or a character beyond the BMP goes to OpenCC itself.

>>> engine = t2s_engine()
>>> engine is None or engine.convert("沈澱物與軟體") == "沉淀物与软体"
True
"""

from __future__ import annotations

import functools
import json
import os
from typing import Any

from .pairscan import PairMatcher, have_numpy, text_codes

__all__ = ["TableT2S", "t2s_engine"]

_OCD2_HEADER = b"OPENCC_MARISA_0.2.5"
#: The layout of ``t2s.json`` the engine reproduces (OpenCC 1.1.7 and later).
_EXPECTED_CHAIN = ["TSPhrases.ocd2", "TSCharactersExt.ocd2", "TSCharacters.ocd2"]
_NORMALIZATION = "CJK_Compatibility_Ideographs.ocd2"


def _share_dir() -> str | None:
    import opencc

    path = getattr(opencc, "_opencc_share_dir", None) or os.path.join(os.path.dirname(os.path.abspath(opencc.__file__)), "clib", "share", "opencc")
    return path if os.path.isdir(path) else None


def _ocd2_keys(path: str) -> list[str]:
    """The keys of an OpenCC ``.ocd2`` dictionary (its marisa trie)."""
    import marisa_trie

    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(_OCD2_HEADER):
        raise ValueError(f"{path}: not an ocd2 dictionary")
    trie = marisa_trie.Trie()
    trie.frombytes(data[len(_OCD2_HEADER) :])  # the values that follow the trie are not read
    return list(trie.keys())


def _layout_ok(config: dict[str, Any]) -> bool:
    """True when ``t2s.json`` is the normalization + one phrase/character group this engine reproduces."""
    if set(config) - {"name", "normalization", "conversion_chain", "segmentation"}:
        return False
    norm = config.get("normalization", [])
    if [d.get("dict", {}).get("file") for d in norm] not in ([], [_NORMALIZATION]):
        return False
    seg = config.get("segmentation")
    if seg is not None and (seg.get("type") != "mmseg" or seg.get("dict", {}).get("file") != "TSPhrases.ocd2"):
        return False
    chain = config.get("conversion_chain", [])
    if len(chain) != 1:
        return False
    group = chain[0].get("dict", {})
    files = [d.get("file") for d in group.get("dicts", [])] if group.get("type") == "group" else [group.get("file")]
    return files in (_EXPECTED_CHAIN, _EXPECTED_CHAIN[::2])


def _needed_phrases(values: dict[str, str], charwise: dict[str, str]) -> dict[str, str]:
    """The phrases the scan must know: those that convert unlike their characters, and the
    ones that can hide such a phrase (one starts inside them), to a fixed point.

    A phrase left out never overlaps a kept phrase's occurrence, so where OpenCC takes it
    the scan finds nothing and the characters convert the same.

    >>> sorted(_needed_phrases({"AB": "xy", "CA": "ca", "DD": "dd"}, {"AB": "ab", "CA": "ca", "DD": "dd"}))
    ['AB', 'CA']
    """
    kept = {k for k, v in values.items() if v != charwise[k]}
    changed = True
    while changed:
        changed = False
        for p in values:
            if p in kept:
                continue
            if any(q.startswith(p[i:]) or p.startswith(q, i) for i in range(len(p)) for q in kept):
                kept.add(p)
                changed = True
    return {k: values[k] for k in kept}


class TableT2S:
    """OpenCC ``t2s`` on UTF-16 code arrays (see the module docstring); build it with :func:`t2s_engine`."""

    def __init__(self, chars: dict[str, str], phrases: dict[str, str], blocked: set[str]) -> None:
        import numpy

        self.table = numpy.arange(0x10000, dtype=numpy.uint16)
        for a, b in chars.items():
            if ord(a) < 0x10000 and len(b) == 1 and ord(b) < 0x10000:
                self.table[ord(a)] = ord(b)
            elif ord(a) < 0x10000:
                blocked.add(a)
        # each phrase's converted code units; None for one whose value leaves the BMP, and the
        # blocked characters as one-character words with the value None: OpenCC converts such a text
        words: dict[str, Any] = {c: None for c in blocked if ord(c) < 0x10000}
        words.update((k, text_codes(v)) for k, v in phrases.items())
        self.phrases = PairMatcher(words)
        self.phrase_count = len(phrases)

    def convert_codes(self, text: str, codes: Any) -> Any:
        """The converted code array of ``text`` (``codes`` = :func:`text_codes`), or None when OpenCC must do it."""
        if codes is None:
            return None
        matches = self.phrases.finditer(text, codes)
        out = self.table.take(codes)
        for start, end, value in matches:
            if value is None:
                return None
            out[start:end] = value
        return out

    def convert(self, text: str) -> str | None:
        """``text`` converted as OpenCC ``t2s`` converts it, or None when OpenCC must do it.

        >>> t2s_engine() is None or t2s_engine().convert("乾隆年間") == "乾隆年间"
        True
        """
        out = self.convert_codes(text, text_codes(text))
        return None if out is None else out.tobytes().decode("utf-16-le", "surrogatepass")


def _probe(phrases: list[str]) -> str:
    """Text that exercises every phrase and the scan's choices: the keys one after another, then
    each key with its neighbours' characters run into it."""
    run = "".join(phrases)
    shifted = "".join(a[1:] + b for a, b in zip(phrases, phrases[1:]))
    return run + "\n" + shifted + "\n" + "".join(reversed(run))


@functools.lru_cache(maxsize=1)
def t2s_engine() -> TableT2S | None:
    """The process's :class:`TableT2S`, or None when it cannot be built or disagrees with OpenCC."""
    if not have_numpy():  # pragma: no cover
        return None
    try:
        import marisa_trie  # noqa: F401
    except ImportError:  # pragma: no cover - a dependency; without it OpenCC does the work
        return None
    from .script import _converter

    try:
        share = _share_dir()
        if share is None:
            return None
        with open(os.path.join(share, "t2s.json"), encoding="utf-8") as f:
            if not _layout_ok(json.load(f)):
                return None
        phrase_keys = _ocd2_keys(os.path.join(share, "TSPhrases.ocd2"))
        char_keys: set[str] = set()
        for name in ("TSCharacters.ocd2", "TSCharactersExt.ocd2"):
            if os.path.exists(os.path.join(share, name)):
                char_keys.update(_ocd2_keys(os.path.join(share, name)))
        compat = set(_ocd2_keys(os.path.join(share, _NORMALIZATION))) if os.path.exists(os.path.join(share, _NORMALIZATION)) else set()
    except (OSError, ValueError, RuntimeError):
        return None
    if any(len(k) != 1 for k in char_keys) or not all(phrase_keys):
        return None
    t2s = _converter("t2s")
    alone = sorted(char_keys | {c for k in phrase_keys for c in k})
    converted = t2s.convert("\n".join(alone)).split("\n")
    if len(converted) != len(alone):
        return None
    chars = {a: b for a, b in zip(alone, converted) if a != b}
    values = t2s.convert("\n".join(phrase_keys)).split("\n")
    if len(values) != len(phrase_keys) or any(len(v) != len(k) for k, v in zip(phrase_keys, values)):
        return None
    values_by_key = dict(zip(phrase_keys, values))
    charwise = {k: "".join(chars.get(c, c) for c in k) for k in phrase_keys}
    engine = TableT2S(chars, _needed_phrases(values_by_key, charwise), compat)
    probe = _probe([k for k in phrase_keys if text_codes(values_by_key[k]) is not None])  # 二噁英 leaves the BMP
    if engine.convert(probe) != t2s.convert(probe):
        return None
    return engine
