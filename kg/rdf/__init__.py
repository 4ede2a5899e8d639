"""The rdf stage: extractions become named graphs in a SPARQL store, and exports.

- :mod:`kg.rdf.namespaces`: the closed vocabularies (``KG`` from ``ontology/kg.ttl``).
- :mod:`kg.rdf.serialise`: ``report_quads`` (one report's named graph) and ``write_exports``.
- :mod:`kg.rdf.store`: ``open_store``, ``replace_report``, ``query``, ``format_result``.
- :mod:`kg.rdf.queries`: the named queries of ``ontology/queries/*.rq``.

The model is described in ``docs/decisions/0004-rdf-model.md``.
"""
