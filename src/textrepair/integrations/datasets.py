"""A batched function for Hugging Face ``datasets``: ``Dataset.map(repair_batch, batched=True, num_proc=N)``.

    from datasets import load_dataset
    from textrepair.integrations.datasets import repair_batch

    ds = load_dataset("json", data_files="crawl.jsonl")["train"]
    ds = ds.map(repair_batch, batched=True, num_proc=8, fn_kwargs={"column": "text"})

The repaired text replaces the column; ``textrepair_*`` columns hold the report fields
and ``textrepair_error`` ("" when all went well). A value that is not a string passes
through unchanged with its error. The default pipeline is built once per process.

>>> repair_batch({"text": ["靠山,迷霧"]})["text"]
['靠山，迷雾']
"""

from __future__ import annotations

from typing import Any

from ..repair import repair
from . import FIELD_NAMES, report_fields

__all__ = ["repair_batch"]


def repair_batch(batch: dict[str, list[Any]], column: str = "text", prefix: str = "textrepair_") -> dict[str, list[Any]]:
    """Repair ``batch[column]``; adds one ``prefix + field`` column per report field and an error column."""
    texts: list[Any] = []
    columns: dict[str, list[Any]] = {f"{prefix}{name}": [] for name in FIELD_NAMES}
    errors: list[str] = []
    for value in batch[column]:
        fields: dict[str, Any]
        if not isinstance(value, str):
            texts.append(value)
            errors.append(f"{column} is {type(value).__name__}, not str")
            fields = {"edits": 0, "spin_score": 0.0, "script": "", "script_origin": "", "boilerplate_removed": 0, "mojibake_repaired": 0}
        else:
            try:
                result = repair(value)
                texts.append(result.text)
                errors.append("")
                fields = report_fields(result)
            except Exception as exc:  # one bad row must not fail the map
                texts.append(value)
                errors.append(f"{type(exc).__name__}: {exc}")
                fields = {"edits": 0, "spin_score": 0.0, "script": "", "script_origin": "", "boilerplate_removed": 0, "mojibake_repaired": 0}
        for name in FIELD_NAMES:
            columns[f"{prefix}{name}"].append(fields[name])
    out = dict(batch)
    out[column] = texts
    out.update(columns)
    out[f"{prefix}error"] = errors
    return out
