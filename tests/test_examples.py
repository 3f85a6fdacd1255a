"""The runnable examples produce their expected output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_datatrove_example(tmp_path):
    pytest.importorskip("datatrove")
    proc = subprocess.run([sys.executable, str(ROOT / "examples" / "datatrove_pipeline.py"), str(tmp_path), "--check"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and "matches expected output: True" in proc.stdout, proc.stderr[-2000:]


def test_spark_example():
    pytest.importorskip("pyspark")
    proc = subprocess.run([sys.executable, str(ROOT / "examples" / "spark_job.py"), "--check"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and "matches expected output: True" in proc.stdout, proc.stderr[-2000:]
