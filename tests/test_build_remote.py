"""`kg build --store URL`: the whole build goes into a SPARQL server and answers as the embedded store."""
from __future__ import annotations

import json
import subprocess
import sys

from kg.rdf.queries import named_query
from kg.rdf.remote import connect
from kg.rdf.store import open_store, query

from conftest import EXAMPLES, ROOT
from test_remote_store import server  # noqa: F401  the oxigraph server fixture


def test_kg_build_into_a_server(server, example_build, tmp_path):  # noqa: F811
    run = subprocess.run([sys.executable, "-m", "kg", "build", str(EXAMPLES), "-o", str(tmp_path),
                          "--store", server], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert not (tmp_path / "store").exists()
    summary = json.loads((tmp_path / "build-report.json").read_text(encoding="utf-8"))
    assert summary["summary"]["built"] == 5
    out, _ = example_build
    embedded = open_store(out / "store", read_only=True)
    spread = named_query("spread")
    assert query(connect(server), spread).rows == query(embedded, spread).rows
