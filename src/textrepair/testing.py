"""Realistic damage for tests and benchmarks: the ways Chinese web text gets broken.

Each damage function is deterministic given its ``random.Random`` and undoes nothing:
``to_traditional_repost`` (a content farm's traditional repost with its artifacts),
``spin`` (a synonym spinner using the dictionary's own marker rows), ``mojibake``
(wrong-codec decoding), ``wrap_boilerplate`` (site chrome around an article). The
hypothesis strategies (``clean_chinese``, ``dirty_chinese``, ``chinese_text``) build on
them; hypothesis is imported only when a strategy is asked for.

>>> import random
>>> mojibake("发布", "utf8-as-gbk")
'鍙戝竷'
>>> spin("人工智能的发展方向", random.Random(0), rate=1.0)
'野生智能的发展标的目的'
"""

from __future__ import annotations

import functools
import random
from typing import Any

from .lexicon import load_table, table_names

__all__ = [
    "CLEAN_SENTENCES",
    "to_traditional_repost",
    "spin",
    "mojibake",
    "wrap_boilerplate",
    "clean_chinese",
    "dirty_chinese",
    "chinese_text",
    "MOJIBAKE_KINDS",
]

#: Clean simplified sentences written for these tests (no third-party text).
CLEAN_SENTENCES = [
    "今年春天，这座城市的人工智能产业迎来了新的发展机会。",
    "研究团队花了三年时间，终于把这项技术用在了医院的日常工作中。",
    "很多年轻人选择在周末去图书馆学习，而不是在家里休息。",
    "公司表示，新产品将在下个月正式发布，价格会比去年更低。",
    "专家认为，数据安全和个人隐私是数字经济必须面对的问题。",
    "这家初创企业的创始人毕业于浙江大学，曾在海外工作多年。",
    "老师提醒学生，考试前一定要保证充足的睡眠和合理的饮食。",
    "政府发布了新的政策，支持中小企业进行技术创新。",
    "在过去的十年里，移动互联网彻底改变了人们的生活方式。",
    "他说：“我们希望更多的人能够用上安全可靠的软件。”",
    "根据最新的报告，今年第三季度的出口增长了百分之五。",
    "这项研究的结果发表在国际期刊上，引起了广泛关注。",
    "市场竞争越来越激烈，企业必须找到自己的核心优势。",
    "医生建议，每天至少运动半小时，对身体健康很有好处。",
    "新加坡、马来西亚和泰国的投资者对中国的新能源汽车很感兴趣。",
    "这个项目的目的，是让农村的孩子也能接受良好的教育。",
    "会议讨论了人工智能在金融、教育和医疗领域的应用。",
    "记者了解到，这座桥梁将在明年年底之前建成通车。",
    "越来越多的消费者开始关注产品的质量和服务，而不仅仅是价格。",
    "我们应该尊重不同的观点，通过对话来解决分歧。",
]

MOJIBAKE_KINDS = {
    "utf8-as-gbk": ("utf-8", "gb18030"),
    "gbk-as-latin1": ("gb18030", "latin-1"),
    "gbk-as-cp1252": ("gb18030", "cp1252"),
    "big5-as-gbk": ("big5", "gbk"),
    "gbk-as-big5": ("gbk", "big5"),
}

_FARM_HEADS = ["今天小編分享的科技經驗:{title},歡迎閲讀。", "今天小編分享的財經經驗:{title},歡迎閲讀。"]
_TAILS = [
    "声明: 该内容为作者独立观点,不代表本站观点或立场,版权归原作者所有,未经允许不得转载。",
    "(0)\n上一篇 2024年1月11日\n下一篇 2024年1月12日",
    "相关推荐\n  • 另一篇文章的标题\n    文章摘要的第一句话。\n    2024年9月20日",
    "来源:本地日报\n评论区",
]
_HEADS = ["作者 | 张三", "编辑 | 李四", "微信号:12345678901"]


