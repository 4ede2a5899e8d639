"""One node per initiative: canonical program and slogan names, and the alias table.

Canonical names follow the annotation guidelines: quote marks, spaces and pinyin
go (the normaliser took traditional characters and pinyin already); a quoted core
loses the generic head noun the text put after it (“三会一课”制度 → 三会一课),
except a core that is only a number pattern keeps it (“2+5”工作法 → 2+5工作法);
a variant of a national campaign takes the campaign's name (支部主题党日 →
主题党日, 驻村第一书记 → 第一书记). Count words are never merged with each other
(三个一 and 四个一 stay apart), nor a pairing with its parts (支部+ vs 支部+合作社).
"""
from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..extract.lexicon import canonical_campaigns
from ..extract.programs import NUMBER_ONLY

QUOTES = re.compile(r"[\s\"'“”‘’「」『』]")
DASHES = re.compile(r"[—–－‐‑⁃]")


@dataclass(frozen=True)
class Alias:
    """One row of ``aliases.csv``: a variant, the canonical name it merges into, and why."""

    variant: str
    canonical: str
    kind: str
    reason: str


def clean_name(name: str) -> str:
    """Quote marks and spaces out, full-width ASCII folded, dashes unified."""
    name = "".join(unicodedata.normalize("NFKC", c) if ord(c) < 0x3000 or 0xFF00 <= ord(c) <= 0xFFEF else c
                   for c in name)
    name = DASHES.sub("—", name)
    return QUOTES.sub("", name)


def canonical_program(name: str) -> tuple[str, str]:
    """``(canonical name, reason)`` of a program name as extracted."""
    cleaned = clean_name(name)
    campaign = canonical_campaigns().get(cleaned)
    if campaign and campaign != cleaned:
        return campaign, "campaign variant"
    if cleaned != name:
        return cleaned, "quote marks and spaces"
    return cleaned, "as written"


ALIAS_COLUMNS = ("variant", "canonical", "kind", "reason")


@dataclass(frozen=True)
class Overrides:
    """A user's corrections to kg's merges: ``(kind, variant) → canonical``.

    Read from a CSV file with the columns of ``aliases.csv`` (variant, canonical,
    kind, reason), so a user can copy the rows kg wrote, change the canonical
    name, and build again with ``--aliases FILE``; a row whose canonical equals its
    variant keeps that variant a node of its own.
    """

    names: Mapping[tuple[str, str], str] = field(default_factory=dict)

    def apply(self, kind: str, variant: str, canonical: str) -> tuple[str, str]:
        """``(name, reason)``: the user's name for the variant or the canonical form, else kg's."""
        for key in ((kind, variant), (kind, canonical)):
            if key in self.names:
                return self.names[key], "user override"
        return canonical, ""

    @classmethod
    def read(cls, path: str | Path) -> "Overrides":
        try:
            with Path(path).open(encoding="utf-8-sig", newline="") as f:
                rows = list(csv.DictReader(f))
        except OSError as exc:
            raise ConfigError(f"cannot read the alias table: {exc.strerror}", path=str(path)) from exc
        names = {}
        for number, row in enumerate(rows, start=2):
            if not row.get("variant") or not row.get("canonical") or not row.get("kind"):
                raise ConfigError(f"line {number}: needs variant, canonical and kind",
                                  path=str(path), hint="columns: " + ",".join(ALIAS_COLUMNS))
            names[(row["kind"].strip(), clean_name(row["variant"]))] = clean_name(row["canonical"])
        return cls(names)


def alias_rows(extractions: Iterable) -> list[Alias]:
    """The alias table of a corpus: every surface form that was merged into a canonical name."""
    table = AliasTable()
    for extraction in extractions:
        table.add(extraction)
    return table.rows()


class AliasTable:
    """The alias table, gathered one extraction at a time (a build reads each report's digest once).

    Its rows do not depend on the order the extractions come in: a merge several reports make
    for different reasons keeps the first reason in alphabetical order."""

    def __init__(self) -> None:
        self._rows: dict[tuple[str, str, str], Alias] = {}

    def add(self, extraction) -> None:
        for entity in extraction.entities:
            if entity.kind not in ("program", "slogan", "organization", "region"):
                continue
            reasons = dict(entity.attrs)
            for variant in entity.aliases:
                if variant == entity.name:
                    continue
                reason = reasons.get("merge_reason") or _reason(entity.kind, variant, entity.name)
                key = (entity.kind, variant, entity.name)
                if key not in self._rows or reason < self._rows[key].reason:
                    self._rows[key] = Alias(variant, entity.name, entity.kind, reason)

    def rows(self) -> list[Alias]:
        return sorted(self._rows.values(), key=lambda a: (a.kind, a.canonical, a.variant))


def _reason(kind: str, variant: str, canonical: str) -> str:
    if kind == "region":
        return "official name of a short, former or autonomous form"
    if kind == "organization":
        return "region made explicit from the report's context"
    if clean_name(variant) == canonical:
        return "quote marks and spaces"
    if canonical.startswith(clean_name(variant)) and NUMBER_ONLY.match(clean_name(variant)):
        return "number-only core keeps its head noun"
    if canonical_campaigns().get(clean_name(variant)) == canonical:
        return "campaign variant"
    return "generic head noun dropped"


def write_aliases(rows: Iterable[Alias], path: Path) -> None:
    """``aliases.csv``: variant, canonical, kind, reason — one row per merge, for audit and override."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(ALIAS_COLUMNS)
        for row in rows:
            writer.writerow([row.variant, row.canonical, row.kind, row.reason])
