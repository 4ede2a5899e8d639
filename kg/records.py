"""The small typed records that flow between kg's stages.

ingest → ``Report`` → normalise → ``Document`` → extract → ``Mention`` →
link → ``Extraction`` (``Entity``, ``Relation``, ``Adoption``) → rdf / graphs.

Every record is a frozen dataclass: a stage reads the records of the stage
before it and makes new ones; nothing is mutated backwards.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Level = Literal["province", "prefecture", "county", "township", "village"]
Kind = Literal["region", "organization", "program", "slogan", "person"]
LEVELS: tuple[Level, ...] = ("province", "prefecture", "county", "township", "village")


@dataclass(frozen=True)
class Person:
    """A person named with a role (``通讯员 贾策``, ``组织部长王建刚``)."""

    name: str
    role: str


@dataclass(frozen=True)
class Metadata:
    """What a report says about itself. Dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    url: str | None = None
    authors: tuple[Person, ...] = ()
    site: str | None = None  # the site hosting the report when another outlet than its publisher
    record_id: str | None = None  # the id a crawl's record gave itself (JSONL, JSON, a table's column)


@dataclass(frozen=True)
class Report:
    """One input report as read from disk, before normalisation.

    ``doc_id`` is the file stem; a record of a file holding several (JSONL, JSON, a table) is named
    by its own id, or ``STEM-N`` without one, and a file's only record by the file's stem, as the
    annotation guidelines name a report (its own id kept in ``meta.record_id``); ``source`` names the file (``path`` or
    ``path:LINE`` for JSONL) so errors and provenance can point at it.
    ``meta`` holds metadata given outside the text (JSONL fields, HTML head).
    """

    doc_id: str
    source: str
    text: str
    meta: Metadata = field(default_factory=Metadata)


@dataclass(frozen=True)
class Document:
    """A normalised report: ``text`` is what extraction reads.

    ``offsets[i]`` is the index in ``original`` of ``text[i]``; it has
    ``len(text) + 1`` entries, the last one ``len(original)``, so a span
    ``text[a:b]`` is shown as the report wrote it by ``original[offsets[a]:offsets[b]]``.
    """

    doc_id: str
    source: str
    original: str
    text: str
    offsets: tuple[int, ...]
    meta: Metadata
    sha256: str

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the normalised span ``[start, end)``."""
        return self.offsets[start], self.offsets[end]


@dataclass(frozen=True)
class Evidence:
    """Where a statement comes from: a report, a normalised span and its sentence."""

    doc_id: str
    start: int
    end: int
    sentence: str
    original_start: int = -1
    original_end: int = -1


@dataclass(frozen=True)
class Mention:
    """A span of a document that names something.

    ``key`` identifies what is named for the linker: a gazetteer id for
    regions, a lexicon or rule id otherwise. ``label`` is the rule that found it.
    """

    kind: Kind
    text: str
    start: int
    end: int
    label: str = ""
    key: str = ""


@dataclass(frozen=True)
class PathStep:
    """One division on a region's path: official name, level, own code ("" below county)."""

    name: str
    level: Level
    code: str = ""


@dataclass(frozen=True)
class Region:
    """A linked administrative division (GB/T 2260).

    ``code`` follows the annotation guidelines: the division's own code for
    county level and above, the county's code for townships and villages.
    ``path`` runs from the province down to this division itself, so a region
    rolls up to its county, prefecture and province even when they are not named.
    ``aliases`` are the other names it is known by (short forms, former names).
    """

    name: str
    level: Level
    code: str
    path: tuple[PathStep, ...]
    aliases: tuple[str, ...] = ()

    @property
    def county_code(self) -> str | None:
        """The county-level code a township or village belongs to, or the county's own."""
        return self.code if self.level in ("county", "township", "village") else None


@dataclass(frozen=True)
class Entity:
    """A linked entity of one report: canonical ``name``, every surface form in ``aliases``."""

    kind: Kind
    name: str
    aliases: tuple[str, ...] = ()
    region: Region | None = None
    evidence: tuple[Evidence, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Relation:
    """A typed link between two entities of one report, named by kind and canonical name."""

    subject: tuple[Kind, str]
    predicate: Literal["part_of", "located_in", "sub_organization_of", "member_of"]
    object: tuple[Kind, str]
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Adoption:
    """A program carried out by a region (county level or above), per one report."""

    code: str
    program: str
    doc_id: str
    organization: str | None = None
    date: str | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything kg extracted and linked from one document."""

    document: Document
    focus: str | None
    focus_confidence: float
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    adoptions: tuple[Adoption, ...]

    def of_kind(self, kind: Kind) -> tuple[Entity, ...]:
        return tuple(e for e in self.entities if e.kind == kind)
