"""The FixMojibake pass: cheap entry tests first, then the Latin, ftfy, word and CJK repairs.

>>> FixMojibake().run("新品鍙戝竷").text
'新品发布'
"""

from __future__ import annotations

import re
from typing import Any

from ..edits import EditTrail, PassOutput, diff_edits
from .cjk import _cjk_edits
from .latin import _LATIN_RUN, _LATIN_TRIGGER, _latin_edits
from .reading import _kinds
from .words import _dense_lines, _scan_rare, _word_edits

__all__ = ["FixMojibake", "fix_mojibake"]

# ftfy's domain: UTF-8 read as Latin-1/cp1252 shows Ã, Â, â€, Ð, Ñ, Å … followed by a continuation-like character.
_FTFY_HINT = re.compile(r"[\u0080-\u00b6\u00b8-\u00d6\u00d8-\u00f6\u00f8-\u1fff\u2100-\u218f\u2200-\u2211\u2213-\u22ff\u2500-\u259f]")


class FixMojibake:
    """Pass: repairs text that was decoded with the wrong codec, span by span.

    >>> FixMojibake().run("新品鍙戝竷").text
    '新品发布'
    """

    name = "fix_mojibake"

    def __repr__(self) -> str:
        return "FixMojibake()"

    def run(self, text: str) -> PassOutput:
        """Repair mojibake in ``text``; returns the text, the edits and report fields."""
        has_rare, dense = _scan_rare(text, stop_at_run=True)  # one scan for both tests
        has_dense = dense is None or bool(dense)  # not known yet when a run stopped the scan
        has_hint = _FTFY_HINT.search(text) is not None
        # a Latin trigger starts with a character of the ftfy hint's class, or with · × ÷
        has_latin = (
            (has_hint or "·" in text or "×" in text or "÷" in text)
            and _LATIN_TRIGGER.search(text) is not None
            and _LATIN_RUN.search(text) is not None
        )
        if not has_rare and not has_dense and not has_latin and not has_hint:
            return PassOutput(text, [], {})
        trail = EditTrail(text, self.name)
        report: dict[str, Any] = {}
        if has_latin:
            trail.step(_latin_edits(trail.text, self.name))
        if _FTFY_HINT.search(trail.text) if trail.edits else has_hint:
            import ftfy

            fixed = ftfy.fix_encoding(trail.text)
            if fixed != trail.text:
                trail.step(diff_edits(trail.text, fixed, self.name, _kinds()["ftfy"][0]["id"]))
        if not trail.edits and dense is None:
            dense = _dense_lines(text)  # needed now: nothing was repaired before
            has_dense = bool(dense)
        if has_dense or trail.edits:
            trail.step(_word_edits(trail.text, self.name, None if trail.edits else dense))
        if has_rare or trail.edits:
            for _ in range(3):  # a repair can expose the next damaged span
                step = _cjk_edits(trail.text, self.name, report)
                if not step:
                    break
                trail.step(step)
        if trail.edits:
            report["mojibake_repaired"] = len(trail.edits)
        return trail.output(report)


_DEFAULT = FixMojibake()


def fix_mojibake(text: str) -> str:
    """Repair mojibake in ``text`` (see :class:`FixMojibake`).

    >>> fix_mojibake("正常的中文不变。")
    '正常的中文不变。'
    """
    return _DEFAULT.run(text).text
