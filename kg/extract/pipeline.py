"""The spaCy pipeline kg extracts with: ``spacy.blank("zh")``, jieba, kg's components.

kg's word segmenter is jieba, its user dictionary fed from kg's lexicons so
program names and body heads stay whole. The Doc itself is tokenised by
:class:`RunTokenizer` into runs of non-space characters, not into words: no
component reads tokens (they all work on character offsets), and jieba segments
a run of Han characters only where a candidate needs word boundaries (the region
linker's everyday-word test, :mod:`kg.link.regions`), which keeps segmentation
off the hot path (``docs/decisions/0008-scale.md``).
Each matching component sets spans in ``doc.spans[KIND]`` (``regions``,
``organizations``, ``programs``, ``slogans``, ``persons``); a span's ``label_``
names the rule that found it and its ``kb_id_`` carries the id the linker reads
(a gazetteer id for regions). Components work on character offsets and turn
them into spans with :func:`char_span`, so segmentation never cuts a name.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

SPAN_KEYS = ("regions", "organizations", "programs", "slogans", "persons")
# one token: a run of non-space characters
_TOKEN = re.compile(r"\S+")


class RunTokenizer:
    """Tokenise a text into runs of non-space characters (a Chinese text: its lines or paragraphs).

    Whitespace goes into the tokens' trailing space where it is one space, and
    into tokens of its own otherwise, so ``doc.text`` is always the text. Few
    tokens make a Doc cheap to build and ``doc.text`` cheap to read.

    Each Doc gets a vocabulary of its own, dropped with it: tokens this long are
    seldom seen twice, and interning them (and every span's label and id) in the
    pipeline's shared vocabulary would grow memory with the corpus. The Doc keeps
    the text it was made from (:func:`text_of`).

    >>> from spacy.vocab import Vocab
    >>> [t.text for t in RunTokenizer(Vocab())("郧西县观音镇, 2018年  党委")]
    ['郧西县观音镇,', '2018年', ' ', '党委']
    """

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        at = 0
        for match in _TOKEN.finditer(text):
            gap = text[at:match.start()]
            if gap:
                if words and gap[0] == " " and not spaces[-1]:
                    spaces[-1] = True
                    gap = gap[1:]
                if gap:
                    words.append(gap)
                    spaces.append(False)
            words.append(match.group())
            spaces.append(False)
            at = match.end()
        if at < len(text):
            gap = text[at:]
            if words and gap[0] == " ":
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                words.append(gap)
                spaces.append(False)
        # no lexical attributes: no component reads them, and computing them for long runs is most of a Doc's cost
        vocab = Vocab(lex_attr_getters={}, writing_system=self.vocab.writing_system)
        doc = Doc(vocab, words=words, spaces=spaces)
        doc.user_data[_TEXT] = text
        return doc


_TEXT = "kg.text"


def text_of(doc: Doc) -> str:
    """``doc.text``, kept by the tokenizer: spaCy joins the tokens again on every read of ``doc.text``."""
    text = doc.user_data.get(_TEXT)
    return doc.text if text is None else text


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
    """The pipeline, built once per process (jieba and the gazetteer load once).

    jieba is kg's word segmenter: it loads here with the user dictionary, and the
    region linker asks it for the words of a block when a candidate needs them.
    """
    import logging

    import jieba
    import spacy

    jieba.setLogLevel(logging.WARNING)

    from . import components  # noqa: F401  registers the component factories
    from .lexicon import user_dictionary

    jieba.initialize()
    import jieba.posseg  # noqa: F401  its word tags (0.2 s) tell the region linker verbs and names
    for word in user_dictionary():
        jieba.add_word(word)
    nlp = spacy.blank("zh")
    nlp.tokenizer = RunTokenizer(nlp.vocab)
    for name in components.PIPELINE:
        nlp.add_pipe(name)
    return nlp
