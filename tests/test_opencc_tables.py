"""OpenCC t2s as array lookups: the same output as OpenCC itself, and OpenCC wherever the tables cannot be sure."""

from __future__ import annotations

import json
import os

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textrepair as tr
from textrepair import script
from textrepair.lexicon import WordMatcher
from textrepair.opencc_tables import _layout_ok, _needed_phrases, _ocd2_keys, _share_dir, t2s_engine
from textrepair.pairscan import PairMatcher, text_codes

from conftest import FIXTURES, seed_text

T2S = opencc.OpenCC("t2s")
ENGINE = t2s_engine()
pytestmark = pytest.mark.skipif(ENGINE is None, reason="the installed OpenCC's t2s has another layout: OpenCC does the work")
PHRASES = _ocd2_keys(os.path.join(_share_dir() or "", "TSPhrases.ocd2")) if ENGINE is not None else []


def _opencc(text: str) -> str:
    """OpenCC itself, around lone surrogates (which it cannot take), as ``script._convert`` did before the tables."""
    parts = script._SURROGATE_RE.split(text)
    return "".join(part if i % 2 else T2S.convert(part) for i, part in enumerate(parts))


def test_the_tables_are_built_and_used_for_the_reposts():
    assert ENGINE.phrase_count >= 400  # 438 with OpenCC 1.4: the phrases that convert unlike their characters, and those that hide them
    for key in ("000", "003"):
        text = seed_text(key)
        assert ENGINE.convert(text) == T2S.convert(text)


def test_the_tables_agree_with_opencc_on_every_text_fixture():
    texts = []
    for path in sorted(FIXTURES.rglob("*.txt")):
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:  # the encoded feeds
            pass
    assert len(texts) >= 10  # the seeds, their gold files, the peer feeds' notes
    used = 0
    for text in texts:
        out = ENGINE.convert(text)
        if out is not None:
            used += 1
            assert out == T2S.convert(text)
    assert used == len(texts)


def test_the_tables_agree_with_opencc_on_generated_reposts():
    import random

    from textrepair.testing import to_traditional_repost

    rng = random.Random(7)
    paragraphs = [p for key in ("001", "002", "004") for p in seed_text(key).split("\n") if len(p) > 20]
    for paragraph in paragraphs[:120]:
        for variant in ("s2tw", "s2twp", "s2hk"):
            repost = to_traditional_repost(paragraph, rng, variant)
            assert ENGINE.convert(repost) == T2S.convert(repost)


# phrase keys, their characters, and what makes the tables step aside: a compatibility
# ideograph, a character beyond the BMP, the phrase whose value leaves the BMP, a lone surrogate
_PIECES = st.one_of(
    st.sampled_from(PHRASES or ["x"]),
    st.sampled_from(sorted({c for k in PHRASES for c in k}) or ["x"]),
    st.sampled_from(list("的是在了這個們說時會於著乾麼瞭\n ，。abc") + ["\uf900", "\U00020000", "二噁英", "\ud800"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_conversion_equals_opencc_on_runs_of_phrases(text):
    assert script._convert("t2s", text) == _opencc(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_conversion_equals_opencc_on_any_text(text):
    assert script._convert("t2s", text) == _opencc(text)


def test_texts_the_tables_cannot_take_go_to_opencc():
    assert ENGINE.convert("說\uf900") is None  # OpenCC normalizes the compatibility ideograph first
    assert ENGINE.convert("說\U00020000") is None
    assert ENGINE.convert("二噁英") is None  # its value holds a character beyond the BMP
    for text in ("說\uf900", "說\U00020000", "二噁英"):
        assert script._convert("t2s", text) == T2S.convert(text)


def test_without_the_tables_the_pass_gives_the_same_result(monkeypatch):
    expected = [ToSimplifiedRun(seed_text(k)) for k in ("000", "003")]
    monkeypatch.setattr(script, "t2s_engine", lambda: None)
    assert [ToSimplifiedRun(seed_text(k)) for k in ("000", "003")] == expected


def ToSimplifiedRun(text: str):
    out = tr.ToSimplified().run(text)
    return out.text, list(out.edits), out.report


def test_the_layout_check_accepts_the_installed_config_and_nothing_else():
    with open(os.path.join(_share_dir(), "t2s.json"), encoding="utf-8") as f:
        config = json.load(f)
    assert _layout_ok(config)
    other = json.loads(json.dumps(config))
    other["conversion_chain"].append({"dict": {"type": "ocd2", "file": "TWPhrases.ocd2"}})
    assert not _layout_ok(other)
    other = json.loads(json.dumps(config))
    other["segmentation"] = {"type": "mmseg", "dict": {"type": "ocd2", "file": "STPhrases.ocd2"}}
    assert not _layout_ok(other)


def test_needed_phrases_keep_those_that_hide_a_changing_one():
    values = {"ab": "AB", "xa": "xa", "bc": "bc", "yy": "yy"}
    charwise = {k: k for k in values}
    # xa hides ab (in "xab" OpenCC takes xa); no changing phrase can start inside bc or yy
    assert set(_needed_phrases(values, charwise)) == {"ab", "xa"}


_WORDS = st.lists(st.text(alphabet="甲乙丙丁戊", min_size=1, max_size=4), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.text(alphabet="甲乙丙丁戊x\n", max_size=60))
def test_pair_matcher_finds_what_the_automaton_finds(words, text):
    table = {w: i for i, w in enumerate(words)}
    assert PairMatcher(table).finditer(text) == WordMatcher(table).finditer(text)
    assert PairMatcher(table).finditer(text, text_codes(text)) == WordMatcher(table).finditer(text)


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.text(alphabet="甲乙丙丁戊x\n", max_size=60))
def test_word_matcher_places_its_words_where_the_automaton_does(words, text):
    import ahocorasick_rs

    table = {w: i for i, w in enumerate(words)}
    patterns = list(table)
    automaton = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    expected = [(s, e, table[patterns[i]]) for i, s, e in automaton.find_matches_as_indexes(text)]
    assert WordMatcher(table).finditer(text) == expected
