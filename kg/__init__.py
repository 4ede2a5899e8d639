"""kg: knowledge graphs of Chinese local-governance reports.

The stable entry points; everything else is reached through its stage module
(``kg.ingest``, ``kg.normalise``, ``kg.extract``, ``kg.link``, ``kg.rdf``, ``kg.graphs``).
Importing kg is cheap: spaCy, jieba and the gazetteer load when a report is first extracted.

>>> import kg
>>> sorted(kg.__all__)
['Extraction', 'KGError', 'build', 'extract', 'open_store', 'query']
"""
from . import extract as _extract_stage  # noqa: F401  the stage package loads first, so that
from .build import build, extract        # the function, not the package, is kg.extract
from .errors import KGError
from .rdf.store import open_store, query
from .records import Extraction

__all__ = ["build", "extract", "open_store", "query", "Extraction", "KGError"]
