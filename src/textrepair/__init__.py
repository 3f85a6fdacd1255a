"""textrepair: repair and clean dirty web-scraped Chinese text.

>>> import textrepair as tr
>>> tr.repair("靠山,迷霧").text
'靠山，迷雾'
"""

from .boilerplate import StripBoilerplate, strip_boilerplate
from .despin import Despin, despin, spin_score
from .encoding import Decoded, decode
from .mojibake import FixMojibake, fix_mojibake
from .normalize import Normalize, normalize
from .pipeline import Edit, Pass, PassOutput, Pipeline, Result, apply_edits, format_edits, replay_edits
from .repair import DEFAULT_PASSES, build_pipeline, default_pipeline, repair
from .script import ToSimplified, detect_script, to_simplified
from .web import decode_response, from_html

__version__ = "0.1.0"


def explain(text: str) -> str:
    """Repair ``text`` with the default pipeline and describe every edit for a person.

    >>> print(explain("靠山,迷雾").splitlines()[0].split()[:2])
    ['normalize', 'N10']
    """
    return repair(text).explain()


__all__ = [
    "__version__",
    "Decoded",
    "Despin",
    "Edit",
    "FixMojibake",
    "Normalize",
    "Pass",
    "PassOutput",
    "Pipeline",
    "Result",
    "StripBoilerplate",
    "ToSimplified",
    "DEFAULT_PASSES",
    "apply_edits",
    "build_pipeline",
    "decode",
    "decode_response",
    "default_pipeline",
    "despin",
    "detect_script",
    "explain",
    "fix_mojibake",
    "from_html",
    "format_edits",
    "normalize",
    "repair",
    "replay_edits",
    "spin_score",
    "strip_boilerplate",
    "to_simplified",
]
