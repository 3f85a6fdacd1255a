"""to_simplified and detect_script: the gold reposts, clean text untouched, every rule row firing."""

from __future__ import annotations

import random

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textrepair as tr
from textrepair.lexicon import load_table
from textrepair.pipeline import apply_edits
from textrepair.script import ToSimplified, script_origin

from conftest import SEEDS, seed_text


@pytest.mark.parametrize("key", ["000", "003"])
def test_reposts_match_gold(key):
    out = ToSimplified().run(seed_text(key))
    gold = (SEEDS / f"{key}.gold.txt").read_text(encoding="utf-8").split("\n")
    lines = out.text.split("\n")
    assert lines[1:] == gold[1:]
    assert gold[0] in lines[0]
    assert out.report["script"] == "traditional" and out.report["script_origin"] == "mainland-repost"
    assert apply_edits(seed_text(key), out.edits) == out.text


@pytest.mark.parametrize("key", ["001", "002", "004"])
def test_simplified_seeds_untouched(key):
    assert ToSimplified().run(seed_text(key)).edits == []


def _paragraphs():
    return [p for k in ["001", "002", "004"] for p in seed_text(k).split("\n") if len(p) > 40]


def test_detect_script_on_seeds_and_samples():
    expected = {"000": "traditional", "001": "simplified", "002": "simplified", "003": "traditional", "004": "simplified"}
    assert {k: tr.detect_script(seed_text(k)) for k in expected} == expected
    rng = random.Random(7)
    paras = _paragraphs()
    configs = ["s2tw", "s2twp", "s2hk", None]
    right = total = 0
    for i in range(200):
        p = rng.choice(paras)
        config = configs[i % 4]
        text = opencc.OpenCC(config).convert(p) if config else p
        want = "traditional" if config else "simplified"
        total += 1
        right += tr.detect_script(text) == want
    print(f"detect_script on 200 samples: {right}/{total}")
    assert right == total


def test_origin_guess_on_s2twp_samples():
    rng = random.Random(3)
    paras = [p for p in _paragraphs() if any(w in p for w in ["数据", "信息", "网络", "软件", "视频", "质量", "人工智能", "程序", "用户", "算法", "芯片", "互联网"])]
    right = 0
    for _ in range(50):
        text = opencc.OpenCC("s2twp").convert(rng.choice(paras))
        right += script_origin(text)[0] == "tw"
    print(f"origin on 50 s2twp samples: {right}/50")
    assert right >= 45


VOCAB = load_table("script_vocabulary")
ARTIFACTS = load_table("script_artifacts")


@pytest.mark.parametrize("row", VOCAB, ids=[r["id"] for r in VOCAB])
def test_vocabulary_row_fires(row):
    tw_traditional = opencc.OpenCC("s2t").convert(row["tw"])
    text = f"這家公司的{tw_traditional}業務。"
    out = ToSimplified().run(text)
    assert row["mainland"] in out.text
    assert any(row["id"] in e.rule.split("+") for e in out.edits)
    assert ToSimplified(vocabulary="none").run(text).text.find(row["mainland"]) == -1 or row["mainland"] in opencc.OpenCC("t2s").convert(text)


@pytest.mark.parametrize("row", ARTIFACTS, ids=[r["id"] for r in ARTIFACTS])
def test_artifact_row_fires(row):
    traditional = opencc.OpenCC("s2t").convert(row["artifact"])
    evidence = "數據、信息和軟件的質量。" if row["when"] == "repost" else ""
    out = ToSimplified().run(f"{evidence}這是{traditional}的問題。")
    assert row["correct"] in out.text and row["artifact"] not in out.text
    # never on text that was simplified to begin with
    assert ToSimplified().run(f"这是{row['artifact']}的问题。").edits == []
    # the traditional target repairs the same artifact
    back = ToSimplified(target="traditional").run(f"{evidence}這是{traditional}的問題。").text
    assert opencc.OpenCC("s2t").convert(row["correct"]) in back


def test_full_and_none_vocabularies():
    text = "卡達的軟體公司"
    assert tr.to_simplified(text, vocabulary="none") == "卡达的软体公司"
    assert tr.to_simplified(text, vocabulary="conservative") == "卡塔尔的软件公司"
    assert tr.to_simplified(text, vocabulary="full") == "卡塔尔的软件公司"


def test_mixed_document_converts_only_traditional_lines_and_leaves_latin_alone():
    text = "這是繁體 https://example.com/a 的網路。\n这是简体的网路一词。\nPython code: print('x')"
    out = tr.to_simplified(text)
    assert out.split("\n")[0] == "这是繁体 https://example.com/a 的网络。"
    assert out.split("\n")[1:] == text.split("\n")[1:]


