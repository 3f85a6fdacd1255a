"""Despin: seed 004 against its gold edits, clean text untouched, every rule row firing."""

from __future__ import annotations

import csv

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textrepair as tr
from textrepair.despin import SPIN_THRESHOLD, Despin
from textrepair.lexicon import load_table
from textrepair.pipeline import apply_edits

from conftest import FIXTURES, SEEDS, seed_text

SPUN = seed_text("004")
T2S = opencc.OpenCC("t2s")


def _gold_edits():
    with open(SEEDS / "004.edits.tsv", encoding="utf-8") as fh:
        return sorted((int(r["char_offset"]), r["spun"], r["original"]) for r in csv.DictReader(fh, delimiter="\t"))


def _score_against_gold(edits):
    gold = _gold_edits()
    correct, found, wrong = 0, set(), []
    for e in edits:
        inside = [g for g in gold if g[0] >= e.start and g[0] + len(g[1]) <= e.end]
        crossing = [g for g in gold if g[0] < e.end and g[0] + len(g[1]) > e.start and g not in inside]
        expected = SPUN[e.start : e.end]
        for off, spun, orig in sorted(inside, reverse=True):
            o = off - e.start
            expected = expected[:o] + orig + expected[o + len(spun) :]
        if inside and not crossing and expected == e.after:
            correct += 1
            found.update(inside)
        else:
            wrong.append((e.before, e.after, SPUN[max(0, e.start - 6) : e.end + 6]))
    missed = [(s, o, SPUN[max(0, off - 5) : off + len(s) + 5]) for off, s, o in gold if (off, s, o) not in found]
    return correct / max(1, len(edits)), len(found) / len(gold), wrong, missed


def test_seed_004_precision_and_recall():
    out = Despin().run(SPUN)
    precision, recall, wrong, missed = _score_against_gold(out.edits)
    print(f"despin on 004: {len(out.edits)} edits, precision {precision:.3f}, recall {recall:.3f}")
    print("wrong:", wrong)
    print("missed:", missed)
    assert precision >= 0.95
    assert recall >= 0.90
    assert apply_edits(SPUN, out.edits) == out.text


def test_spin_scores_separate_spun_from_clean():
    spun_score = tr.spin_score(SPUN)
    assert spun_score > SPIN_THRESHOLD
    for key in ["000", "001", "002", "003"]:
        text = T2S.convert(seed_text(key))
        assert tr.spin_score(text) < spun_score / 10
        assert Despin().run(text).edits == []


def test_clean_peer_feeds_get_no_despin_edits():
    for path in sorted((FIXTURES / "peer" / "chardet" / "GB2312").iterdir()):
        text = path.read_bytes().decode("gb18030", "replace")
        assert Despin().run(text).edits == [], path.name


def test_below_threshold_nothing_happens_but_score_is_reported():
    text = "他们正在讨论手艺和本钱的问题，平易近众很关心。"
    out = Despin().run(text)
    assert out.edits == [] and out.report["spin_score"] < SPIN_THRESHOLD


def _examples():
    with open(FIXTURES.parent / "tests" / "fixtures" / "spin_examples.tsv", encoding="utf-8") as fh:
        return {r["id"]: r for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)}


MARKERS = [r for t in ("spin_seed", "spin_general") for r in load_table(t) if r["class"] == "marker"]


def test_every_marker_row_has_a_fixture_sentence():
    examples = _examples()
    assert {r["id"] for r in MARKERS} <= set(examples)


@pytest.mark.parametrize("row", MARKERS, ids=[r["id"] for r in MARKERS])
def test_marker_row_fires_in_a_spun_document(row):
    example = _examples()[row["id"]]
    assert row["spun"] in example["spun_sentence"]
    # a spun document: the example sentence inside spun text of 004's kind
    prefix = "美国从体颁布发表了可以或许改变标的目的的新政策。" * 3
    out = Despin(context=False).run(prefix + example["spun_sentence"])
    # restored by this row, or by a longer row that contains it: the sentence comes back as written
    assert out.text == "美国主体宣布了能够改变方向的新政策。" * 3 + example["original_sentence"]


CONTEXT_RULES = load_table("spin_context")


@pytest.mark.parametrize("rule", CONTEXT_RULES, ids=[r["id"] for r in CONTEXT_RULES])
def test_context_rule_fires(rule):
    """Each context rule decides at least one occurrence in seed 004 or in its own fixture."""
    fixtures = {
        "keep:正在": "正在收紧",
        "keep:具有": "具有强烈时代特征",
        "keep:复杂": "是复杂的",
    }
    out = Despin().run(SPUN)
    decided = [d["rule"] for d in out.report["despin_decisions"]]
    if rule["id"] in decided:
        return
    probe = fixtures.get(f"{rule['action']}:{rule['spun']}")
    if probe is None and rule["action"] == "replace" and not rule["before"] and not rule["after"]:
        probe = f"，{rule['spun']}。"
    assert probe is not None, f"{rule['id']} ({rule['spun']}) decides nothing in 004 and has no fixture"
    doc = SPUN + "\n" + probe
    out = Despin().run(doc)
    assert rule["id"] in [d["rule"] for d in out.report["despin_decisions"]]


def test_round_trip_spinning_clean_text_with_marker_rows():
    rows = sorted((r for r in MARKERS if len(r["original"]) >= 2), key=lambda r: -len(r["original"]))
    clean = T2S.convert(seed_text("003"))
    spun = clean
    used = 0
    for r in rows:
        if r["original"] in spun and not any(r["spun"] in w for w in r["exceptions"].split(",") if w):
            candidate = spun.replace(r["original"], r["spun"])
            if Despin(context=False).run(candidate).text != candidate:  # substitutions the matcher sees
                spun = candidate
                used += 1
    assert used >= 5
    # markers only: in a document this heavily spun, context forms (合作, 使用 …) would be
    # read as spun too, which is the point of document-level evidence but not of this property
    assert Despin(context=False).run(spun).text == clean


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("平易近颁布发表可以或许正在取手艺本钱的人。，不雅点卑沉工做若何标的目的")), max_size=60))
def test_despin_idempotent_and_never_raises(text):
    once = tr.despin(text)
    assert tr.despin(once) == once
