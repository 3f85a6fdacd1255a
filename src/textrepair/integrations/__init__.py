"""Adapters that run textrepair inside the engines corpus builders already use.

``textrepair.integrations.datatrove`` (a datatrove pipeline step) and
``textrepair.integrations.datasets`` (a batched function for ``Dataset.map``) share
:func:`report_fields`: the flat, engine-friendly summary of a :class:`~textrepair.Result`.
Each engine is an optional extra (``pip install 'textrepair[datatrove]'``); importing an
adapter without it raises an ImportError that names the extra.

>>> import textrepair as tr
>>> report_fields(tr.repair("靠山,迷霧"))["edits"]
2
"""

from __future__ import annotations

from typing import Any

from ..pipeline import Result

__all__ = ["report_fields", "FIELD_NAMES"]

#: The keys :func:`report_fields` returns, in order.
FIELD_NAMES = ("edits", "spin_score", "script", "script_origin", "boilerplate_removed", "mojibake_repaired")


def report_fields(result: Result) -> dict[str, Any]:
    """Flat scalar facts about one repaired document (counts, scores, labels).

    >>> sorted(report_fields(Result("好", [], {})))
    ['boilerplate_removed', 'edits', 'mojibake_repaired', 'script', 'script_origin', 'spin_score']
    """
    report = result.report
    return {
        "edits": len(result.edits),
        "spin_score": float(report.get("spin_score", 0.0)),
        "script": str(report.get("script", "none")),
        "script_origin": str(report.get("script_origin", "")),
        "boilerplate_removed": len(report.get("boilerplate_removed", [])),
        "mojibake_repaired": int(report.get("mojibake_repaired", 0)),
    }
