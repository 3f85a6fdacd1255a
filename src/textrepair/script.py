"""Script detection and traditional-to-simplified conversion (stub, see issue 4)."""

from __future__ import annotations

from .pipeline import PassOutput

__all__ = ["ToSimplified", "to_simplified", "detect_script"]


def detect_script(text: str) -> str:
    """'simplified', 'traditional', 'mixed' or 'none'."""
    return "none"


class ToSimplified:
    """Pass: traditional to simplified with farm-artifact repair."""

    name = "to_simplified"

    def __init__(self, vocabulary: str = "conservative", target: str = "simplified") -> None:
        self.vocabulary = vocabulary
        self.target = target

    def run(self, text: str) -> PassOutput:
        return PassOutput(text, [], {})


def to_simplified(text: str, vocabulary: str = "conservative") -> str:
    """Convert ``text`` to simplified Chinese."""
    return ToSimplified(vocabulary).run(text).text
