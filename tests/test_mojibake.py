"""fix_mojibake: one fixture per rule row, ftfy's own cases, and clean text untouched."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textrepair as tr
from textrepair.chinese_score import common_words, word_evidence
from textrepair.lexicon import load_table
from textrepair.pipeline import apply_edits

from benchmarks.accuracy import MOJIBAKE_KINDS, clean_pieces, mojibake_samples
from conftest import FIXTURES, SEED_FILES, seed_text

PARA = "新加坡核心商务区的一家星巴克里，已经在热带历练出小麦色皮肤的年轻创业者介绍着她的人工智能产品。"
PARA_T = "新加坡核心商務區的一家星巴克裡，已經在熱帶歷練出小麥色皮膚的年輕創業者介紹著她的人工智能產品。"

# rule id -> (damaged text, expected repair)
RULE_FIXTURES = {
    "M-U8-GBK": ("鍙戝竷浜嗘柊浜у搧", "发布了新产品"),
    "M-GBK-L1": (PARA.encode("gbk").decode("latin-1"), PARA),
    "M-GBK-1252": ("他們的個人價值與傳統".encode("gbk").decode("cp1252"), "他們的個人價值與傳統"),
    "M-B5-L1": (PARA_T.encode("big5").decode("latin-1"), PARA_T),
    "M-FTFY": ("voilÃ  le travail, crÃ¨me brÃ»lÃ©e", "voilà le travail, crème brûlée"),
    "M-LOSSY": (None, None),
    "M-GBK-B5": ("E 旨在開發世界上最好的".encode("gbk").decode("big5"), "E 旨在開發世界上最好的"),
    "M-B5-GBK": ("都不是 GENPULSE".encode("big5").decode("gbk"), "都不是 GENPULSE"),
    "M-U8-B5": ("gy 2.0,簡稱 NA".encode("utf-8").decode("big5"), "gy 2.0,簡稱 NA"),
}


@pytest.mark.parametrize("rule", [r["id"] for r in load_table("mojibake")])
def test_rule_fires(rule):
    damaged, expected = RULE_FIXTURES.get(rule, (None, None))
    if rule == "M-LOSSY":
        damaged = PARA.encode("utf-8").decode("gbk", "replace")
        out = tr.FixMojibake().run(damaged)
        assert any("M-LOSSY" in e.rule for e in out.edits)
        kept = sum(1 for ch in out.text if ch in PARA)
        assert kept >= 0.5 * len(PARA)
        return
    out = tr.FixMojibake().run(damaged)
    assert out.text == expected
    assert any(rule in e.rule.split("+") for e in out.edits)
    assert apply_edits(damaged, out.edits) == out.text


def _ftfy_cases():
    for name in ["in-the-wild", "synthetic", "negative", "language-names"]:
        for case in json.loads((FIXTURES / "peer" / "ftfy" / f"{name}.json").read_text(encoding="utf-8")):
            if case.get("expect") == "pass":
                yield pytest.param(case["original"], case.get("fixed-encoding", case["fixed"]), id=f"{name}:{case['label'][:40]}")


@pytest.mark.parametrize("original, expected", list(_ftfy_cases()))
def test_ftfy_cases(original, expected):
    assert tr.fix_mojibake(original) == expected


@pytest.mark.parametrize("key", list(SEED_FILES))
def test_clean_seeds_untouched(key):
    assert tr.FixMojibake().run(seed_text(key)).edits == []


def test_clean_peer_feeds_untouched():
    for path in sorted((FIXTURES / "peer" / "chardet" / "GB2312").iterdir())[:10]:
        text = path.read_bytes().decode("gb18030", "replace")
        assert tr.FixMojibake().run(text).edits == [], path.name
    for path in sorted((FIXTURES / "peer" / "chardet" / "Big5").iterdir()):
        text = path.read_bytes().decode("big5hkscs", "replace")
        assert tr.FixMojibake().run(text).edits == [], path.name


@pytest.mark.parametrize("kind", list(MOJIBAKE_KINDS))
def test_lossless_damage_repaired(kind):
    """The issue's bar: >= 95% of the benchmark's lossless samples restored exactly."""
    samples = mojibake_samples(kind, 200)
    assert len(samples) >= 100
    right = sum(tr.fix_mojibake(damaged) == clean for clean, damaged in samples)
    assert right >= 0.95 * len(samples), f"{kind}: {right}/{len(samples)}"


def test_clean_pieces_untouched():
    """Sentences and clauses, simplified and traditional: word evidence must not misfire on short real text."""
    pieces = clean_pieces()
    assert len(pieces) > 5000
    touched = [p for p in pieces if tr.FixMojibake().run(p).edits]
    assert touched == []


def test_word_evidence_tells_big5_gbk_damage_from_text():
    assert "发展" in common_words() and "發展" in common_words()
    clean = "長期專注新一代通信技術等服務的"
    known, pairs = word_evidence(clean)
    assert pairs == len(clean) - 1 and known >= 5
    assert word_evidence(clean.encode("big5").decode("gbk", "replace"))[0] == 0
    assert word_evidence("长期专注新一代通信技术等服务的".encode("gbk").decode("big5"))[0] == 0


def test_line_damage_extends_to_short_runs():
    damaged = "对于AI初创企业有什么启发和意义?".encode("utf-8").decode("gb18030")
    out = tr.FixMojibake().run(damaged)
    assert out.text == "对于AI初创企业有什么启发和意义?"
    assert {e.rule for e in out.edits} == {"M-U8-GBK"}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_never_raises_and_idempotent(text):
    once = tr.fix_mojibake(text)
    assert tr.fix_mojibake(once) == once


def test_latin_trigger_starts_within_the_ftfy_hint_or_at_three_marks():
    """fix_mojibake skips the Latin trigger when the ftfy hint finds nothing and · × ÷ are absent: that is sound
    only while every character a Latin trigger can start with is one of them."""
    import re

    from textrepair.mojibake.fix import _FTFY_HINT
    from textrepair.mojibake.latin import _LATIN_TRIGGER

    first = re.compile(_LATIN_TRIGGER.pattern[: _LATIN_TRIGGER.pattern.index("]") + 1])
    outside = [chr(c) for c in range(0x10000) if first.match(chr(c)) and not _FTFY_HINT.match(chr(c))]
    assert outside == ["·", "×", "÷"]
