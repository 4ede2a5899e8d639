"""The alias table: every merge written out with its reason, and the user's overrides obeyed."""
from __future__ import annotations

import csv

import pytest

from kg.build import build, extract
from kg.errors import ConfigError
from kg.link.programs import Overrides

from conftest import EXAMPLES

YUNXI = EXAMPLES / "000_fe7e9151aa82acd0.txt"


def _rows(path):
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_aliases_csv_audits_each_merge(example_build):
    out, _ = example_build
    rows = _rows(out / "aliases.csv")
    assert list(rows[0]) == ["variant", "canonical", "kind", "reason"]
    merges = {(r["variant"], r["canonical"], r["kind"]) for r in rows}
    assert ("支部主题党日", "主题党日", "program") in merges
    assert ("市委组织部", "枣阳市委组织部", "organization") in merges
    assert ("凤县", "丹凤县", "region") in merges
    assert all(r["reason"] for r in rows)


def test_user_override_renames_a_program(tmp_path):
    table = tmp_path / "mine.csv"
    table.write_text("variant,canonical,kind,reason\n支部主题党日,支部主题党日,program,keep apart\n",
                     encoding="utf-8")
    [default] = extract([YUNXI])
    [mine] = extract([YUNXI], overrides=Overrides.read(table))
    assert "主题党日" in {a.program for a in default.adoptions}
    assert "支部主题党日" in {a.program for a in mine.adoptions}
    assert "主题党日" not in {a.program for a in mine.adoptions}


def test_override_flows_through_build(tmp_path):
    table = tmp_path / "mine.csv"
    table.write_text("variant,canonical,kind,reason\n三会一课,“三会一课”制度,program,house style\n",
                     encoding="utf-8")
    build([YUNXI], tmp_path / "out", aliases=table)
    text = (tmp_path / "out" / "extraction.jsonl").read_text(encoding="utf-8")
    assert '"三会一课制度"' in text


@pytest.mark.parametrize("content, message", [
    ("variant,canonical\n三会一课,三会一课制度\n", "line 2"),
])
def test_bad_override_table_names_file_and_line(tmp_path, content, message):
    table = tmp_path / "bad.csv"
    table.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        Overrides.read(table)
    assert "bad.csv" in str(err.value) and message in str(err.value)
