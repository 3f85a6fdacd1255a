"""Mojibake repair: text decoded with the wrong codec, CJK cases first, Latin cases through ftfy.

Each kind of damage is a row of ``data/mojibake.tsv`` (``id``, ``damaged_as``: the codec
the text was wrongly decoded with, ``true``: the codec its bytes really were in). A
suspicious span is re-encoded with ``damaged_as`` and decoded with ``true``; the repair
is kept only when the result is clearly more plausible Chinese
(:func:`textrepair.chinese_score.plausibility`). GBK read as Big5 and Big5 read as GBK
show common characters, so those rows are judged first by word evidence
(:func:`textrepair.chinese_score.word_evidence`) on whole lines dense with rare
characters, and kept only when lossless. A repair on a line is evidence for the line's
other short runs. Latin-script mojibake goes to ``ftfy.fix_encoding``, reached only when
its tell-tale characters are present.

>>> fix_mojibake("鍙戝竷浜嗘柊浜у搧")
'发布了新产品'
>>> fix_mojibake("ÄãºÃ£¬ÊÀ½ç")
'你好，世界'

The modules: :mod:`.reading` (the damage kinds, re-reading a span, the plausibility test),
:mod:`.cjk` (runs of rare Han characters: UTF-8 read as GBK, lossy repairs, follow-ups),
:mod:`.words` (GBK and Big5 read as each other, judged by word evidence), :mod:`.latin`
(GBK/Big5 bytes read as Latin-1 or cp1252), :mod:`.fix` (the pass).
"""

from .fix import FixMojibake, fix_mojibake

__all__ = ["FixMojibake", "fix_mojibake"]
