"""The main job end to end: the example reports become a graph with real content."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from rdflib import Graph

from conftest import EXAMPLES, ROOT


def test_build_writes_every_output(example_build):
    out, report = example_build
    for name in ("graph.ttl", "graph.trig", "graph.html", "extraction.jsonl", "build-report.json",
                 "aliases.csv", "adoptions.csv", "panel.csv", "adoptions.gexf", "adoptions.graphml"):
        assert (out / name).stat().st_size > 0, name
    assert (out / "store").is_dir()
    summary = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert summary["summary"] == {"built": 5, "duplicate": 0, "rejected": 0}
    assert len(summary["inputs"]) == 5
    assert report.triples == len(Graph().parse(out / "graph.ttl"))


def _records(out):
    lines = (out / "extraction.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["doc"]: r for r in map(json.loads, lines)}


def test_yunxi_adopts_three_meetings_one_lesson(example_build):
    out, _ = example_build
    record = _records(out)["000_fe7e9151aa82acd0"]
    assert record["focus"] == "420322"
    assert ["420322", "三会一课"] in record["adoptions"]
    program = next(p for p in record["programs"] if p["name"] == "三会一课")
    sentence = program["evidence"][0]["sentence"]
    assert "三会一课" in sentence


def test_first_secretary_spreads_to_three_counties(example_build):
    out, _ = example_build
    adopters = {code for r in _records(out).values() for code, program in r["adoptions"] if program == "第一书记"}
    assert len(adopters) >= 3


def _kg(*args):
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=ROOT)


def test_kg_query_ranks_spread(example_build):
    out, _ = example_build
    result = _kg("query", str(ROOT / "ontology" / "queries" / "spread.rq"), "--store", str(out / "store"),
                 "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    top = {row["program"]: int(row["counties"]) for row in rows}
    assert top["第一书记"] >= 3
    assert int(rows[0]["counties"]) == max(top.values())


def test_rebuild_does_not_duplicate(example_build, tmp_path):
    from kg.build import build

    out, report = example_build
    again = build([EXAMPLES], out)
    assert again.triples == report.triples


def test_bad_input_is_reported_and_batch_goes_on(tmp_path):
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text((EXAMPLES / "000_fe7e9151aa82acd0.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    result = _kg("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "out" / "build-report.json").read_text(encoding="utf-8"))
    status = {item["source"].rsplit("/", 1)[-1]: item for item in summary["inputs"]}
    assert status["good.txt"]["status"] == "built"
    assert status["empty.txt"]["status"] == "rejected" and status["empty.txt"]["reason"]


def test_missing_input_is_one_clear_error(tmp_path):
    result = _kg("build", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert result.returncode != 0
    assert "nope" in result.stderr and "Traceback" not in result.stderr


def test_programs_shared_by_counties_with_dates_and_evidence(example_build):
    out, _ = example_build
    result = _kg("query", "shared_programs", "--store", str(out / "store"), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    by_program = {}
    for row in rows:
        by_program.setdefault(row["program"], set()).add(row["code"])
    assert by_program and all(len(codes) >= 2 for codes in by_program.values())
    first_secretary = [r for r in rows if r["program"] == "第一书记"]
    assert {r["code"] for r in first_secretary} == {"611002", "371482", "420683"}
    assert all("第一书记" in r["sentence"] for r in first_secretary)
    assert {r["date"] for r in first_secretary} >= {"2020-07-16"}


def test_a_focus_never_named_is_labelled_by_its_official_name():
    from kg.build import extract
    from kg.graphs.networks import adoption_graph

    graph = adoption_graph(extract([EXAMPLES / "004_bba86f12208dece8.txt"]))
    assert graph.nodes["region:371482"]["label"] == "禹城市"


def test_a_pickled_adoption_graph_takes_more_reports_as_a_fresh_one_does():
    """The page's state is pickled between builds without its member sets: unpickled, it must
    still refuse a report id, date or alias its lists already hold."""
    import pickle

    from kg.build import extract
    from kg.graphs.networks import AdoptionGraph

    first, second = list(extract(sorted(EXAMPLES.glob("*.txt"))[:2]))
    fresh = AdoptionGraph()
    for extraction in (first, second, first):
        fresh.add(extraction)
    kept = AdoptionGraph()
    kept.add(first)
    kept = pickle.loads(pickle.dumps(kept))
    for extraction in (second, first):
        kept.add(extraction)
    got, want = kept.graph(), fresh.graph()
    assert dict(got.nodes(data=True)) == dict(want.nodes(data=True))
    assert any(len(data["reports"]) == 1 and data["dates"] for _, data in got.nodes(data=True))


def test_the_adoption_graph_is_the_same_whatever_order_the_reports_come_in():
    """So that a build adding reports anywhere in the input order can add them to the kept state:
    sorted lists, each program's evidence from its earliest adoptions, each edge its earliest."""
    import random
    from dataclasses import replace

    from kg.bench.corpus import generate
    from kg.build import extract_report
    from kg.graphs.networks import EVIDENCE_KEPT, AdoptionGraph
    from kg.records import Report

    # sixty reports: enough that some program has more adoptions than it keeps, whatever the lexicons the
    # generator draws from hold (thirty stopped being enough when three campaigns were added)
    extractions = [extract_report(Report(f"r{n}", f"r{n}", text)) for n, (text, _) in enumerate(generate(60, seed=5))]
    for n, extraction in enumerate(extractions[:6]):  # the same counties adopting again, earlier or undated
        date = ("2001-05-0" + str(n)) if n % 2 else None
        extractions.append(replace(extraction, document=replace(extraction.document, doc_id=f"again{n}"),
                                   adoptions=tuple(replace(a, date=date) for a in extraction.adoptions)))

    def gathered(order) -> tuple:
        graph = AdoptionGraph()
        for extraction in order:
            graph.add(extraction)
        graph = graph.graph()
        return (sorted((node, sorted(data.items())) for node, data in graph.nodes(data=True)),
                sorted((tuple(sorted((u, v))), sorted(data.items())) for u, v, data in graph.edges(data=True)))

    want = gathered(extractions)
    for seed in (1, 2):
        shuffled = extractions[:]
        random.Random(seed).shuffle(shuffled)
        assert gathered(shuffled) == want
    assert gathered(reversed(extractions)) == want
    nodes = dict(want[0])
    told = [dict(data)["evidence"] for node, data in nodes.items() if node.startswith("program:")]
    assert max(map(len, told)) == EVIDENCE_KEPT  # some program has more adoptions than it keeps
    assert all(dict(data)["reports"] == sorted(dict(data)["reports"]) for data in nodes.values())
    edges = [dict(data) for _, data in want[1]]
    assert any(edge["date"].startswith("2001-05") for edge in edges)  # the earliest adoption told
    assert not any(edge["report"].startswith("again") and not edge["date"] for edge in edges)  # dated first
