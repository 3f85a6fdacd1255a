"""Boilerplate line classification and stripping (stub, see issue 5)."""

from __future__ import annotations

from .pipeline import PassOutput

__all__ = ["StripBoilerplate", "strip_boilerplate"]


class StripBoilerplate:
    """Pass: removes site boilerplate lines and promo fragments."""

    name = "strip_boilerplate"

    def __init__(self, mode: str = "remove") -> None:
        self.mode = mode

    def run(self, text: str) -> PassOutput:
        return PassOutput(text, [], {})


def strip_boilerplate(text: str) -> str:
    """Remove boilerplate from ``text``."""
    return StripBoilerplate().run(text).text
