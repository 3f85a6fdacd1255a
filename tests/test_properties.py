"""Properties of every pass and of the default pipeline over arbitrary and Chinese-biased text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textrepair as tr
from textrepair.pipeline import apply_edits, replay_edits

from conftest import SEED_FILES, seed_text

_FRAGMENTS = [line[:60] for k in SEED_FILES for line in seed_text(k).splitlines() if line.strip()][:200]
_PIECES = st.sampled_from(
    list("的是了在人有我他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领深音领網域軟體卡達臺灣鍙戝竷ÄãºÃ锟斤拷平易近颁布发表可以或许正在取，。、；：？！“”‘’（）《》【】…—·,.;:?!()\"' \n\t\r\u3000\u00a0\u200b\ufeff\u0301\ufffdＡ１")
    + _FRAGMENTS
    + ["\n\n\n", "  ", "http://a.b/c,d", "1,000", "10:30", "今天小編分享的科技經驗:", ",歡迎閲讀。", "返回搜狐,查看更多", "相关推荐", "图源:", "(fā)", "\ud800", "\udcff"]
)
chinese_text = st.lists(_PIECES, max_size=30).map("".join)
any_text = st.one_of(st.text(max_size=80), chinese_text)

PASSES = [tr.FixMojibake, tr.Normalize, tr.ToSimplified, tr.StripBoilerplate, tr.Despin]


def _lone_surrogates(text: str) -> int:
    return sum(1 for ch in text if "\ud800" <= ch <= "\udfff")


@pytest.mark.parametrize("make_pass", PASSES, ids=lambda p: p.__name__)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text)
def test_every_pass_never_raises_and_its_edits_replay(make_pass, text):
    p = make_pass()
    out_text, edits, report = p.run(text)
    assert isinstance(out_text, str) and isinstance(report, dict)
    assert apply_edits(text, edits) == out_text
    for e in edits:
        assert 0 <= e.start <= e.end <= len(text)
        assert text[e.start : e.end] == e.before  # outside the edits the text is untouched
    assert _lone_surrogates(out_text) <= _lone_surrogates(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text)
def test_default_pipeline_replays_and_is_idempotent(text):
    res = tr.repair(text)
    assert replay_edits(text, res.edits) == res.text
    again = tr.repair(res.text)
    assert again.text == res.text
    assert _lone_surrogates(res.text) <= _lone_surrogates(text)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=300))
def test_decode_never_raises_on_bytes(data):
    doc = tr.decode(data)
    assert isinstance(doc.text, str)
    assert 0.0 <= doc.confidence <= 1.0


def test_decode_rejects_str():
    with pytest.raises(TypeError):
        tr.decode("already text")  # type: ignore[arg-type]
