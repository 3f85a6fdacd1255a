"""CJK and Latin mojibake repair (stub, see issue 3)."""

from __future__ import annotations

from .pipeline import PassOutput

__all__ = ["FixMojibake", "fix_mojibake"]


class FixMojibake:
    """Pass: repairs text that was decoded with the wrong codec."""

    name = "fix_mojibake"

    def run(self, text: str) -> PassOutput:
        return PassOutput(text, [], {})


def fix_mojibake(text: str) -> str:
    """Repair mojibake in ``text``."""
    return FixMojibake().run(text).text
