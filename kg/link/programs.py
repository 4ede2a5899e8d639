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

import re
import unicodedata
from dataclasses import dataclass

from ..extract.lexicon import canonical_campaigns

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


def aliases(variants: dict[tuple[str, str], set[str]]) -> list[Alias]:
    """The alias table of a corpus: ``variants[(kind, canonical)]`` is every surface seen."""
    rows = []
    for (kind, canonical), seen in sorted(variants.items()):
        for variant in sorted(seen - {canonical}):
            _, reason = canonical_program(variant) if kind == "program" else (canonical, "quote marks and spaces")
            rows.append(Alias(variant, canonical, kind, reason))
    return rows
