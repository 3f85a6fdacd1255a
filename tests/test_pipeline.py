"""The pipeline contract: Edit, Result, Pipeline, replay and composition of edits."""

from __future__ import annotations

import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textrepair as tr
from textrepair.pipeline import Edit, EditTrail, apply_edits, compose_edits, diff_edits, replay_edits

from conftest import seed_text


class Bracket:
    """A pass written in a test file: wraps every 'AI' in brackets."""

    name = "bracket"

    def run(self, text):
        edits, out, pos = [], [], 0
        i = text.find("AI")
        while i != -1:
            edits.append(Edit(i, i + 2, "AI", "[AI]", self.name, "T1"))
            i = text.find("AI", i + 2)
        return tr.apply_edits(text, edits), edits, {"brackets": len(edits)}


def test_user_pass_plugs_into_pipeline_without_registration():
    pipe = tr.Pipeline([tr.Normalize(), Bracket()])
    res = pipe("新加坡AI生死局,靠山")
    assert res.text == "新加坡[AI]生死局，靠山"
    assert res.report["brackets"] == 1
    assert [e.pass_name for e in res.edits] == ["normalize", "bracket"]
    assert replay_edits("新加坡AI生死局,靠山", res.edits) == res.text


def test_pipeline_rejects_non_passes_and_duplicate_names():
    with pytest.raises(TypeError):
        tr.Pipeline([object()])
    with pytest.raises(ValueError):
        tr.Pipeline([tr.Normalize(), tr.Normalize()])
    with pytest.raises(TypeError):
        tr.Pipeline([tr.Normalize()])(b"bytes")  # type: ignore[arg-type]


def test_repair_on_seed_000_runs_and_replays():
    text = seed_text("000")
    res = tr.repair(text)
    assert isinstance(res.text, str) and res.edits
    assert replay_edits(text, res.edits) == res.text
    for e in res.edits:
        assert e.start <= e.end and e.before != e.after and e.rule


def test_apply_edits_checks_before_text():
    with pytest.raises(ValueError):
        apply_edits("abc", [Edit(0, 1, "x", "y", "p", "r")])
    with pytest.raises(ValueError):
        apply_edits("abc", [Edit(1, 2, "b", "", "p", "r"), Edit(0, 1, "a", "", "p", "r")])


def test_compose_merges_touching_steps():
    t0 = "a\u200b,b"
    trail = EditTrail(t0, "n")
    trail.step([Edit(1, 2, "\u200b", "", "n", "ZW")])
    trail.step([Edit(1, 2, ",", "，", "n", "P")])
    assert trail.text == "a，b"
    assert [(e.start, e.end, e.before, e.after, e.rule) for e in trail.edits] == [(1, 3, "\u200b,", "，", "ZW+P")]
    assert apply_edits(t0, trail.edits) == "a，b"


def test_diff_edits_unequal_lengths():
    edits = diff_edits("领网域的", "领域的", "p", "r")
    assert apply_edits("领网域的", edits) == "领域的"


def test_result_explain_lists_rule_ids():
    res = tr.Pipeline([tr.Normalize()])("靠山,迷雾")
    out = res.explain()
    assert "N10" in out and "'，'" in out


def test_pipelines_pickle():
    pipe = tr.default_pipeline()
    data = pickle.dumps(pipe)
    assert len(data) < 20_000
    again = pickle.loads(data)
    assert again("靠山,迷霧").text == pipe("靠山,迷霧").text


_edit_ops = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 3), st.text(max_size=3)), max_size=6)


def _make_edits(text, ops, name):
    edits, pos = [], 0
    for start, length, after in sorted(ops):
        start = max(start, pos)
        end = min(start + length, len(text))
        if start > len(text):
            break
        if text[start:end] == after:
            continue
        edits.append(Edit(start, end, text[start:end], after, name, "R"))
        pos = end + 1
    return edits


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), _edit_ops, _edit_ops)
def test_compose_equals_sequential_application(text, ops1, ops2):
    first = _make_edits(text, ops1, "p")
    middle = apply_edits(text, first)
    second = _make_edits(middle, ops2, "p")
    final = apply_edits(middle, second)
    composed = compose_edits(text, first, second)
    assert apply_edits(text, composed) == final
    for e in composed:
        assert 0 <= e.start <= e.end <= len(text)


def test_compose_joins_a_run_next_to_an_edit_of_the_next_step():
    text = '中,,"好"'
    first = [Edit(1, 2, ",", "，", "n", "P1"), Edit(2, 3, ",", "，", "n", "P1")]
    second = [Edit(3, 4, '"', "“", "n", "Q")]
    assert compose_edits(text, first, second, "n") == [Edit(1, 4, ',,"', "，，“", "n", "P1+Q")]


