"""Bytes to text: BOMs, strict UTF-8, declared charsets, and Chinese-aware choice among candidates.

The order of evidence: a BOM wins; bytes that are valid UTF-8 are UTF-8; a declared
charset (argument ``hint`` or an HTML ``<meta charset>`` in the first 4 KB) is used
when it decodes cleanly and reads as plausible text; otherwise GB18030, Big5 (cp950),
Big5-HKSCS and UTF-16 without BOM are decoded and scored for Chinese plausibility
(:mod:`textrepair.chinese_score`), with charset-normalizer's guess as a last candidate.

>>> decode("你好，世界".encode("gbk")).text
'你好，世界'
>>> decode("你好，世界".encode("big5")).encoding
'big5'
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Any

from .chinese_score import plausibility

__all__ = ["Decoded", "decode", "declared_charset", "normalize_charset"]


@dataclass
class Decoded:
    """The text decoded from bytes, the encoding chosen, how sure, and whether it was repaired.

    >>> Decoded("好", "utf-8", 1.0).text
    '好'
    """

    text: str
    encoding: str
    confidence: float
    repaired: bool = False
    report: dict[str, Any] = field(default_factory=dict)


_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
]
_META_RE = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_CT_RE = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{2,40})", re.IGNORECASE)
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"%PDF", b"\x1f\x8b", b"BZh", b"\x7fELF", b"RIFF")
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "euc-cn", "x-gbk", "hz-gb-2312"}
_BIG5_FAMILY = {"big5", "cp950", "big5hkscs", "big5-hkscs", "x-x-big5"}


def normalize_charset(name: str | None) -> str | None:
    """Python's codec name for a declared charset (``text/html; charset=GB2312`` → ``gb2312``).

    >>> normalize_charset("text/html; charset=GB2312")
    'gb2312'
    """
    if not name:
        return None
    m = _CT_RE.search(name)
    label = (m.group(1) if m else name).strip().strip("\"'").lower()
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB (``<meta charset>`` or ``http-equiv``).

    >>> declared_charset(b'<html><meta charset="gbk"><body>')
    'gbk'
    """
    m = _META_RE.search(data[:4096])
    return normalize_charset(m.group(1).decode("ascii", "ignore")) if m else None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _bad_count(text: str) -> int:
    return text.count("\ufffd")


def _looks_binary(data: bytes) -> bool:
    if data.startswith(_BINARY_MAGIC):
        return True
    sample = data[:4096]
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 0x20 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.1


def _utf16_candidates(data: bytes) -> list[str]:
    if len(data) < 2 or len(data) % 2:
        return []
    even_zero = data[0::2].count(0)
    odd_zero = data[1::2].count(0)
    half = len(data) // 2
    out = []
    # Chinese UTF-16 has few zero bytes; accept either order and let the scores decide
    if odd_zero >= even_zero:
        out.append("utf-16-le")
    if even_zero >= odd_zero:
        out.append("utf-16-be")
    if even_zero + odd_zero == 0 and half < 4:
        return []
    return out


