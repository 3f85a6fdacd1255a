"""Repair the fixture articles with Spark in local[2] mode.

    python examples/spark_job.py [--check]

Writes id, repaired text and report fields; examples/expected/spark.jsonl holds the expected
rows, compared with `--check`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pyspark.sql import SparkSession

from textrepair.integrations.spark import repair_udf

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    spark = SparkSession.builder.master("local[2]").appName("textrepair-example").config("spark.ui.enabled", "false").getOrCreate()
    df = spark.read.json(str(ROOT / "fixtures" / "seeds.jsonl"))
    out = df.select("id", repair_udf()("text").alias("r")).select("id", "r.text", "r.spin_score", "r.script", "r.boilerplate_removed", "r.error")
    rows = sorted((row.asDict() for row in out.collect()), key=lambda r: r["id"])
    spark.stop()
    if "--check" in sys.argv:
        expected = [json.loads(l) for l in (ROOT / "examples" / "expected" / "spark.jsonl").read_text(encoding="utf-8").splitlines()]
        print("matches expected output:", rows == expected)
        return 0 if rows == expected else 1
    for r in rows:
        print(json.dumps(r, ensure_ascii=False)[:160])
    return 0


if __name__ == "__main__":
    sys.exit(main())
