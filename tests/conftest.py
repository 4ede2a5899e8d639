"""Shared fixtures: the example corpus built once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "reports"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def example_build(tmp_path_factory):
    """The example reports built into a temporary output folder (once per session)."""
    from kg.build import build

    out = tmp_path_factory.mktemp("build")
    report = build([EXAMPLES], out)
    return out, report
