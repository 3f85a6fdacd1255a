"""The benchmark suite runs end to end in quick mode and writes its result files."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_benchmarks_complete(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    throughput = json.loads((tmp_path / "throughput.json").read_text())
    assert "peer chain (ftfy + t2s + spaces)" in throughput["rows"]
    assert throughput["parallel"]["identical_to_one_worker"] is True
    assert throughput["machine"]["cores"] >= 1 and "ftfy" in throughput["machine"]["packages"]
    accuracy = json.loads((tmp_path / "accuracy.json").read_text())
    assert set(accuracy) == {"machine", "decode", "mojibake", "conversion", "boilerplate", "despin"}
    for name in ("throughput.md", "accuracy.md", "profile.md"):
        text = (tmp_path / name).read_text()
        assert text.startswith("Machine: "), name
    assert "Corpus sample" in (tmp_path / "throughput.md").read_text()
    assert "| decoder |" in (tmp_path / "accuracy.md").read_text()
    assert "functions by internal time" in (tmp_path / "profile.md").read_text()
    png = tmp_path / "throughput.png"
    if importlib.util.find_spec("matplotlib") is not None:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    else:
        assert not png.exists()
