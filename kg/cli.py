"""``kg``: the command line, a thin shell over :mod:`kg.build` and :mod:`kg.rdf`.

Each command parses its options and calls a plain function a notebook can call
the same way. Errors of kg's family are caught once, in :func:`main`, and printed
as one line naming the file and the reason, with a non-zero exit.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .errors import KGError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Knowledge graphs of Chinese local-governance reports.")
console = Console(stderr=True)


def _progress(total: int | None):
    """A progress bar on the terminal for runs of more than a few reports."""
    bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), TextColumn("{task.fields[current]}"), console=console,
                   disable=not console.is_terminal or (total is not None and total < 3), transient=True)
    task = bar.add_task("reports", total=total, current="")

    def advance(source: str) -> None:
        bar.update(task, advance=1, current=Path(source).name[:40])

    return bar, advance


@app.command("build")
def build_cli(
    inputs: list[str] = typer.Argument(..., help="Report files, folders or globs."),
    outdir: Path = typer.Option(Path("output"), "-o", "--outdir", help="Output folder."),
    base: Optional[str] = typer.Option(None, "--base", help="Base IRI of the graph."),
    max_bytes: int = typer.Option(5_000_000, "--max-bytes", help="Reject inputs larger than this."),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero when any input is rejected."),
    aliases: Optional[Path] = typer.Option(None, "--aliases", help="CSV of your corrections to merges "
                                           "(columns of OUTDIR/aliases.csv: variant,canonical,kind,reason)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j",
                                       help="Processes to extract with (default: all cores)."),
    engine: str = typer.Option("local", "--engine", help="local, or dask (a dask.distributed cluster)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://HOST:8786); "
                                            "without it --engine dask starts a LocalCluster of --jobs workers."),
    store: Optional[str] = typer.Option(None, "--store", help="URL of a SPARQL server to build into "
                                        "(e.g. oxigraph serve) instead of the embedded OUTDIR/store."),
    exports: bool = typer.Option(True, "--exports/--no-exports",
                                 help="Write the whole-graph files (Turtle, TriG, N-Quads, JSON-LD, tables, "
                                 "GEXF/GraphML). Without them a large build takes a fraction of the time; "
                                 "`kg export` writes the tables and graph files later."),
    watch: bool = typer.Option(False, "--watch", help="After the build, keep watching INPUTS and build "
                               "again in this process whenever they change (Ctrl-C stops)."),
    interval: float = typer.Option(2.0, "--interval", min=0.05, help="Seconds between polls with --watch."),
) -> None:
    """Build the knowledge graph of INPUTS into OUTDIR (Turtle, TriG, store, graph page, tables)."""
    from .build import build
    from .ingest import discover, holds_many

    paths = discover(inputs)
    # a JSONL or JSON file may hold many reports: the bar then counts reports without a total
    total = None if any(holds_many(p) for p in paths) else len(paths)
    bar, advance = _progress(total)
    options = {"base": base, "max_bytes": max_bytes, "aliases": aliases, "engine": engine,
               "scheduler": scheduler, "store": store, "exports": exports}
    if watch:
        _watch(inputs, outdir, bar, advance, interval, jobs, options)
        return
    with bar:
        report = build(inputs, outdir, progress=advance, jobs=jobs, **options)
    _summary(report)
    rejected = [i for i in report.inputs if i.status == "rejected"]
    if report.built + report.unchanged == 0 or (strict and rejected):
        raise typer.Exit(1)


def _watch(inputs, outdir, bar, advance, interval: float, jobs, options) -> None:
    """``kg build --watch``: the first build with its summary, then a line per rebuild (:mod:`kg.watch`)."""
    import time

    from .watch import watch

    builds = 0
    out = Console()

    def built(report, seconds: float) -> None:
        nonlocal builds
        builds += 1
        if builds == 1:
            bar.stop()
            _summary(report)
            console.print(f"watching {', '.join(map(str, inputs))} every {interval:g} s; Ctrl-C stops")
            return
        statuses = [i.status for i in report.inputs]
        out.print(f"{time.strftime('%H:%M:%S')} {statuses.count('built')} built, "
                        f"{statuses.count('unchanged')} unchanged, {statuses.count('duplicate')} duplicate, "
                        f"{statuses.count('rejected')} rejected, {report.removed} removed "
                        f"in {seconds:.1f} s; {report.quads} quads", highlight=False)
        for item in [i for i in report.inputs if i.status == "rejected"][:SUMMARY_ROWS]:
            out.print(f"  rejected {item.source}: {item.reason}", highlight=False)

    def failed(error: KGError) -> None:
        console.print(f"[red]error[/]: {error} (still watching)", highlight=False)

    try:
        with bar:
            watch(inputs, outdir, interval=interval, on_build=built, on_error=failed, jobs=jobs,
                  progress=advance, **options)
    except KeyboardInterrupt:
        console.print("stopped watching; a build stopped half way is finished by the next one")


#: Inputs the build summary lists one by one; a larger build lists those not built (up to as many)
#: and leaves the full list to ``build-report.json``.
SUMMARY_ROWS = 50


def _summary(report) -> None:
    shown = report.inputs
    if len(shown) > SUMMARY_ROWS:
        shown = [i for i in report.inputs if i.status not in ("built", "unchanged")][:SUMMARY_ROWS]
    table = Table(title=f"kg build → {report.outdir}", show_lines=False)
    table.add_column("input", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for column in ("regions", "orgs", "programs", "slogans", "adoptions"):
        table.add_column(column, justify="right")
    table.add_column("reason", overflow="fold")
    for item in shown:
        c = item.counts
        table.add_row(Path(item.source).name, item.status, *(str(c.get(k, "")) for k in
                      ("region", "organization", "program", "slogan", "adoption")), item.reason)
    out = Console()
    if shown:
        out.print(table)
    if len(shown) < len(report.inputs):
        out.print(f"{'listed: the first ' + str(len(shown)) + ' inputs not built; ' if shown else ''}"
                  f"every input with its outcome is in {Path(report.outdir) / 'build-report.json'}")
    statuses = [i.status for i in report.inputs]
    out.print(f"{statuses.count('built')} built, {statuses.count('unchanged')} unchanged, "
              f"{statuses.count('duplicate')} duplicate, "
              f"{statuses.count('rejected')} rejected; {report.quads} quads"
              f"{'' if report.triples is None else f', {report.triples} distinct triples'}; "
              f"files: {', '.join(report.files)}")
    if report.unread:
        out.print(f"{_not_read([Path(p) for p in report.unread])}; they are listed in "
                  f"{Path(report.outdir) / 'build-report.json'}")


def _not_read(paths: list[Path]) -> str:
    """The line telling which of the input folders' files kg left unread, and why."""
    from .ingest import FORMATS, unread_summary

    return (f"[yellow]not read[/]: {unread_summary(paths)} in the input folders; kg reads {FORMATS}; "
            f"name a file outright to read it as text")


