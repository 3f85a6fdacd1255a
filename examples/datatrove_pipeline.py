"""Repair the fixture articles with datatrove's local executor and 2 tasks.

    python examples/datatrove_pipeline.py OUT_DIR

Reads fixtures/seeds.jsonl split into two shards, runs TextRepairStep, writes JSONL to
OUT_DIR/output/; examples/expected/datatrove.jsonl holds the expected id → text records
(the same texts `textrepair.repair` gives), compared with `--check`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from textrepair.integrations.datatrove import TextRepairStep

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "datatrove-out")
    shards = out / "input"
    shards.mkdir(parents=True, exist_ok=True)
    records = [json.loads(line) for line in (ROOT / "fixtures" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()]
    for i in range(2):
        (shards / f"shard{i}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[i::2]), encoding="utf-8")
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(shards)), TextRepairStep(), JsonlWriter(str(out / "output"), compression=None)],
        tasks=2,
        logging_dir=str(out / "logs"),
    ).run()
    got = {}
    for path in sorted((out / "output").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            got[rec["id"]] = rec["text"]
    if "--check" in sys.argv:
        expected = {json.loads(l)["id"]: json.loads(l)["text"] for l in (ROOT / "examples" / "expected" / "datatrove.jsonl").read_text(encoding="utf-8").splitlines()}
        print("matches expected output:", got == expected)
        return 0 if got == expected else 1
    print(f"{len(got)} documents repaired into {out / 'output'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
