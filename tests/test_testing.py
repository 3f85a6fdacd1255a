"""textrepair.testing: each damage function does what it says and the passes undo it."""

from __future__ import annotations

import random

import opencc
from hypothesis import given, settings

import textrepair as tr
from textrepair import testing


def test_repost_round_trips_through_t2s_except_artifacts():
    rng = random.Random(0)
    text = "人工智能领域的开源协议\n第二行说明技术细节。"
    repost = testing.to_traditional_repost(text, rng, "s2tw")
    assert "領網域" in repost and "今天小編分享的" in repost
    back = opencc.OpenCC("t2s").convert(repost)
    assert "领网域" in back and "开源协定" in back
    assert tr.to_simplified(repost).split("\n")[1] == "第二行说明技术细节。"


def test_mojibake_reencodes_to_the_original_bytes():
    for kind, (true, wrong) in testing.MOJIBAKE_KINDS.items():
        text = "他們的個人價值與傳統" if "big5" in kind or "1252" in kind else "发布了新产品"
        try:
            damaged = testing.mojibake(text, kind)
        except UnicodeDecodeError:
            continue
        assert damaged.encode(wrong) == text.encode(true)


def test_spin_uses_marker_rows_and_despin_undoes_it():
    rng = random.Random(1)
    clean = "".join(testing.CLEAN_SENTENCES)
    spun = testing.spin(clean, rng, rate=1.0)
    assert spun != clean
    assert tr.Despin(context=False).run(spun).text == clean


def test_wrap_boilerplate_is_stripped():
    rng = random.Random(2)
    text = "一个标题\n" + "\n".join(testing.CLEAN_SENTENCES[:4])
    wrapped = testing.wrap_boilerplate(text, rng)
    assert wrapped != text
    assert tr.strip_boilerplate(wrapped).rstrip("\n") == text


@settings(max_examples=60, deadline=None)
@given(testing.dirty_chinese())
def test_dirty_chinese_goes_through_the_pipeline(text):
    res = tr.repair(text)
    assert tr.replay_edits(text, res.edits) == res.text
    assert tr.repair(res.text).text == res.text
