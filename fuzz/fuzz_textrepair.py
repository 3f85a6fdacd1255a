"""Time-bounded fuzzing of ``decode`` and the default pipeline (hypothesis' fuzzing entry point).

Random byte buffers drive two hypothesis-described targets; the example that made a
target fail (the bytes or text itself, not the buffer, so that it survives hypothesis
upgrades) is saved to ``fixtures/fuzz-crashes/<target>-<sha1>.json`` and replayed by
``tests/test_fuzz_regressions.py`` from then on.

    python fuzz/fuzz_textrepair.py --seconds 60          # what CI runs
    make fuzz                                            # 10 minutes
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textrepair as tr
from textrepair.pipeline import replay_edits

ROOT = Path(__file__).resolve().parent.parent
CRASHES = ROOT / "fixtures" / "fuzz-crashes"
_SEED_LINES = [
    line for path in sorted((ROOT / "fixtures" / "seeds").glob("0*_*.txt")) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
]
_CODECS = ["utf-8", "gb18030", "gbk", "big5", "utf-16", "utf-16-le", "latin-1", "cp1252"]

_fragments = st.one_of(
    st.sampled_from(_SEED_LINES).flatmap(lambda s: st.tuples(st.integers(0, len(s)), st.integers(0, len(s))).map(lambda ab: s[min(ab) : max(ab)])),
    st.text(max_size=20),
    st.sampled_from(["\r\n", "\u200b", "\ufeff", "\ud800", "锟斤拷", "鍙戝竷", "ÄãºÃ", "(fā)", "返回搜狐,查看更多", "  ", ",,,,", "\"", "（", "\n\n\n"]),
)
dirty_text = st.lists(_fragments, max_size=25).map("".join)


def _check_result(text: str) -> None:
    res = tr.repair(text)
    assert isinstance(res.text, str)
    assert replay_edits(text, res.edits) == res.text
    assert tr.repair(res.text).text == res.text, "repair is not idempotent"


def run_decode(data: bytes) -> None:
    """decode never raises on bytes, returns str, and its text survives the pipeline."""
    doc = tr.decode(data)
    assert isinstance(doc.text, str)
    assert 0.0 <= doc.confidence <= 1.0
    _check_result(doc.text)


def run_pipeline(text: str) -> None:
    """The default pipeline never raises, its edits replay, and it is idempotent."""
    _check_result(text)


_last: dict[str, object] = {}
_encoded = dirty_text.flatmap(
    lambda t: st.sampled_from(_CODECS).map(lambda c: t.encode(c, "replace") if "\ud800" not in t else t.encode("utf-8", "surrogatepass"))
)


@settings(database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(st.binary(max_size=4096), _encoded))
def check_decode(data: bytes) -> None:
    _last["value"] = data
    run_decode(data)


@settings(database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(dirty_text)
def check_pipeline(text: str) -> None:
    _last["value"] = text
    run_pipeline(text)


TARGETS = {"decode": check_decode, "pipeline": check_pipeline}


def save_crash(target: str, value: object) -> Path:
    """Keep a failing example as a regression fixture; returns its path."""
    record = {"target": target, "hex": value.hex()} if isinstance(value, bytes) else {"target": target, "text": value}
    data = json.dumps(record, ensure_ascii=True)
    path = CRASHES / f"{target}-{hashlib.sha1(data.encode()).hexdigest()[:16]}.json"
    path.write_text(data + "\n", encoding="ascii")
    return path


def replay(path: Path) -> None:
    """Run a saved failing example through its target again (raises if it still fails)."""
    record = json.loads(path.read_text(encoding="ascii"))
    if record["target"] == "decode":
        run_decode(bytes.fromhex(record["hex"]))
    else:
        run_pipeline(record["text"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600.0, help="how long to fuzz (default 600)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: time-based)")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    end = time.monotonic() + args.seconds
    runs = crashes = 0
    CRASHES.mkdir(parents=True, exist_ok=True)
    while time.monotonic() < end:
        buf = rng.randbytes(rng.randint(1, 8192))
        for name, target in TARGETS.items():
            runs += 1
            try:
                target.hypothesis.fuzz_one_input(buf)  # type: ignore[attr-defined]
            except Exception:
                crashes += 1
                path = save_crash(name, _last.get("value"))
                print(f"crash in {name}, saved {path}", file=sys.stderr)
                traceback.print_exc(limit=4)
    print(f"fuzz: seed {seed}, {runs} runs in {args.seconds:.0f} s, {crashes} crashes")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