def _with_pinyin(text: str, rng: random.Random) -> str:
    from pypinyin import Style, pinyin

    out = []
    for ch in text:
        out.append(ch)
        if "\u4e00" <= ch <= "\u9fff" and rng.random() < 0.15:
            syl = pinyin(ch, style=Style.TONE)[0][0]
            if any(c in "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ" for c in syl):
                out.append(f"({syl})")
    return "".join(out)


def test_pinyin_annotations_removed_and_nothing_else():
    rng = random.Random(11)
    for key in ["001", "003"]:
        para = [p for p in seed_text(key).split("\n") if len(p) > 60][2]
        base = tr.to_simplified(para)
        annotated = _with_pinyin(base, rng)
        assert annotated != base
        assert tr.to_simplified(annotated) == base
    plain = "价格(2024)上涨，参见(Web3)与（附录A）。"
    assert ToSimplified().run(plain).edits == []


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("這是繁體网络領網域卡達軟體發展的人(fā)（）abc ,。\n")), max_size=50))
def test_properties(text):
    once = tr.to_simplified(text)
    assert tr.to_simplified(once) == once
    simplified = opencc.OpenCC("t2s").convert(text)
    if tr.detect_script(text) == "simplified" and simplified == text:
        assert ToSimplified().run(text).edits == [] or "(" in text or "（" in text


def _trail_oracle(text: str, vocabulary: str = "conservative", repost: bool = True):
    """The line conversion the long way: every sub-step composed through an EditTrail."""
    from textrepair.pipeline import EditTrail
    from textrepair.script import remove_pinyin_annotations

    p = ToSimplified(vocabulary=vocabulary)
    trail = EditTrail(text, p.name)
    p._to_simplified(trail, repost)
    trail.step(remove_pinyin_annotations(trail.text, p.name))
    return trail.text, trail.edits


_SCRIPT_ALPHABET = list("這是繁體网络領網域卡達軟體發展的人(fā)（）abc ,。\n數據信息软件協定合作開源乾隆著名😀𠀀") + ["\ud800"]


@pytest.mark.parametrize("key", ["000", "003"])
def test_line_edits_built_directly_equal_the_composed_ones(key):
    from textrepair.script import _marks

    text = seed_text(key)
    for vocabulary in ("conservative", "full", "none"):
        p = ToSimplified(vocabulary=vocabulary)
        assert p._lines_to_simplified(text, True, _marks(text)) == _trail_oracle(text, vocabulary)
        assert p._lines_to_simplified(text, True, None) == _trail_oracle(text, vocabulary)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_SCRIPT_ALPHABET), max_size=60), st.booleans())
def test_line_edits_built_directly_equal_the_composed_ones_on_any_text(text, repost):
    from textrepair.script import _marks

    assert ToSimplified()._lines_to_simplified(text, repost, _marks(text)) == _trail_oracle(text, repost=repost)


@pytest.mark.parametrize("key", ["000", "003"])
def test_line_edits_from_the_code_array_equal_the_composed_ones(key):
    from textrepair.pairscan import text_codes
    from textrepair.script import _marks

    text = seed_text(key)
    for vocabulary in ("conservative", "none"):
        for repost in (True, False):
            done = ToSimplified(vocabulary=vocabulary)._lines_to_simplified(text, repost, _marks(text), text_codes(text))
            assert done == _trail_oracle(text, vocabulary, repost)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SCRIPT_ALPHABET + ["卡达", "卡達", "网域名称", "領網域", "\uf900"]), max_size=40).map("".join), st.booleans())
def test_line_edits_from_the_code_array_equal_the_composed_ones_on_any_text(text, repost):
    from textrepair.pairscan import text_codes
    from textrepair.script import _marks

    done = ToSimplified()._lines_to_simplified(text, repost, _marks(text), text_codes(text))
    assert done == _trail_oracle(text, repost=repost)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_SCRIPT_ALPHABET + ["\U00020000", "x", "乾"]), max_size=80))
def test_fast_counts_equal_the_regex_counts(text):
    from textrepair.script import _counts, _counts_re

    assert _counts(text) == _counts_re(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([r["artifact"] for r in ARTIFACTS] + ["网域", "领", "协定", "合作", "x", "\ud800"]), max_size=12).map("".join))
def test_artifacts_found_through_anchors_as_the_matcher_finds_them(text):
    from textrepair.script import _anchored_matches, _table_matcher

    assert _anchored_matches(text, "script_artifacts", "simplified") == list(_table_matcher("script_artifacts", "simplified").finditer(text))
