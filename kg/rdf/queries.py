"""The named SPARQL queries kg ships in ``ontology/queries/*.rq``, loaded by name.

=====================  ===========================================================
``spread``             programs ranked by distinct adopting counties, with their names
``spread_provinces``   programs ranked by the provinces their adopters roll up to
``programs_of_county`` programs adopted in the region bound to ``?code``
``first_adoption``     first adoption date per adopter of the program bound to ``?program``
``cooccur``            pairs of programs adopted by the same adopters
``shared_programs``    programs of ≥ 2 counties: counties, dates, evidence sentences
=====================  ===========================================================

Parameters are passed as bindings to :func:`kg.rdf.store.query`, never spliced into the text.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import QueryError
from .namespaces import ontology_dir

__all__ = ["named_query", "query_names", "resolve_query"]

_SPARQL_FORM = re.compile(r"^\s*(PREFIX|BASE|SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE | re.MULTILINE)


def _folder() -> Path:
    return ontology_dir() / "queries"


def query_names() -> tuple[str, ...]:
    """The names of the shipped queries.

    >>> "spread" in query_names()
    True
    """
    return tuple(sorted(path.stem for path in _folder().glob("*.rq")))


def named_query(name: str) -> str:
    """The SPARQL text of the shipped query ``name`` (with or without ``.rq``)."""
    stem = name.removesuffix(".rq")
    path = _folder() / f"{stem}.rq"
    if "/" in stem or not path.is_file():
        raise QueryError(f"no shipped query named {name!r}", hint=f"use one of: {', '.join(query_names())}")
    return path.read_text(encoding="utf-8")


def resolve_query(query: str) -> str:
    """The SPARQL text ``query`` stands for: a shipped query's name, a ``.rq`` file, or SPARQL itself."""
    if _SPARQL_FORM.search(query):
        return query
    if query.removesuffix(".rq") in query_names():
        return named_query(query)
    path = Path(query)
    if path.is_file():
        return path.read_text(encoding="utf-8")
    raise QueryError(f"{query!r} is neither SPARQL, a query file nor a shipped query",
                     hint=f"shipped queries: {', '.join(query_names())}")
