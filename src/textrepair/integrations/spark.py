"""A vectorized (Arrow/pandas) Spark UDF: repaired text and report fields as one struct column.

    from textrepair.integrations.spark import repair_udf
    df = df.withColumn("r", repair_udf()("text")).select("id", "r.text", "r.spin_score", "r.error")

The pipeline is built once per executor process (a module-level cache), not per row or
per batch. A row whose value is not a string, or whose repair fails, comes back with its
original value and ``error`` set — one bad row never fails the job.
"""

from __future__ import annotations

import functools
from typing import Any, Sequence

try:
    import pandas as pd
    from pyspark.sql import functions as F
    from pyspark.sql import types as T
except ImportError as exc:  # pragma: no cover - depends on the extra
    raise ImportError("textrepair.integrations.spark needs pyspark, pandas and pyarrow: pip install 'textrepair[spark]'") from exc

from ..pipeline import Pipeline
from ..repair import DEFAULT_PASSES, build_pipeline
from . import FIELD_NAMES, report_fields

__all__ = ["repair_udf", "RESULT_SCHEMA"]

#: The struct the UDF returns: the text, every report field, and an error message.
RESULT_SCHEMA = T.StructType(
    [
        T.StructField("text", T.StringType()),
        T.StructField("edits", T.IntegerType()),
        T.StructField("spin_score", T.DoubleType()),
        T.StructField("script", T.StringType()),
        T.StructField("script_origin", T.StringType()),
        T.StructField("boilerplate_removed", T.IntegerType()),
        T.StructField("mojibake_repaired", T.IntegerType()),
        T.StructField("error", T.StringType()),
    ]
)


@functools.lru_cache(maxsize=8)
def _pipeline(passes: tuple[str, ...]) -> Pipeline:
    return build_pipeline(passes)


def _repair_rows(values: Any, passes: tuple[str, ...]) -> Any:
    pipeline = _pipeline(passes)
    rows = []
    for value in values:
        row: dict[str, Any] = {name: None for name in FIELD_NAMES}
        if not isinstance(value, str):
            missing = value is None or (isinstance(value, float) and value != value)
            row.update(text=None, error="value is missing" if missing else f"value is {type(value).__name__}, not str")
        else:
            try:
                result = pipeline(value)
                row.update(report_fields(result), text=result.text, error=None)
            except Exception as exc:  # one bad row must not fail the job
                row.update(text=value, error=f"{type(exc).__name__}: {exc}")
        rows.append(row)
    return pd.DataFrame(rows, columns=[f.name for f in RESULT_SCHEMA.fields])


def repair_udf(passes: Sequence[str] = DEFAULT_PASSES) -> Any:
    """A pandas UDF repairing a string column into :data:`RESULT_SCHEMA`."""
    chosen = tuple(passes)

    @F.pandas_udf(RESULT_SCHEMA)  # type: ignore[call-overload]
    def textrepair_udf(texts: pd.Series) -> pd.DataFrame:
        return _repair_rows(texts, chosen)

    return textrepair_udf
