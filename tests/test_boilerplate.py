"""strip_boilerplate against the seeds' gold labels, headings kept, every pattern row firing."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textrepair as tr
from textrepair.boilerplate import StripBoilerplate
from textrepair.lexicon import load_table
from textrepair.pipeline import apply_edits

from conftest import SEED_FILES, SEEDS, seed_text

GOLD = list(csv.DictReader(open(SEEDS / "boilerplate.tsv", encoding="utf-8"), delimiter="\t"))
NAMES = {path.name: key for key, path in SEED_FILES.items()}
HEADINGS = ["尋找定位", "商業困境", "Web3 的慣性與泡沫", "寫在最後", "不甘心只當錢袋子", "调研团队", "解局之思:人工智能应该像数学一样成为一门基础学科",
            "破局之道:搭好算力等基建 让企业集中力量办大事", "政府要“大力出奇迹”", "科研工作者要“上前线”"]


def _found(text: str, edits) -> tuple[set[int], set[tuple[int, str]]]:
    lines = text.split("\n")
    removed, pieces = set(), set()
    for e in edits:
        start = e.start + 1 if e.before.startswith("\n") else e.start
        first = text.count("\n", 0, start) + 1
        if e.before.strip() and e.before.strip() == lines[first - 1].strip():
            removed.add(first)
        elif e.before.strip() and "\n" in e.before.rstrip("\n"):
            last = text.count("\n", 0, e.end - 1) + 1
            removed.update(n for n in range(first, last + 1) if lines[n - 1].strip())
        else:
            pieces.add((first, e.before))
    return removed, pieces


def test_precision_and_recall_against_gold():
    tp = fp = fn = 0
    misses = []
    for name, key in NAMES.items():
        text = seed_text(key)
        out = StripBoilerplate().run(text)
        assert apply_edits(text, out.edits) == out.text
        removed, pieces = _found(text, out.edits)
        gold = {int(r["line"]): r for r in GOLD if r["file"] == name}
        for line, r in gold.items():
            if r["label"] in ("promo", "farm_header"):
                parts = [p for p in r["inline_substring"].split("|") if p]
                ok = all((line, p) in pieces for p in parts)
            else:
                ok = line in removed
            tp += ok
            fn += not ok
            if not ok:
                misses.append((name, line, r["label"]))
        extra = [n for n in removed if n not in gold]
        fp += len(extra)
        misses += [(name, n, "false positive") for n in extra]
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"boilerplate: precision {precision:.3f}, recall {recall:.3f}, misses {misses}")
    assert precision >= 0.98 and recall >= 0.95


@pytest.mark.parametrize("key", list(SEED_FILES))
def test_section_headings_survive(key):
    text = seed_text(key)
    out = tr.strip_boilerplate(text)
    for heading in HEADINGS:
        if heading in text.split("\n"):
            assert heading in out.split("\n")


def test_content_lines_alone_are_untouched():
    for name, key in NAMES.items():
        marked = {int(r["line"]) for r in GOLD if r["file"] == name and r["label"] not in ("promo", "farm_header")}
        lines = seed_text(key).split("\n")
        content = "\n".join(line for n, line in enumerate(lines, 1) if n not in marked and n != 1 and line.strip())
        out = StripBoilerplate().run(content)
        assert [e for e in out.edits if not set(e.rule.split("+")) <= {"B13", "B14"}] == [], name


def test_works_after_normalize_and_conversion():
    for key in SEED_FILES:
        raw = seed_text(key)
        prepared = tr.normalize(tr.to_simplified(raw))
        raw_out = StripBoilerplate().run(raw)
        prep_out = StripBoilerplate().run(prepared)
        assert len(prep_out.report["boilerplate_removed"]) >= len(raw_out.report["boilerplate_removed"]) - 2, key


PATTERN_FIXTURES = {
    "B01": "今天小编分享的科技经验：新加坡AI生死局，欢迎阅读。\n正文。",
    "B02": "正文。\n编辑 | 刘景丰\n正文。",
    "B03": "正文。\n來源：廣州日報\n正文。",
    "B04": "正文。\n微信号:18391816005\n正文。",
    "B05": "正文。\n聲明：本文僅代表作者觀點\n正文。",
    "B06": "正文。\n文章为网友投稿上传，版权归原作者所有，未经允许不得转载\n正文。",
    "B07": "正文。\n（12）\n正文。",
    "B08": "正文。\n下一篇 2024年1月11日\n正文。",
    "B09": "正文。\n評論區\n正文。",
    "B10": "正文。\n相關閱讀\n• 另一篇文章",
    "B11": "正文。\n* 圖片來源：MBZUAI 官網\n正文。",
    "B12": "第一段正文结束了。\n学生上课现场\n第二段正文很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。",
    "B13": "正文里有返回搜狐，查看更多的字样。",
    "B14": "正文里有返回搜狐，查看更多的字样。",
}


BODY = "这是一段足够长的正文内容，用来说明文章的主体部分并不是样板文字，它有完整的句子。"
BODY2 = "第二段正文讲的是另外一件事情，同样写得完整而且足够长，读者可以读懂它。"


@pytest.mark.parametrize("row", load_table("boilerplate_patterns"), ids=lambda r: r["id"])
def test_pattern_row_fires(row):
    out = StripBoilerplate().run(PATTERN_FIXTURES[row["id"]].replace("正文。", BODY, 1).replace("正文。", BODY2))
    assert row["id"] in {part for e in out.edits for part in e.rule.split("+")}


def test_mark_mode_and_cap():
    text = seed_text("001")
    out = StripBoilerplate(mode="mark").run(text)
    assert out.edits == [] and out.text == text
    assert out.report["boilerplate_labels"][8] == "byline"
    heavy = "\n".join(["作者 | 甲"] * 10 + ["正文。"])
    capped = StripBoilerplate().run(heavy)
    assert capped.report.get("boilerplate_capped") is True


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["正文第一段。", "作者 | 王欣", "标题", "", "(0)", "相关推荐", "图源:作者拍摄", "返回搜狐,查看更多", "今天小編分享的科技經驗:標題,歡迎閲讀。", "很长的正文段落，没有结束"]), max_size=20).map("\n".join))
def test_properties(text):
    out = StripBoilerplate().run(text)
    assert apply_edits(text, out.edits) == out.text
    assert tr.strip_boilerplate(out.text) == out.text


def test_keyword_prefilter_keeps_every_line_a_textual_rule_matches():
    from textrepair.boilerplate import _Lines, _candidate_lines, _patterns

    texts = [seed_text(key) for key in SEED_FILES] + list(PATTERN_FIXTURES.values())
    texts.append("\n".join(r["text_prefix"] for r in GOLD))
    rules = [p for p in _patterns()["line"] if p.rule != "B07"]  # counters have a scan of their own, at the raw line start
    for text in texts:
        doc = _Lines(text)
        matched = {i for i, s in enumerate(doc.stripped) if s and len(s) <= 400 and any(p.regex.search(s) for p in rules)}
        assert matched <= set(_candidate_lines(doc)), text[:40]
