"""The normalize pass: one fixture per rule row, the seeds, and its properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textrepair as tr
from textrepair.lexicon import load_table
from textrepair.pipeline import apply_edits

from conftest import seed_text

# (rule id, input, expected output) — every row of data/normalize.tsv fires at least once here.
RULE_FIXTURES = [
    ("N01", "第一行。\r\n第二行。\r第三行。", "第一行。\n第二行。\n第三行。"),
    ("N02", "新加\u200b坡\ufeff的\u00adAI。", "新加坡的AI。"),
    ("N03", "新加坡\x07的\x85AI。", "新加坡的AI。"),
    ("N04", "Palo\u00a0Alto 和\u3000硅谷。", "Palo Alto 和 硅谷。"),
    ("N05", "ＧＥＮＰＵＬＳＥ 在 ２０２１ 年。", "GENPULSE 在 2021 年。"),
    ("N06", "第一段。  \n第二段。\t", "第一段。\n第二段。"),
    ("N07", "很长一段时间,\n这成为网友争论的焦点。", "很长一段时间，这成为网友争论的焦点。"),
    ("N08", "第一段。\n\n\n\n第二段。", "第一段。\n\n第二段。"),
    ("N10", "靠山,迷霧與泡沫。", "靠山，迷霧與泡沫。"),
    ("N11", "今天小編分享的科技經驗:新加坡", "今天小編分享的科技經驗：新加坡"),
    ("N12", "一是人才;二是資本。", "一是人才；二是資本。"),
    ("N13", "廣州是否錯過了風口?", "廣州是否錯過了風口？"),
    ("N14", "真是太好了!", "真是太好了！"),
    ("N15", "數十萬新币(超百萬人民币)的投資", "數十萬新币（超百萬人民币）的投資"),
    ("N16", '市場的 " 師出有名 " 與 " 自然流量 "。', "市場的“師出有名”與“自然流量”。"),
    ("N17", "它是 AI  公司。", "它是 AI 公司。"),
]


def test_every_rule_row_has_a_fixture():
    ids = {row["id"] for row in load_table("normalize")}
    assert ids == {rid for rid, _, _ in RULE_FIXTURES}


@pytest.mark.parametrize("rule, source, expected", RULE_FIXTURES, ids=[r[0] for r in RULE_FIXTURES])
def test_rule_fires(rule, source, expected):
    out = tr.Normalize().run(source)
    assert out.text == expected
    assert any(rule in e.rule.split("+") for e in out.edits)
    assert apply_edits(source, out.edits) == expected


@pytest.mark.parametrize(
    "text",
    [
        "價格為 1,000 元，時間 10:30",
        "請訪問 https://example.com/a,b:c?d=1 了解詳情。",
        "聯繫 name.surname@example.com,謝謝。".replace(",", "，"),
        "Hello, world: this is English; really? yes!",
        "在 2021 年，GENPULSE 發布了產品（見附錄）。",
        "文章說：“這是引號”。",
        "(0)",
        "    縮進的行保留縮進。",
        "正確書寫的段落，沒有任何需要修改的地方。這是第二句。\n\n第二段。",
    ],
)
def test_clean_text_is_unchanged(text):
    out = tr.Normalize().run(text)
    assert out.text == text and out.edits == []


def test_numbers_times_urls_survive_in_mixed_sentence():
    assert tr.normalize("價格為 1,000 元,時間 10:30") == "價格為 1,000 元，時間 10:30"
    assert tr.normalize("見 http://a.com/x,y 中文") == "見 http://a.com/x,y 中文"


def test_seed_000_commas_and_colons_between_han():
    raw = seed_text("000")
    out = tr.normalize(raw)
    first = out.splitlines()[0]
    assert first == "今天小編分享的科技經驗：新加坡AI生死局：靠山，迷霧與Web3泡沫，歡迎閲讀。"
    assert "靠山,迷霧" in raw and "靠山，迷霧" in out
    assert "“師出有名”與“自然流量”" in out


def test_seed_002_hard_wrapped_opening_is_joined():
    out = tr.normalize(seed_text("002"))
    assert out.splitlines()[1] == "很长一段时间，这成为网友争论的焦点。"
    assert out.splitlines()[0] == "广州是否错过了移动互联网时代的风口？"


def test_colon_before_list_keeps_lines():
    text = "主要有三點:\n1. 人才\n2. 資本"
    assert tr.normalize(text) == "主要有三點：\n1. 人才\n2. 資本"


def test_unpaired_quote_left_alone_and_reported():
    out = tr.Normalize().run('他說"這句話沒有結束。')
    assert '"' in out.text
    assert out.report["unpaired_quotes"] == 1


def test_ascii_and_keep_modes():
    assert tr.normalize("靠山，迷霧（甲）", punctuation="ascii") == "靠山,迷霧(甲)"
    assert tr.normalize("靠山,迷霧", punctuation="keep") == "靠山,迷霧"
    with pytest.raises(ValueError):
        tr.Normalize(punctuation="wrong")  # type: ignore[arg-type]


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_seeds_idempotent_and_replayable(key):
    raw = seed_text(key)
    out = tr.Normalize().run(raw)
    assert apply_edits(raw, out.edits) == out.text
    assert tr.normalize(out.text) == out.text


_chinese_like = st.lists(
    st.sampled_from(list("新加坡的人工智能，。、；：,:;?!()\"“” \n\t\r\u3000\u00a0\u200bＡ１a1") + ["\n\n\n", "  ", "http://a.b/", "1,000", "10:30", "a@b.cn"]),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=60), _chinese_like))
def test_normalize_properties(text):
    for mode in ("zh", "ascii", "keep"):
        out = tr.Normalize(punctuation=mode).run(text)
        assert apply_edits(text, out.edits) == out.text
        for e in out.edits:
            assert 0 <= e.start <= e.end <= len(text)
        assert tr.normalize(out.text, punctuation=mode) == out.text


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(list("w.:/@a1%+-_ 中，X\n") + ["://", "www.", "http", "a" * 21, "a" * 22, "@b.cn"]), max_size=30).map("".join))
def test_url_spans_are_the_spans_a_whole_scan_finds(text):
    """The URL finder tries the pattern only where a match can start; a scan of every position is the oracle."""
    from textrepair.normalize import _URLISH, _url_spans

    assert _url_spans(text) == [m.span() for m in _URLISH.finditer(text)]


def test_a_renamed_normalize_names_its_edits():
    """A subclass with its own name (two normalize steps in one pipeline) signs every edit with it."""

    class SecondNormalize(tr.Normalize):
        name = "normalize_again"

    out = SecondNormalize().run('他说,"好(的)"')
    assert out.text == "他说，“好（的）”"
    assert out.edits and {e.pass_name for e in out.edits} == {"normalize_again"}


def test_a_mark_next_to_a_quote_keeps_its_own_edit_and_rule():
    """Punctuation and quotes are one step: a comma touching a quote is two edits, each with its rule."""
    out = tr.Normalize().run('他说,"好的"')
    assert out.text == "他说，“好的”"
    assert [(e.start, e.end, e.before, e.after, e.rule) for e in out.edits] == [
        (2, 3, ",", "，", "N10"),
        (3, 4, '"', "“", "N16"),
        (6, 7, '"', "”", "N16"),
    ]
    assert apply_edits('他说,"好的"', out.edits) == out.text


@pytest.mark.parametrize("text", ["中:,//", "中:!//a", "\t\r?\t\xa0字:!//(！“"])
def test_a_run_of_marks_opening_with_a_colon_before_slashes_stays(text):
    """``:`` then ``//`` reads as a URL's; a run of marks starting with that colon is left alone (found in review)."""
    out = tr.Normalize().run(text)
    assert ":" in out.text and "//" in out.text
    assert tr.Normalize().run(out.text).text == out.text
