"""Every input the fuzzer ever crashed on (fixtures/fuzz-crashes/) must now pass."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fuzz"))

import fuzz_textrepair  # noqa: E402

CRASH_FILES = sorted((ROOT / "fixtures" / "fuzz-crashes").glob("*.json"))


@pytest.mark.parametrize("path", CRASH_FILES, ids=[p.name for p in CRASH_FILES])
def test_saved_crash_input_passes(path):
    fuzz_textrepair.replay(path)


def test_fuzz_targets_run_on_fixed_buffers():
    for buf in [b"", b"\x00" * 64, bytes(range(256)), "鍙戝竷 靠山,迷霧".encode("utf-8") * 5]:
        fuzz_textrepair.check_decode.hypothesis.fuzz_one_input(buf)
        fuzz_textrepair.check_pipeline.hypothesis.fuzz_one_input(buf)
