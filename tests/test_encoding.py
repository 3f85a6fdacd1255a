"""decode: BOMs, UTF-8, declared charsets, Chinese-aware detection; the chardet peer feeds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import textrepair as tr

from benchmarks.accuracy import decode_test_set
from conftest import FIXTURES

PEER = FIXTURES / "peer" / "chardet"


def _reference(folder: str, raw: bytes) -> str | None:
    codecs = {"GB2312": ["gb18030"], "Big5": ["big5", "cp950", "big5hkscs"], "UTF-16": ["utf-16"], "UTF-16BE": ["utf-16-be"], "UTF-16LE": ["utf-16-le"]}[folder]
    for c in codecs:
        try:
            text = raw.decode(c)
            return text[1:] if text.startswith("\ufeff") else text
        except UnicodeDecodeError:
            continue
    return None


PEER_FILES = [p for d in ["GB2312", "Big5", "UTF-16", "UTF-16BE", "UTF-16LE"] for p in sorted((PEER / d).iterdir())]


@pytest.mark.parametrize("path", PEER_FILES, ids=[f"{p.parent.name}/{p.name}" for p in PEER_FILES])
def test_chardet_feed_decodes_to_reference(path: Path):
    raw = path.read_bytes()
    assert tr.decode(raw).text == _reference(path.parent.name, raw)


def test_euc_tw_has_no_codec_and_does_not_raise():
    raw = (PEER / "EUC-TW" / "_ude_euc-tw1.txt").read_bytes()
    doc = tr.decode(raw)
    assert isinstance(doc.text, str)


def test_paragraph_samples_decode_exactly():
    """Every sample of 64 bytes and more, in every encoding, decodes to its text."""
    samples = decode_test_set([64, 256, 1024], per_cell=25, seed=3)
    wrong = [(size, enc, text[:20]) for size, enc, text, raw in samples if tr.decode(raw).text != text]
    assert wrong == []


def test_boms_win_and_are_reported():
    doc = tr.decode("你好".encode("utf-8-sig"))
    assert doc.text == "你好" and doc.report["bom"] == "utf-8-sig"
    assert tr.decode("你好".encode("utf-16")).text == "你好"


def test_hint_used_and_gb_family_reported_as_gb18030():
    raw = "你好，世界。这是一个测试。".encode("gbk")
    doc = tr.decode(raw, hint="text/html; charset=GBK")
    assert doc.text == "你好，世界。这是一个测试。" and doc.encoding == "gb18030"
    assert doc.report["hint_used"]["declared"] == "gbk"


def test_wrong_hint_is_overridden():
    raw = "新加坡人工智能".encode("utf-8")
    doc = tr.decode(raw, hint="iso-8859-1")
    assert doc.text == "新加坡人工智能" and "hint_overridden" in doc.report
    gb18030_only = "人工智能€".encode("gb18030")  # € is outside GB2312
    doc = tr.decode(gb18030_only, hint="gb2312")
    assert doc.text == "人工智能€" and doc.encoding == "gb18030"


def test_meta_charset_is_sniffed():
    html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head><body>繁體中文內容測試</body></html>'
    doc = tr.decode(html.encode("big5"))
    assert "繁體中文內容測試" in doc.text and doc.report["hint_used"]["source"] == "meta"


def test_undecodable_and_binary_bytes_never_raise():
    rng = random.Random(1)
    junk = bytes(rng.randrange(256) for _ in range(2000))
    doc = tr.decode(junk)
    assert isinstance(doc.text, str) and doc.confidence <= 0.3
    png = b"\x89PNG\r\n\x1a\n" + junk
    assert tr.decode(png).report.get("binary") is True
    with pytest.raises(TypeError, match="bytes"):
        tr.decode("文字")  # type: ignore[arg-type]
    assert tr.decode(memoryview("好".encode("gbk"))).text == "好"
