"""kg's own lexicons: national campaigns, program heads, slogan cues, organisation bodies.

The lists live as plain text under ``kg/data/lexicon/`` (one entry a line, ``#``
comments) so that a reviewer can read and extend them without reading code.
Every entry must be general — a campaign known nationally, a head noun, a kind
of body — never a name taken from one report.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import ahocorasick


def _lines(name: str) -> list[str]:
    text = resources.files("kg").joinpath("data").joinpath("lexicon").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class Campaign:
    """A nationally known program: its canonical name and every variant that names it."""

    name: str
    variants: tuple[str, ...]


@lru_cache(maxsize=1)
def campaigns() -> tuple[Campaign, ...]:
    out = []
    for line in _lines("campaigns.txt"):
        forms = [f.strip() for f in line.split("|") if f.strip()]
        out.append(Campaign(forms[0], tuple(forms)))
    return tuple(out)


@lru_cache(maxsize=1)
def campaign_automaton() -> ahocorasick.Automaton:
    """Aho–Corasick automaton from every campaign variant to ``(variant, canonical)``."""
    automaton = ahocorasick.Automaton()
    for campaign in campaigns():
        for form in campaign.variants:
            automaton.add_word(form, (form, campaign.name))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=1)
def canonical_campaigns() -> dict[str, str]:
    """Every campaign variant → its canonical name."""
    return {form: c.name for c in campaigns() for form in c.variants}


@lru_cache(maxsize=None)
def words(name: str) -> tuple[str, ...]:
    """A word list from ``kg/data/lexicon/NAME.txt``, longest first (for longest-match alternations)."""
    return tuple(sorted(set(_lines(f"{name}.txt")), key=lambda w: (-len(w), w)))


def user_dictionary() -> list[str]:
    """Words jieba must keep whole: campaign names and organisation bodies."""
    return sorted({form for c in campaigns() for form in c.variants} | set(words("org_bodies")))


def word_tag(word: str) -> str:
    """jieba's part-of-speech tag of a word of its dictionary (``""`` for none): ``i`` an idiom, ``ns`` a place."""
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab.get(word, "")


#: jieba's frequency from which a word is everyday language (一把手, 一体化); the region tests read it too
EVERYDAY_FREQ = 100


def is_everyday(word: str) -> bool:
    """Whether ``word`` is a common word of jieba's dictionary and no campaign kg knows (一把手, not 三会一课)."""
    import jieba

    return (jieba.get_FREQ(word) or 0) >= EVERYDAY_FREQ and word not in canonical_campaigns()


@lru_cache(maxsize=4096)
def tagged_words(clause: str) -> tuple[tuple[str, str], ...]:
    """jieba's words of ``clause`` with their part-of-speech flags."""
    import jieba.posseg

    return tuple((pair.word, pair.flag) for pair in jieba.posseg.cut(clause))
