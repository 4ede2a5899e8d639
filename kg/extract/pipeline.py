"""The spaCy pipeline kg extracts with: ``spacy.blank("zh")``, jieba, kg's components.

The tokenizer is spaCy's Chinese tokenizer with the jieba segmenter, its user
dictionary fed from kg's lexicons so program names and body heads stay whole.
Each matching component sets spans in ``doc.spans[KIND]`` (``regions``,
``organizations``, ``programs``, ``slogans``, ``persons``); a span's ``label_``
names the rule that found it and its ``kb_id_`` carries the id the linker reads
(a gazetteer id for regions). Components work on character offsets and turn
them into spans with :func:`char_span`, so segmentation never cuts a name.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

SPAN_KEYS = ("regions", "organizations", "programs", "slogans", "persons")


def char_span(doc: Doc, start: int, end: int, label: str, kb_id: str = "") -> Span:
    """A span over characters ``[start, end)`` of ``doc``, its exact offsets kept in ``span.id_``.

    A name can begin or end inside a jieba token (``观音`` ``镇党委``); the span
    then covers the tokens it touches, while ``span.id_`` (``"start:end"``) keeps
    the exact characters, which is what every later stage reads (see :func:`chars`).
    The offsets live on the span itself: custom ``Span._`` values are keyed by
    token boundaries, so two names in one token would overwrite each other.
    """
    span = doc.char_span(start, end, label=label, kb_id=kb_id, alignment_mode="expand",
                         span_id=f"{start}:{end}")
    if span is None:  # pragma: no cover - expand always yields a span inside the text
        raise ValueError(f"no span at {start}:{end}")
    return span


def chars(span: Span) -> tuple[int, int]:
    """The exact character offsets of a span a kg component set."""
    start, sep, end = span.id_.partition(":")
    return (int(start), int(end)) if sep else (span.start_char, span.end_char)


@lru_cache(maxsize=1)
def make_nlp() -> Language:
    """The pipeline, built once per process (jieba and the gazetteer load once)."""
    import logging

    import jieba
    import spacy

    jieba.setLogLevel(logging.WARNING)

    from . import components  # noqa: F401  registers the component factories
    from .lexicon import user_dictionary

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    segmenter = nlp.tokenizer.jieba_seg
    for word in user_dictionary():
        segmenter.add_word(word)
    for name in components.PIPELINE:
        nlp.add_pipe(name)
    return nlp
