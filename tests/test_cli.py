"""The ``textrepair`` command: JSONL accounting, exit codes, workers, atomic output, resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import textrepair as tr
from textrepair.cli import main

from conftest import SEED_FILES, seed_text

CLI = [sys.executable, "-m", "textrepair.cli"]


def _seed_jsonl(path: Path, bad: bool = True) -> int:
    lines = [json.dumps({"id": k, "text": seed_text(k), "meta": {"n": i}}, ensure_ascii=False) for i, k in enumerate(SEED_FILES)]
    if bad:
        lines.insert(2, '{"id": "broken", "text": ')  # invalid JSON
        lines.append('{"id": "nofield"}')  # missing field
        lines.append('{"id": "notstr", "text": 42}')  # field not a string
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def test_clean_jsonl_accounts_for_every_record(tmp_path, capsys):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _seed_jsonl(src)
    code = main(["clean", str(src), "--jsonl", "-o", str(out), "--no-progress"])
    assert code == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == list(SEED_FILES)
    for r in records:
        assert r["text"] == tr.repair(seed_text(r["id"])).text
        assert r["meta"] == {"n": list(SEED_FILES).index(r["id"])}  # other fields pass through
    errors = [json.loads(line) for line in (tmp_path / "out.jsonl.errors.jsonl").read_text().splitlines()]
    assert [e["line"] for e in errors] == [3, 7, 8]
    assert "invalid JSON" in errors[0]["reason"]
    assert "no field 'text'" in errors[1]["reason"]
    assert "not a string" in errors[2]["reason"]
    assert errors[1]["raw"] == '{"id": "nofield"}'
    err = capsys.readouterr().err
    assert "8 records in, 5 written, 3 errors" in err
    # a second run on its own output changes nothing
    out2 = tmp_path / "out2.jsonl"
    assert main(["clean", str(out), "--jsonl", "-o", str(out2), "--no-progress"]) == 0
    assert out2.read_bytes() == out.read_bytes()
    assert not list(tmp_path.glob(".*textrepair*"))  # work files are gone


def test_workers_keep_input_order_and_output(tmp_path):
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"i": i, "text": seed_text(k)[: 200 + i]}, ensure_ascii=False) for i in range(60) for k in ["000"]]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["clean", str(src), "--jsonl", "-o", str(one), "--chunk-size", "7", "--no-progress"]) == 0
    assert main(["clean", str(src), "--jsonl", "-o", str(two), "--workers", "2", "--chunk-size", "7", "--no-progress"]) == 0
    assert one.read_bytes() == two.read_bytes()
    assert [json.loads(x)["i"] for x in two.read_text().splitlines()] == list(range(60))


def test_non_utf8_line_is_reported_not_fatal(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_bytes(b'{"text": "\xe9\x9d\xa0\xe5\xb1\xb1"}\n{"text": "\xbf\xbf\xbf"}\n{"text": "ok"}\n')
    assert main(["clean", str(src), "--jsonl", "-o", str(out), "--passes", "normalize", "--no-progress"]) == 1
    assert len(out.read_text().splitlines()) == 2
    errors = (tmp_path / "out.jsonl.errors.jsonl").read_text()
    assert "not UTF-8" in errors and '"line": 2' in errors


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["clean", "--passes", "nosuchpass"]) == 2
    assert main(["clean", str(tmp_path / "missing.jsonl"), "--jsonl", "-o", str(tmp_path / "o")]) == 2
    assert main(["clean", "--workers", "0"]) == 2
    assert main([]) == 2
    assert main(["--bogus"]) == 2
    assert "unknown pass" in capsys.readouterr().err


def test_unwritable_output_gives_clear_error(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    _seed_jsonl(src, bad=False)
    code = main(["clean", str(src), "--jsonl", "-o", str(tmp_path / "no" / "such" / "dir" / "out.jsonl")])
    assert code == 3
    assert "output folder does not exist" in capsys.readouterr().err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_full_disk_gives_clear_error(tmp_path):
    src = tmp_path / "in.jsonl"
    _seed_jsonl(src, bad=False)
    proc = subprocess.run(CLI + ["clean", str(src), "--jsonl", "--passes", "normalize"], stdout=open("/dev/full", "wb"), stderr=subprocess.PIPE)
    assert proc.returncode == 3
    assert b"disk is full" in proc.stderr


def test_help_is_complete():
    proc = subprocess.run(CLI + ["clean", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0
    for flag in ["--jsonl", "--field", "--workers", "--passes", "--errors", "--report", "--time-budget", "--resume", "-o"]:
        assert flag in proc.stdout


def test_text_files_and_explain(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_bytes(seed_text("002").encode("gb18030"))
    out = tmp_path / "a.out.txt"
    assert main(["clean", str(src), "-o", str(out), "--passes", "normalize"]) == 0
    assert out.read_text(encoding="utf-8").startswith("广州是否错过了移动互联网时代的风口？")
    capsys.readouterr()
    assert main(["explain", str(SEED_FILES["000"]), "--passes", "normalize"]) == 0
    shown = capsys.readouterr().out
    assert "N10" in shown and "'，'" in shown and "edits" in shown


def test_report_file(tmp_path):
    src, out, rep = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "rep.jsonl"
    _seed_jsonl(src, bad=False)
    assert main(["clean", str(src), "--jsonl", "-o", str(out), "--report", str(rep), "--no-progress"]) == 0
    reports = [json.loads(x) for x in rep.read_text().splitlines()]
    assert [r["line"] for r in reports] == [1, 2, 3, 4, 5]
    assert all(r["edits"] > 0 for r in reports)


def test_time_budget_passes_document_through(tmp_path, capsys):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    big = seed_text("000") * 40
    src.write_text(json.dumps({"text": big}, ensure_ascii=False) + "\n" + json.dumps({"text": "靠山,迷霧"}, ensure_ascii=False) + "\n")
    assert main(["clean", str(src), "--jsonl", "-o", str(out), "--time-budget", "0.001", "--no-progress"]) == 0
    texts = [json.loads(x)["text"] for x in out.read_text().splitlines()]
    assert texts[0] == big  # passed through unrepaired
    assert "over the time budget" in capsys.readouterr().err


def _big_jsonl(path: Path, target_bytes: int) -> None:
    paras = [p for k in SEED_FILES for p in seed_text(k).split("\n") if len(p) > 20]
    with open(path, "w", encoding="utf-8") as fh:
        size, i = 0, 0
        while size < target_bytes:
            text = "\n".join(paras[(i + j) % len(paras)] for j in range(1 + i % 7))
            line = json.dumps({"i": i, "text": text}, ensure_ascii=False) + "\n"
            fh.write(line)
            size += len(line.encode("utf-8"))
            i += 1


def test_sigterm_leaves_no_output_and_resume_equals_uninterrupted_run(tmp_path):
    src = tmp_path / "big.jsonl"
    _big_jsonl(src, 50 << 20)
    ref, out = tmp_path / "ref.jsonl", tmp_path / "out.jsonl"
    args = ["clean", str(src), "--jsonl", "--passes", "normalize", "--no-progress"]
    assert subprocess.run(CLI + args + ["-o", str(ref)], capture_output=True).returncode == 0
    proc = subprocess.Popen(CLI + args + ["-o", str(out)], stderr=subprocess.PIPE)
    work = tmp_path / ".out.jsonl.textrepair-resume"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (work / "state.json").exists():
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert not out.exists()
    assert b"interrupted after" in err and b"--resume" in err
    state = json.loads((work / "state.json").read_text())["state"]
    assert 0 < state["records"]
    resumed = subprocess.run(CLI + args + ["-o", str(out), "--resume"], capture_output=True)
    assert resumed.returncode == 0, resumed.stderr
    assert b"resuming at input line" in resumed.stderr
    assert out.read_bytes() == ref.read_bytes()
    assert not work.exists()
