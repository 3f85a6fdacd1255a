"""Worst-case time: every regex in the rule tables (and the passes' own patterns) runs in
time linear in the input, and the library holds no dangerous calls.

Linearity is measured as a ratio, not a speed: the time on 1 MB of adversarial input
over the time on 100 KB must stay well under the 100x a quadratic pattern would show.
"""

from __future__ import annotations

import ast
import re
import time
from pathlib import Path

import pytest
import regex

import importlib

normalize_module = importlib.import_module("textrepair.normalize")
from textrepair.lexicon import load_table, table_names

SRC = Path(__file__).resolve().parent.parent / "src" / "textrepair"
MAX_RATIO = 30.0  # 10x the input; linear ≈ 10, quadratic ≈ 100
# A pattern that scans 100 KB in well under a millisecond is timed against this floor, so
# that scheduler noise of a few milliseconds on the 1 MB run cannot look like growth (a
# quadratic pattern takes seconds on 100 KB of adversarial input).
MIN_SMALL_SECONDS = 1e-3


def _table_patterns() -> list[tuple[str, str]]:
    found = []
    for name in table_names():
        for row in load_table(name):
            for col, value in row.items():
                regex_column = col == "pattern" or col.endswith(("_pattern", "_regex")) or (name == "spin_context" and col in ("before", "after"))
                if value and regex_column:
                    found.append((f"{name}:{row['id']}:{col}", value))
    return found


def _module_patterns() -> list[tuple[str, str]]:
    found = []
    for mod in [normalize_module]:
        for attr, value in vars(mod).items():
            if isinstance(value, re.Pattern):
                found.append((f"{mod.__name__}.{attr}", value.pattern))
    rules = normalize_module._rules()
    for field in ("space_re", "width_re", "trailing_re", "join_zh_re", "mark_run_re"):
        found.append((f"normalize._rules.{field}", getattr(rules, field).pattern))
    for mode, pats in rules.fast_re.items():
        for i, pat in enumerate(pats):
            found.append((f"normalize._rules.fast_re[{mode}][{i}]", pat.pattern))
    found.append(("normalize._rules.mark_ctx_re", rules.mark_ctx_re.pattern))
    return found


def _pieces(pattern: str) -> list[str]:
    """Literal fragments of a pattern, to build near-miss adversarial input from."""
    literals = regex.findall(r"[\p{Han}A-Za-z0-9]{1,8}", pattern)
    return [p for p in literals if p not in {"n", "s", "d", "w", "S", "D", "W", "b", "B", "p", "P", "Han", "u", "x", "t", "r", "A", "Z", "z"}][:6]


def _adversarial(pattern: str, size: int) -> list[str]:
    pieces = _pieces(pattern) or ["图源"]
    near_miss = "".join(p + ",:：，" for p in pieces)
    units = [
        near_miss,
        "图源" * 3 + "，" * 5,
        "　 " * 4 + "\t",
        "，" * 10,
        "新加坡人工智能公司",
        "a" * 5 + "1,0",
        "(" * 3 + "“",
        "\n" * 3,
        " " * 8,
    ]
    out = []
    for unit in units:
        reps = size // max(1, len(unit.encode("utf-8"))) + 1
        out.append(unit * reps)
    return out


def _time(compiled, texts: list[str]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for t in texts:
            for _m in compiled.finditer(t):
                pass
        best = min(best, time.perf_counter() - start)
    return best


PATTERNS = _table_patterns() + _module_patterns()


@pytest.mark.parametrize("where, pattern", PATTERNS, ids=[w for w, _ in PATTERNS])
def test_pattern_time_grows_linearly(where, pattern):
    compiled = regex.compile(pattern, regex.MULTILINE) if "\\p{" in pattern else re.compile(pattern, re.MULTILINE)
    small = _time(compiled, _adversarial(pattern, 100_000))
    large = _time(compiled, _adversarial(pattern, 1_000_000))
    ratio = large / max(small, MIN_SMALL_SECONDS)
    assert ratio < MAX_RATIO, f"{where}: 1 MB took {large:.3f}s, 100 KB {small:.4f}s (ratio {ratio:.1f})"


FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_ATTRS = {("pickle", "load"), ("pickle", "loads"), ("os", "system"), ("os", "popen"), ("subprocess", "run"), ("subprocess", "Popen"), ("subprocess", "call"), ("subprocess", "check_output"), ("marshal", "loads")}


def test_no_eval_shell_or_unpickling_in_the_library():
    offenders = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                f = node.func
                if isinstance(f, ast.Name) and f.id in FORBIDDEN_CALLS:
                    offenders.append(f"{path.name}:{node.lineno} {f.id}()")
                if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and (f.value.id, f.attr) in FORBIDDEN_ATTRS:
                    offenders.append(f"{path.name}:{node.lineno} {f.value.id}.{f.attr}()")
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
                for n in names:
                    if n in {"socket", "urllib.request", "http.client", "ftplib", "telnetlib"}:
                        offenders.append(f"{path.name}:{node.lineno} imports {n}")
    assert offenders == []
