"""The benchmark's corpus generator and a smoke run of ``kg bench``."""
from __future__ import annotations

import json
import re
import subprocess
import sys

from conftest import ROOT
from kg.bench.corpus import generate
from kg.link.gazetteer import gazetteer


def test_the_corpus_is_deterministic_and_holds_its_truth():
    first, second = list(generate(30, seed=5)), list(generate(30, seed=5))
    assert first == second
    assert [t for t, _ in generate(30, seed=6)] != [t for t, _ in first]
    places = gazetteer()
    for text, truth in first:
        assert places.by_code(truth.focus) is not None
        if not truth.traditional:
            assert all(program in text for program in truth.programs)
            assert truth.publisher in text
        assert truth.adoptions == tuple((truth.focus, p) for p in truth.programs)


def test_a_share_is_traditional_with_glosses_and_noise():
    reports = list(generate(60, seed=5))
    traditional = [text for text, truth in reports if truth.traditional]
    assert 3 <= len(traditional) <= 30
    assert all("???" in text for text in traditional)
    assert any(re.search(r"[區縣鎮黨村組織]\([a-zāáǎàēéěèīíǐìōóǒòūúǔù]+\)", text) for text in traditional)


def test_bench_smoke_json_has_the_keys(tmp_path):
    run = subprocess.run([sys.executable, "-m", "kg", "bench", "--docs", "20", "--json", "--jobs", "2",
                          "--peer-docs", "2", "--workdir", str(tmp_path)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    for group, key in [("kg", "docs_per_s"), ("kg", "peak_rss_mb"), ("floor", "docs_per_s"),
                       ("peer", "docs_per_s"), ("kg", "quads"), ("stages", "store"),
                       ("ratios", "kg_over_floor"), ("ratios", "kg_over_peer"), ("queries", "spread"),
                       ("incremental", "unchanged"), ("parallel", "speedup"), ("kg", "cpu_ms_per_doc"),
                       ("ratios", "kg_over_floor_per_cpu")]:
        assert key in result[group], (group, key)
    assert result["kg"]["cpu_ms_per_doc"] > 0 and result["kg"]["cores_busy"] > 0
    assert result["kg"]["built"] == 20 and result["incremental"]["unchanged"] == 20
    assert result["incremental"]["added"]["reports"] == 1 and result["incremental"]["added"]["built"] == 1
    assert result["incremental"]["watching"]["built"] == 1 and result["incremental"]["watching"]["seconds"] > 0
    assert result["quality"]["focus"] >= 0.9