@functools.lru_cache(maxsize=1)
def _markers() -> list[tuple[str, str]]:
    """(original, spun) for every marker row, longest original first, one spun form per original."""
    seen: dict[str, str] = {}
    for name in table_names():
        if name.startswith("spin_") and name != "spin_context":
            for row in load_table(name):
                if row["class"] == "marker" and len(row["original"]) >= 2:
                    seen.setdefault(row["original"], row["spun"])
    return sorted(seen.items(), key=lambda kv: -len(kv[0]))


def spin(text: str, rng: random.Random, rate: float = 0.5) -> str:
    """Replace originals by their marker spun forms, each occurrence with probability ``rate``."""
    out = text
    for original, spun in _markers():
        if original not in out:
            continue
        parts = out.split(original)
        rebuilt = parts[0]
        for part in parts[1:]:
            rebuilt += (spun if rng.random() < rate else original) + part
        out = rebuilt
    return out


def to_traditional_repost(text: str, rng: random.Random, variant: str = "s2tw", header: bool = True) -> str:
    """A content farm's traditional repost: OpenCC ``variant`` plus the farm's artifacts."""
    from .script import _converter

    converted = _converter(variant).convert(text.replace("领域", "领网域").replace("协议", "协定"))
    if header:
        lines = converted.split("\n")
        lines[0] = rng.choice(_FARM_HEADS).format(title=lines[0].rstrip("。"))
        converted = "\n".join(lines)
    return converted


def mojibake(text: str, kind: str, lossy: bool = False) -> str:
    """``text`` encoded with the true codec and decoded with the wrong one (see ``MOJIBAKE_KINDS``)."""
    true, wrong = MOJIBAKE_KINDS[kind]
    return text.encode(true, errors="replace").decode(wrong, errors="replace" if lossy else "strict")


def wrap_boilerplate(text: str, rng: random.Random) -> str:
    """Site chrome around an article: a byline after the title, a tail, a promo fragment."""
    lines = text.split("\n")
    lines.insert(1, rng.choice(_HEADS))
    if len(lines) > 3 and rng.random() < 0.5:
        k = rng.randrange(2, len(lines))
        lines[k] = lines[k] + "返回搜狐,查看更多"
    lines.append(rng.choice(_TAILS))
    return "\n".join(lines)


def _st() -> Any:
    from hypothesis import strategies as st

    return st


def clean_chinese() -> Any:
    """Strategy: paragraphs of clean simplified sentences."""
    st = _st()
    return st.lists(st.sampled_from(CLEAN_SENTENCES), min_size=1, max_size=6).map("".join)


def dirty_chinese() -> Any:
    """Strategy: clean paragraphs damaged by one of the damage functions (or left clean)."""
    st = _st()

    def damage(args: tuple[str, str, int]) -> str:
        text, how, seed = args
        rng = random.Random(seed)
        if how == "repost":
            return to_traditional_repost(text, rng, rng.choice(["s2tw", "s2twp", "s2hk"]))
        if how == "spin":
            return spin(text, rng, 0.7)
        if how == "boilerplate":
            return wrap_boilerplate(text, rng)
        if how == "mojibake":
            return mojibake(text, "utf8-as-gbk", lossy=True)
        return text

    return st.tuples(clean_chinese(), st.sampled_from(["clean", "repost", "spin", "boilerplate", "mojibake"]), st.integers(0, 2**16)).map(damage)


def chinese_text() -> Any:
    """Strategy: arbitrary text biased toward Chinese: fixture-like sentences, punctuation runs, odd code points."""
    st = _st()
    pieces = st.one_of(
        st.sampled_from(CLEAN_SENTENCES),
        st.text(alphabet=st.sampled_from(list("，。、；：？！“”（）,.;:?!()\" \n\t\u3000\u00a0\u200b\ufeff\u0301")), max_size=8),
        st.text(max_size=8),
        dirty_chinese(),
    )
    return st.lists(pieces, max_size=6).map("".join)
