"""The development gold, scored through `kg extract` and the project's scorer.

The seeds are the development set only; unseen reports are scored the same way.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import EXAMPLES, ROOT, SHARED

SCORER = SHARED / "eval" / "score.py"
GOLD = SHARED / "gold" / "seeds.jsonl"

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py is not beside the project")


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    pred = tmp_path_factory.mktemp("score") / "pred.jsonl"
    run = subprocess.run([sys.executable, "-m", "kg", "extract", str(EXAMPLES), "-o", str(pred)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    result = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(pred), "--json"],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.mark.parametrize("kind, measure, floor", [
    ("regions", "strict", 0.95),         # every division named, linked to the right code
    ("programs", "lenient", 0.90),
    ("adoptions", "lenient", 0.90),
    ("organizations", "lenient", 0.85),
    ("slogans", "lenient", 0.70),
])
def test_f1_floor(scores, kind, measure, floor):
    assert scores[kind][measure]["f1"] >= floor, scores[kind]


@pytest.mark.parametrize("field", ["focus", "date", "publisher"])
def test_every_report_gets_its_focus_date_and_publisher(scores, field):
    assert scores[f"{field}_accuracy"] == 1.0


DEV2 = ROOT / "tests" / "data" / "dev2"


@pytest.fixture(scope="module")
def dev2_scores(tmp_path_factory):
    """The second development set (tests/data/dev2/NOTES.md): ten reports of other provinces and forms."""
    pred = tmp_path_factory.mktemp("dev2") / "pred.jsonl"
    run = subprocess.run([sys.executable, "-m", "kg", "extract", str(DEV2 / "reports"), "-o", str(pred)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    result = subprocess.run([sys.executable, str(SCORER), str(DEV2 / "gold.jsonl"), str(pred), "--json"],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.mark.parametrize("kind, floor", [
    ("regions", 0.95), ("organizations", 0.95), ("programs", 0.90), ("adoptions", 0.90), ("slogans", 0.75),
])
def test_second_development_set_f1_floor(dev2_scores, kind, floor):
    assert dev2_scores[kind]["strict"]["f1"] >= floor, dev2_scores[kind]


@pytest.mark.parametrize("field, floor", [("focus", 1.0), ("date", 0.9), ("publisher", 1.0)])
def test_second_development_set_fields(dev2_scores, field, floor):
    assert dev2_scores[f"{field}_accuracy"] >= floor
