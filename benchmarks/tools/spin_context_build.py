"""Writes ``src/textrepair/data/spin_context.tsv``: the hand-written context rules of the despin
pass, then a default ``replace`` row for every context form seen in real spinner output (seed 004).

    python benchmarks/tools/spin_context_build.py
"""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "textrepair" / "data"

PROGRESSIVE = (
    "收紧|进行|发生|改变|经历|成为|加速|加快|推进|走向|崛起|挣扎|寻找|寻求|努力|等待|考虑|发展|增长|下降|扩大|减少|上升|"
    "逐步|逐渐|积极|不断|快速|迅速|悄悄|悄然|慢慢|被|研发|开发|建设|探索|尝试|试图|准备|计划|筹备|酝酿|形成|变成|转向|转型|"
    "重塑|消失|蔓延|扩散|面临|遭遇|承受|讨论|谈判|审查|审理|实施|执行|推动|打造|部署|申请|招募|招聘|测试|训练|运行|生成|做|看|"
    "听|写|读|说|想|找|等|吃|走|跑|学|教|用|打|玩|开|关|变|经受|遭受|发酵|升温|降温|恶化|好转|复苏|萎缩|减弱|增强|消退|退潮|"
    "重构|颠覆|瓦解|流失|涌入|涌现|兴起|起步|落地|推出|上线|筹划|谋划|评估|研究|调查|观察|关注|商议|磋商|协商|制定|起草|修订|修改"
)

HAND_RULES = [
    ("正在", "keep", "", f"(?:{PROGRESSIVE})", "progressive aspect: 正在 before a verb"),
    ("正在", "keep", "(?:或者|同样|仍然|依然|也|都|还|正|却|并)", "", "progressive after an adverb (同样正在收紧)"),
    ("正在", "replace", "", "", "in a spun document 正在 before a place, time or noun phrase stands for 在"),
    ("取", "replace", "[\\u4e00-\\u9fff”\"）)A-Za-z]", "[\\u4e00-\\u9fff“\"（(A-Za-z]", "取 between two noun phrases stands for 与"),
    ("具有", "keep", "", "[^。！？!?\\n]{0,40}?(?:特征|特点|特色|野心|身份|意义|价值|属性|性质|潜力|资格|权利|效力|功能|作用)", "具有 before a property is valid (具有强烈时代特征)"),
    ("具有", "replace", "", "", "具有 for 拥有 (possession) in a spun document"),
    ("资本", "replace", "算力", "", "算力资本 → 算力资源"),
    ("无法", "replace", "", "之举", "无法之举 → 无奈之举"),
    ("现实", "keep", "", "", "现实 alone is an ordinary word; the spinner's 现实上 (实际上) is matched whole"),
    ("现实上", "replace", "", "", "现实上 is the spinner's form of 实际上"),
    ("复杂", "keep", "(?:是|很|更|太|非常|十分|较|比较|越来越|极其|相当)", "", "复杂 as a predicate is valid (是复杂的)"),
    ("复杂", "replace", "", "(?:的数据|单一)", "复杂 before a noun of size stands for 庞大"),
    ("承认", "replace", "被[^。！？，,]{0,6}", "", "被…承认 in a spun document stands for 认可"),
]


def main() -> None:
    rows = []
    for spun, action, before, after, note in HAND_RULES:
        rows.append((spun, action, before, after, note))
    gated = {r[0] for r in HAND_RULES}
    with open(DATA / "spin_seed.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            if r["class"] == "context" and r["spun"] not in gated:
                rows.append((r["spun"], "replace", "", "", f"observed in spinner output (seed 004): {r['spun']} for {r['original']}"))
    with open(DATA / "spin_context.tsv", "w", encoding="utf-8") as fh:
        fh.write("# Context rules of the despin pass. A context form (class 'context' in spin_*.tsv) is replaced only\n")
        fh.write("# when a 'replace' rule holds and no 'keep' rule holds. before: a regex matched against the text just\n")
        fh.write("# before the form (anchored at its end); after: a regex matched at the text just after it. Empty = any.\n")
        fh.write("id\tspun\taction\tbefore\tafter\tnote\n")
        for i, (spun, action, before, after, note) in enumerate(rows, 1):
            fh.write(f"C{i:03d}\t{spun}\t{action}\t{before}\t{after}\t{note}\n")
    print(f"{len(rows)} context rules")


if __name__ == "__main__":
    main()
