"""The default pipeline and ``repair``: one call from dirty text to clean text.

>>> repair("靠山,迷霧").text
'靠山，迷雾'
"""

from __future__ import annotations

import functools

from .boilerplate import StripBoilerplate
from .despin import Despin
from .mojibake import FixMojibake
from .normalize import Normalize
from .pipeline import Pipeline, Result
from .script import ToSimplified

__all__ = ["default_pipeline", "repair", "DEFAULT_PASSES", "build_pipeline"]

#: Pass names of the default pipeline, in order.
DEFAULT_PASSES = ("fix_mojibake", "normalize", "to_simplified", "strip_boilerplate", "despin")

_FACTORIES = {
    "fix_mojibake": FixMojibake,
    "normalize": Normalize,
    "to_simplified": ToSimplified,
    "strip_boilerplate": StripBoilerplate,
    "despin": Despin,
}


def build_pipeline(names: tuple[str, ...] | list[str] = DEFAULT_PASSES, settle: bool = True) -> Pipeline:
    """A pipeline of the named built-in passes, in the order given.

    >>> build_pipeline(["normalize"]).passes[0].name
    'normalize'
    """
    unknown = [n for n in names if n not in _FACTORIES]
    if unknown:
        raise ValueError(f"unknown pass {unknown[0]!r}; known passes: {', '.join(DEFAULT_PASSES)}")
    return Pipeline([_FACTORIES[n]() for n in names], settle=settle)


@functools.lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The default pipeline (built once per process): mojibake, normalize, simplify, boilerplate, despin."""
    return build_pipeline(DEFAULT_PASSES)


def repair(text: str) -> Result:
    """Run the default pipeline over ``text`` and return a :class:`Result`."""
    return default_pipeline()(text)
