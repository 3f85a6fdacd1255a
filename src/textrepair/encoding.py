"""Bytes to text: BOMs, candidate decodings, Chinese-aware scoring (stub, see issue 3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Decoded", "decode"]


@dataclass
class Decoded:
    """The text decoded from bytes, the encoding chosen, how sure, and whether it was repaired."""

    text: str
    encoding: str
    confidence: float
    repaired: bool = False
    report: dict[str, Any] = field(default_factory=dict)


def decode(data: bytes | bytearray | memoryview, hint: str | None = None) -> Decoded:
    """Decode ``data`` to text (stub: UTF-8 with replacement)."""
    if isinstance(data, str):
        raise TypeError("decode() takes bytes; this is already str (pass the raw bytes)")
    raw = bytes(data)
    return Decoded(raw.decode("utf-8", errors="replace"), "utf-8", 0.5)
