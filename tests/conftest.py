"""Shared fixtures: the reference data folder, coders, a tiny dictionary set."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The field's reference data (../shared/data); skipped in a plain clone."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"reference data not present at {SHARED_DATA} (only in the project's CI)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def coder():
    """A coder with the default (shipped) dictionaries and spaCy pipeline."""
    from tieline import Coder

    return Coder()


@pytest.fixture(scope="session")
def tiny_coder():
    """A coder over the small hand-written dictionaries in tests/fixtures/dictionaries."""
    from tieline import Coder
    from tieline.coding.dictionaries import read_petrarch_set

    d = FIXTURES / "dictionaries"
    dictionaries = read_petrarch_set(
        verbs=[d / "tiny.verbs.txt"],
        actors=[d / "tiny.actors.txt"],
        agents=[d / "tiny.agents.txt"],
        discards=[d / "tiny.discards.txt"],
        issues=[d / "tiny.issues.txt"],
    )
    return Coder(dictionaries)