def test_compose_with_a_run_that_changes_nothing():
    """Touching edits that change nothing merge with an edit of the next step that touches them."""
    first = [Edit(0, 1, "a", "a", "p", "A"), Edit(1, 2, "b", "b", "p", "B")]
    second = [Edit(2, 3, "c", "X", "p", "C")]
    assert compose_edits("abc", first, second, "p") == [Edit(0, 3, "abc", "abX", "p", "A+B+C")]


def test_trail_steps_after_a_caller_set_its_edits():
    """A pass may hand a trail a first round it made itself; the trail must not take it for one that keeps lengths."""
    text = "正文。\n返回搜狐,查看更多\n作者 | 王欣"
    trail = EditTrail(text, "p")
    trail.text, trail.edits = "正文。\n\n作者 | 王欣", [Edit(4, 13, "返回搜狐,查看更多", "", "p", "B1")]
    trail.step([Edit(4, 12, "\n作者 | 王欣", "", "p", "B2")])
    assert trail.edits == [Edit(4, 21, "返回搜狐,查看更多\n作者 | 王欣", "", "p", "B1+B2")]
    assert apply_edits(text, trail.edits) == trail.text == "正文。\n"


def test_long_document_runs_segment_by_segment_and_replays():
    text = "\n".join(seed_text(k) for k in ("000", "001", "004"))
    pipe = tr.Pipeline([tr.FixMojibake(), tr.Normalize(), tr.ToSimplified(), tr.StripBoilerplate(), tr.Despin()], settle=True, segment_chars=3000)
    res = pipe(text)
    assert res.report["segments"] >= len(text) // 3000
    assert replay_edits(text, res.edits) == res.text
    assert "，" in res.text and "領網域" not in res.text  # every segment was repaired


def test_one_long_line_without_newline_is_cut_and_repaired():
    line = seed_text("001").replace("\n", "")
    text = line * (2 * tr.pipeline.SEGMENT_CHARS // len(line) + 1)
    res = tr.repair(text)
    assert res.report["segments"] >= 2
    assert replay_edits(text, res.edits) == res.text
    han_comma = re.compile(r"[\u4e00-\u9fff],[\u4e00-\u9fff]")
    assert han_comma.search(text) and not han_comma.search(res.text)  # every segment was normalized


def test_segments_cover_the_text_and_prefer_paragraph_ends():
    text = ("段落。" * 30 + "\n\n") * 20
    spans = tr.pipeline.segments(text, 200)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(text[hi - 2 : hi] == "\n\n" for _, hi in spans[:-1])
    assert tr.pipeline.segments("x" * 10, 4) == [(0, 4), (4, 8), (8, 10)]  # nowhere to cut: hard cuts


def test_segment_reports_merge():
    merged = tr.pipeline.merge_reports([{"n": 1, "score": 2.0, "seen": False, "lines": [1], "script": "simplified"}, {"n": 2, "score": 1.0, "seen": True, "lines": [3], "script": "mixed"}])
    assert merged == {"n": 3, "score": 2.0, "seen": True, "lines": [1, 3], "script": "simplified"}


def test_edit_log_packs_many_edits_and_reads_like_a_list(monkeypatch):
    from textrepair.edits import EditLog

    monkeypatch.setattr(EditLog, "COMPACT_AFTER", 5)
    edits = [Edit(i, i + 1, "a", "b", "p", f"R{i % 3}") for i in range(23)]
    log = EditLog()
    log.add(edits[:10])
    log.add(edits[10:])
    assert len(log) == 23 and list(log) == edits and log == edits
    assert log[0] == edits[0] and log[-1] == edits[-1] and log[3:6] == edits[3:6]
    log.add([Edit(0, 1, "a", "b", "p", "R")], shift=30, suffix="#2")
    assert log[-1] == Edit(30, 31, "a", "b", "p#2", "R")
    with pytest.raises(IndexError):
        log[99]


def test_pipeline_as_a_pass_of_a_pipeline_replays_on_a_long_text():
    text = "\n".join(seed_text(k) for k in ("000", "001", "004"))
    inner = tr.Pipeline([tr.Normalize(), tr.ToSimplified()], segment_chars=3000)
    outer = tr.Pipeline([tr.FixMojibake(), inner, tr.Despin()], segment_chars=3000)
    res = outer(text)
    assert replay_edits(text, res.edits) == res.text
    assert res.report["segments"] > 1
