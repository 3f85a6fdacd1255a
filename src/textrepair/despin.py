"""Spun-text scoring and repair (stub, see issue 6)."""

from __future__ import annotations

from .pipeline import PassOutput

__all__ = ["Despin", "despin", "spin_score"]


def spin_score(text: str) -> float:
    """Spin evidence per 1,000 Han characters."""
    return 0.0


class Despin:
    """Pass: restores synonym-spun text."""

    name = "despin"

    def run(self, text: str) -> PassOutput:
        return PassOutput(text, [], {"spin_score": 0.0})


def despin(text: str) -> str:
    """Restore spun ``text``."""
    return Despin().run(text).text
