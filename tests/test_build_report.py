"""Every input of a build is accounted for in build-report.json, and the exit code says what matters."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT
from test_ingest import PAGE, SIMPLE, TEXT

OTHER = "丹凤县委坚持问题导向,深化拓展党建品牌,严格规范“三会一课”等基本制度,开展“主题党日”活动。"


@pytest.fixture(scope="module")
def mixed_batch(tmp_path_factory):
    """A folder of the inputs a crawl really yields, good and bad, and its build."""
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "gbk.txt").write_bytes(SIMPLE.encode("gbk"))
    (folder / "big5.txt").write_bytes(TEXT.encode("big5"))
    (folder / "utf16.txt").write_bytes(OTHER.encode("utf-16"))
    (folder / "bom.txt").write_bytes(("枣阳市委组织部推行“2+5”工作法。" + OTHER).encode("utf-8-sig"))
    (folder / "page.html").write_bytes(PAGE.format(charset="gbk").encode("gbk"))
    lines = [json.dumps({"id": "j1", "text": "商州区创新推行“五抓五强”党建主题活动。" + OTHER[3:]},
                        ensure_ascii=False), '{"id": "broken", "text": "观']
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = [{"id": "a1", "content": "枣阳市委组织部推行“2+5”工作法。" + SIMPLE}, {"id": "a2", "content": ""}]
    (folder / "export.json").write_text(json.dumps({"data": {"list": records}}, ensure_ascii=False), encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")  # files in no report format: named, not read
    (folder / "photo.JPG").write_bytes(b"\xff\xd8\xff")
    (folder / ".DS_Store").write_bytes(b"\0")  # hidden: neither
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "zz_duplicate.txt").write_bytes(SIMPLE.encode("utf-8"))
    out = tmp_path_factory.mktemp("out")
    run = _kg("build", str(folder), "-o", str(out))
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    return folder, run, {item["source"].rsplit("/", 1)[-1]: item for item in report["inputs"]}, report


def _kg(*args):
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("source, status, reason", [
    ("gbk.txt", "built", ""),
    ("big5.txt", "built", ""),
    ("utf16.txt", "built", ""),
    ("bom.txt", "built", ""),
    ("page.html", "built", ""),
    ("batch.jsonl:1", "built", ""),
    ("batch.jsonl:2", "rejected", "malformed JSONL line 2"),
    ("export.json:1", "built", ""),
    ("export.json:2", "rejected", "JSON record 2 has no report text"),
    ("empty.txt", "rejected", "empty file"),
    ("binary.txt", "rejected", "binary content"),
    ("zz_duplicate.txt", "duplicate", "duplicate of"),
])
def test_each_input_has_its_outcome(mixed_batch, source, status, reason):
    _, _, outcomes, _ = mixed_batch
    assert outcomes[source]["status"] == status
    assert reason in outcomes[source]["reason"]


def test_nothing_is_lost(mixed_batch):
    folder, run, outcomes, report = mixed_batch
    assert len(outcomes) == 12
    assert run.returncode == 0, run.stderr
    for name in ("empty.txt", "binary.txt", "zz_duplicate.txt"):
        assert name in run.stdout  # the printed summary lists rejected inputs too
    # the folder's files in no report format are named, not dropped without a word
    assert report["unread"] == [str(folder / "photo.JPG"), str(folder / "scan.pdf")]
    assert "not read" in run.stdout and "(.jpg 1, .pdf 1)" in run.stdout


def test_strict_fails_when_anything_is_rejected(mixed_batch, tmp_path):
    folder, _, _, _ = mixed_batch
    assert _kg("build", str(folder), "-o", str(tmp_path), "--strict").returncode == 1


def test_a_batch_with_nothing_built_fails(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    run = _kg("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert run.returncode == 1


def test_a_large_build_lists_what_was_not_built_and_points_to_the_report(capsys, monkeypatch):
    from kg import cli
    from kg.build import BuildReport, InputOutcome

    inputs = [InputOutcome(f"in/r{n:03d}.txt", "built", f"r{n:03d}") for n in range(60)]
    inputs[41] = InputOutcome("in/r041.txt", "rejected", None, "empty file")
    monkeypatch.setattr(cli, "SUMMARY_ROWS", 50)
    monkeypatch.setenv("COLUMNS", "200")  # rich folds the table to the terminal's width
    cli._summary(BuildReport("out", tuple(inputs), None, ()))
    printed = capsys.readouterr().out
    assert "r041.txt" in printed and "empty file" in printed
    assert "r040.txt" not in printed and "r059.txt" not in printed  # built: in build-report.json only
    assert "build-report.json" in printed and "59 built" in printed and "1 rejected" in printed

    cli._summary(BuildReport("out", tuple(inputs[:5]), None, ()))  # a small build lists every input
    printed = capsys.readouterr().out
    assert all(f"r00{n}.txt" in printed for n in range(5)) and "build-report.json" not in printed


def test_build_without_exports_and_export_them_later(tmp_path):
    from conftest import EXAMPLES

    source = sorted(EXAMPLES.glob("*.txt"))[0]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / source.name).write_bytes(source.read_bytes())
    out = tmp_path / "out"
    run = _kg("build", str(tmp_path / "in"), "-o", str(out), "--no-exports")
    assert run.returncode == 0, run.stderr
    assert (out / "store").is_dir() and (out / "graph.html").exists()
    assert not [p.name for p in out.iterdir() if p.name.startswith("graph.") and p.name != "graph.html"]
    assert not (out / "adoptions.csv").exists()

    run = _kg("export", str(out), "--rdf")
    assert run.returncode == 0, run.stderr
    for name in ("graph.ttl", "graph.trig", "graph.nq", "graph.jsonld", "adoptions.csv", "adoptions.gexf"):
        assert (out / name).stat().st_size > 0, name
    assert "graph.ttl" in run.stdout + run.stderr