_SAMPLE = 1000


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def _score(text: str, bad: int) -> float:
    # judge by the non-ASCII characters, where the encodings differ
    sample = "".join(_NON_ASCII_RUN.findall(text)) or text
    if len(sample) > _SAMPLE:
        sample = sample[: _SAMPLE // 2] + sample[-_SAMPLE // 2 :]
    return plausibility(sample) - 3.0 * bad / max(1, len(text))


def _nul_pattern_utf16(raw: bytes) -> list[str]:
    """UTF-16 codecs worth trying on bytes that are valid UTF-8 but full of NULs."""
    if len(raw) < 4 or len(raw) % 2 or raw.count(0) < len(raw) // 8:
        return []
    return _utf16_candidates(raw)


def _canonical(codec: str, data: bytes, text: str) -> str:
    """Report gb18030 for the GB family, big5 when plain Big5 decodes the same."""
    if codec in _GB_FAMILY:
        return "gb18030"
    if codec in ("cp950", "big5hkscs", "big5"):
        if _strict(data, "big5") == text:
            return "big5"
        return codec
    return codec


def decode(data: bytes | bytearray | memoryview, hint: str | None = None) -> Decoded:
    """Decode ``data`` to text, never raising; see the module docstring for the evidence order.

    ``hint`` is a charset name or a ``Content-Type`` value. The report says what was
    tried: ``bom``, ``hint_used`` / ``hint_overridden``, ``candidates`` with scores,
    ``bad_bytes`` when nothing decoded cleanly, ``binary`` for non-text data.

    >>> decode(b"\\xc4\\xe3\\xba\\xc3", hint="text/html; charset=gb2312").text
    '你好'
    """
    if isinstance(data, str):
        raise TypeError("decode() takes bytes (the raw response body); this is already str — pass the bytes, or use the text as it is")
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode() takes bytes, bytearray or memoryview, not {type(data).__name__}")
    raw = bytes(data)
    report: dict[str, Any] = {}

    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            body = raw[len(bom) :]
            text = body.decode(codec, errors="replace")
            bad = _bad_count(text)
            report["bom"] = name
            if bad:
                report["bad_bytes"] = bad
            return Decoded(text, name, 1.0 if not bad else 0.6, False, report)

    text = _strict(raw, "utf-8")
    if text is not None and "\x00" in text:
        wide = [(c, t) for c in _nul_pattern_utf16(raw) if (t := _strict(raw, c)) is not None]
        wide = [(c, t) for c, t in wide if t.count("\x00") < text.count("\x00") / 4]
        if wide:
            codec, wtext = max(wide, key=lambda ct: _score(ct[1], 0))
            report["no_bom_utf16"] = True
            return Decoded(wtext, codec, 0.9, False, report)
    if text is not None:
        declared = normalize_charset(hint) or declared_charset(raw)
        if declared and declared not in ("utf-8", "ascii") and not raw.isascii():
            report["hint_overridden"] = {"declared": declared, "used": "utf-8", "why": "the bytes are valid UTF-8"}
        return Decoded(text, "utf-8" if not raw.isascii() else "ascii", 1.0, False, report)

    if _looks_binary(raw):
        report["binary"] = True

    declared = normalize_charset(hint)
    source = "hint"
    if declared is None:
        declared = declared_charset(raw)
        source = "meta"
    candidates: list[tuple[str, str, int]] = []  # codec, text, bad
    if declared:
        codec = "gb18030" if declared in _GB_FAMILY else declared
        dtext = _strict(raw, "big5" if declared in _BIG5_FAMILY else codec)
        if dtext is None and declared in _BIG5_FAMILY:
            for alt in ("cp950", "big5hkscs"):
                dtext = _strict(raw, alt)
                if dtext is not None:
                    codec = alt
                    break
        if dtext is not None and _score(dtext, 0) > 0.3:
            enc = _canonical(codec, raw, dtext)
            report["hint_used"] = {"declared": declared, "source": source}
            if declared in ("gb2312",) and _strict(raw, "gb2312") is None:
                report["hint_overridden"] = {"declared": declared, "used": "gb18030", "why": "characters outside GB2312"}
            return Decoded(dtext, enc, 0.95, False, report)
        report["hint_overridden"] = {"declared": declared, "why": "does not decode cleanly or reads as implausible text"}

    for codec in ["gb18030", "big5", *_utf16_candidates(raw)]:
        t = _strict(raw, codec)
        if t is None and codec == "big5":
            for codec in ("cp950", "big5hkscs"):
                t = _strict(raw, codec)
                if t is not None:
                    break
        if t is not None:
            candidates.append((codec, t, 0))
    if not candidates or max(_score(t, b) for _, t, b in candidates) < 0.3:
        try:
            from charset_normalizer import from_bytes

            best = from_bytes(raw[:65536]).best()
            if best is not None and best.encoding:
                t = _strict(raw, best.encoding)
                if t is not None:
                    candidates.append((best.encoding, t, 0))
        except Exception:  # a detector failure must not make decode raise
            pass
    if not candidates:
        for codec in ("gb18030", "cp950", "utf-8"):
            t = raw.decode(codec, errors="replace")
            candidates.append((codec, t, _bad_count(t)))
    scored = sorted(((_score(t, b), c, t, b) for c, t, b in candidates), key=lambda x: -x[0])
    best_score, codec, text, bad = scored[0]
    margin = best_score - scored[1][0] if len(scored) > 1 else 1.0
    confidence = max(0.0, min(1.0, 0.5 + margin / 2 + min(best_score, 1.0) / 4))
    if bad or best_score < 0.3:
        confidence = min(confidence, 0.3)
        report["bad_bytes"] = bad
    if report.get("binary"):
        confidence = min(confidence, 0.1)
    report["candidates"] = {c: round(s, 3) for s, c, _, _ in scored}
    return Decoded(text, _canonical(codec, raw, text), round(confidence, 3), False, report)
