"""Every docstring example in the library runs and shows what it says (modules of optional extras
run where their extra is installed)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import textrepair

MODULES = sorted(m.name for m in pkgutil.walk_packages(textrepair.__path__, "textrepair."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    try:
        module = importlib.import_module(name)
    except ImportError as exc:  # an integration whose engine is not installed here
        pytest.skip(str(exc))
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