@app.command("extract")
def extract_cli(
    inputs: list[str] = typer.Argument(..., help="Report files, folders or globs."),
    output: Path = typer.Option(..., "-o", "--output", help="JSONL file to write, one record per report."),
    max_bytes: int = typer.Option(5_000_000, "--max-bytes"),
    aliases: Optional[Path] = typer.Option(None, "--aliases", help="CSV of your corrections to merges."),
) -> None:
    """Extract one JSON record per report (the annotation guidelines' schema) into OUTPUT."""
    from .build import extract, write_jsonl
    from .ingest import Rejected
    from .link.programs import Overrides

    overrides = Overrides.read(aliases) if aliases else Overrides()
    rejected = []
    unread: list[Path] = []

    def built():
        for item in extract(inputs, max_bytes=max_bytes, overrides=overrides, unread=unread):
            if isinstance(item, Rejected):
                rejected.append(item)
                console.print(f"[yellow]{item.status}[/]: {item.source}: {item.reason}")
            else:
                yield item

    output.parent.mkdir(parents=True, exist_ok=True)
    write_jsonl(built(), output)
    console.print(f"wrote {output} ({len(rejected)} inputs not built)")
    if unread:
        console.print(_not_read(unread))


@app.command("query")
def query_cli(
    query: str = typer.Argument(..., help="A SPARQL query, a .rq file, or the name of a shipped query."),
    store: str = typer.Option("output/store", "--store",
                              help="Store folder (OUTDIR/store), or a SPARQL server's URL (http://HOST:PORT)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
    bind: list[str] = typer.Option([], "--bind", help="Bind a variable: NAME=VALUE (repeatable)."),
) -> None:
    """Run a SPARQL query against a built store and print the result."""
    from .rdf.queries import resolve_query
    from .rdf.remote import connect
    from .rdf.store import format_result, query as run_query

    sparql = resolve_query(query)
    bindings = dict(b.split("=", 1) for b in bind)
    result = run_query(connect(store, read_only=True), sparql, bindings)
    sys.stdout.write(format_result(result, fmt))


@app.command("bench")
def bench_cli(
    docs: int = typer.Option(1000, "--docs", help="Reports in the generated corpus."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j",
                                       help="Processes of the parallel build (default: all cores)."),
    workdir: Optional[Path] = typer.Option(None, "--workdir",
                                           help="Keep the corpus and builds here (default: a temporary folder)."),
    peer_docs: int = typer.Option(40, "--peer-docs", help="Reports the slow peer baseline runs on."),
) -> None:
    """Measure kg on a generated corpus: stages, end to end, memory, queries, the jieba floor and a peer baseline."""
    from .bench.run import bench, format_bench

    result = bench(docs, jobs=jobs, workdir=workdir, peer_docs=peer_docs,
                   progress=lambda step: console.print(f"[dim]{step}…[/]"))
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n" if as_json else format_bench(result))


# -- diffusion views: kg view, kg export, kg plot (kg/graphs/) ----------------------------------

@app.command("view")
def view_cli(
    build_dir: Path = typer.Argument(..., help="A build folder (kg build ... -o DIR)."),
    program: Optional[str] = typer.Option(None, "--program", "-p", help="Only this program and its adopters."),
    region: Optional[str] = typer.Option(None, "--region", "-r", help="Only regions at or below this GB/T 2260 code."),
    graph: str = typer.Option("adoption", "--graph", "-g",
                              help="adoption, coadoption, cascades (inferred diffusion) or organizations."),
    top: int = typer.Option(300, "--top", "-n", help="Draw at most N nodes (the widest-spread; 0: all)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="HTML file to write (default DIR/view.html)."),
) -> None:
    """Write an offline graph page of a build, cut to a program and/or a region."""
    from .graphs.store_graphs import select_graph
    from .graphs.view import write_page

    chosen = select_graph(build_dir, graph=graph, program=program, region=region)
    title = " · ".join(["kg", graph, *(x for x in (program, region) if x)])
    path = write_page(chosen, output or build_dir / "view.html", title=title, top=top or None)
    console.print(f"wrote {path} ({chosen.number_of_nodes()} nodes, {chosen.number_of_edges()} edges)")


@app.command("export")
def export_cli(
    build_dir: Path = typer.Argument(..., help="A build folder (kg build ... -o DIR)."),
    outdir: Optional[Path] = typer.Option(None, "-o", "--outdir", help="Folder to write into (default DIR)."),
    rdf: bool = typer.Option(False, "--rdf", help="Also write the whole graph as N-Quads, TriG, Turtle and "
                             "JSON-LD (what `kg build --no-exports` leaves out)."),
) -> None:
    """Write Gephi/GraphML graphs and CSV tables (adoptions, spread, event-history panel) of a build."""
    from .graphs.exports import write_graph_exports, write_tables
    from .graphs.store_graphs import load_store, region_program_graph

    out = outdir or build_dir
    graph = region_program_graph(load_store(build_dir))  # read once for the tables and the graph files
    written = [*write_tables(build_dir, out, graph=graph), *write_graph_exports(build_dir, out, graph=graph)]
    if rdf:
        from .build import RDF_EXPORTS
        from .rdf.serialise import write_exports
        from .rdf.store import open_store

        write_exports(open_store(build_dir / "store", read_only=True), out)
        written += [out / name for name in RDF_EXPORTS]
    console.print(f"wrote {', '.join(p.name for p in written)} into {out}")


@app.command("plot")
def plot_cli(
    build_dir: Path = typer.Argument(..., help="A build folder (kg build ... -o DIR)."),
    program: list[str] = typer.Option([], "--program", "-p",
                                      help="Plot this program's timeline (repeatable; default: the one with most dated adopters)."),
    top: int = typer.Option(15, "--top", "-n", help="Programs in the spread chart."),
    outdir: Optional[Path] = typer.Option(None, "-o", "--outdir", help="Folder to write into (default DIR/plots)."),
) -> None:
    """Plot the top initiatives by spread and programs' adoption timelines (PNG and SVG)."""
    from .graphs.diffusion import first_seen, program_spread
    from .graphs.plots import plot_spread, plot_timeline
    from .graphs.store_graphs import region_program_graph

    out = outdir or build_dir / "plots"
    graph = region_program_graph(build_dir)
    written = list(plot_spread(graph, out / "spread.png", top=top))
    dated = {s.program: sum(1 for d in first_seen(graph, s.program).values() if d) for s in program_spread(graph)}
    names = program or sorted((p for p in dated if dated[p]), key=lambda p: -dated[p])[:1]
    for name in names:
        written += plot_timeline(graph, name, out / f"timeline-{name.replace('/', '_')}.png")
    console.print(f"wrote {', '.join(p.name for p in written)} into {out}")


# -- the graph as a service: kg validate, kg serve (kg/rdf/validate.py, kg/rdf/endpoint.py) ----------

@app.command("validate")
def validate_cli(
    target: str = typer.Argument(..., help="A build folder, a store folder or a SPARQL server's URL."),
    base: Optional[str] = typer.Option(None, "--base", help="Base IRI of the build (for short names)."),
) -> None:
    """Check a build's graph against the SHACL shapes (ontology/shapes.ttl); exit 1 when it does not conform."""
    from .rdf.serialise import DEFAULT_BASE
    from .rdf.validate import validate

    report = validate(target, base=base or DEFAULT_BASE)
    for line in report.lines():
        sys.stdout.write(line + "\n")
    count = len(report.violations)
    verdict = "conforms" if report.conforms else f"does not conform: {count} violation{'s' * (count != 1)}"
    console.print(f"{target}: {report.triples} triples; {verdict}")
    if not report.conforms:
        raise typer.Exit(1)


@app.command("serve")
def serve_cli(
    build_dir: Path = typer.Argument(..., help="A build folder (kg build ... -o DIR)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)."),
    port: int = typer.Option(7878, "--port", help="Port to listen on."),
    timeout: float = typer.Option(10.0, "--timeout", help="Seconds a query may run before it is stopped (503)."),
    limit: int = typer.Option(10_000, "--limit", help="Rows (or triples) an answer holds at most."),
    workers: int = typer.Option(2, "--workers", help="Queries that may run at once (one process each)."),
) -> None:
    """Serve a build read-only: SPARQL 1.1 Protocol at /sparql, the graph page at /."""
    from .rdf.endpoint import serve

    serve(build_dir, host=host, port=port, timeout=timeout, limit=limit, workers=workers)


def main() -> None:
    """Entry point: run the app, print kg's errors as one line, exit non-zero."""
    try:
        code = app(standalone_mode=False)  # click returns the code of a typer.Exit here
        sys.exit(code if isinstance(code, int) else 0)
    except KGError as exc:
        console.print(f"[red]error:[/] {exc}")
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        console.print("aborted")
        sys.exit(130)
    except Exception as exc:  # click usage errors
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise


if __name__ == "__main__":  # pragma: no cover
    main()
