"""Shared fixtures: paths to the seed articles and gold files in ``fixtures/``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the benchmarks package holds the shared test-set builders
    sys.path.insert(0, str(ROOT))
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "seeds"
SEED_FILES = {
    "000": SEEDS / "000_bd69d1b2946f2011.txt",
    "001": SEEDS / "001_f7c284cf30e3e31e.txt",
    "002": SEEDS / "002_7049d0e0ded26f56.txt",
    "003": SEEDS / "003_2fa699e94d23a722.txt",
    "004": SEEDS / "004_3344ce50e5f9fea1.txt",
}


def seed_text(key: str) -> str:
    """The raw text of seed ``key`` ("000" … "004")."""
    return SEED_FILES[key].read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    """All five seed articles, keyed "000" … "004"."""
    return {k: seed_text(k) for k in SEED_FILES}
