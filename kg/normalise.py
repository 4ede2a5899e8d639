"""Normalisation: a report as scraped → the text extraction reads.

Reports come as they were scraped: traditional characters, pinyin glosses after
every character (``區(qū)``), ``???`` where a full-width space was lost, odd spaces,
full-width letters, comment widgets, image file names, navigation trails and
copyright notices. :func:`normalise_text` removes or folds all of that and keeps
a map from every normalised character back to its index in the original, so a
span found in the clean text is shown as the report wrote it.

The steps, in order (each keeps the map):

1. line breaks unified, control and zero-width characters dropped;
2. odd spaces (U+3000, NBSP, tabs, ...) → ``" "``; full-width letters and digits → ASCII
   (Chinese punctuation such as ，。“”、（） is kept);
3. placeholders: ``???`` or U+FFFD at a line start dropped (they were full-width
   spaces), elsewhere a run of them becomes one space;
4. pinyin glosses after a character dropped: ``區(qū)``, ``創(chuàng )``, ``导（dǎo）``;
5. traditional → simplified, character for character (OpenCC ``t2s``);
6. boilerplate lines dropped (cues in ``kg/data/boilerplate.txt``);
7. layout: runs of spaces → one, line edges trimmed, at most one blank line.

The result is idempotent: normalising a normalised text changes nothing.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources

from .errors import ConfigError
from .metadata import report_metadata
from .records import Document, Report

Offsets = list[int]
Edit = tuple[int, int, str]  # replace text[start:end] by the string; its characters map to start

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

# Step 1–2: one-to-one character folds.
_LINE_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029\r"
_ODD_SPACES = "\t\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_FOLD = str.maketrans(
    {**{c: "\n" for c in _LINE_BREAKS}, **{c: " " for c in _ODD_SPACES},
     **{chr(cp): chr(cp - 0xFEE0) for cp in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                             *range(0xFF41, 0xFF5B))}})
_INVISIBLE = re.compile(r"\r(?=\n)|[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\xad\u200b-\u200f\u2060-\u2064\ufeff]+")

# Step 3: placeholders of lost characters.
_LEADING_PLACEHOLDERS = re.compile(r"(?m)^ *(?:(?:\?+|\ufffd+) *)+")
_INNER_PLACEHOLDERS = re.compile(r"\ufffd+|\?{3,}")

# Step 4: pinyin glosses. A gloss is one syllable, lower case, tone marks or a tone digit.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_GLOSSES = re.compile(rf"(?<=[{CJK}])(?: *[(（] *[a-zü{_TONED}\u0300-\u0304\u030c]{{1,7}}[1-5]? *[)）])+")
_ONE_GLOSS = re.compile(rf" *[(（] *([a-zü{_TONED}\u0300-\u0304\u030c]{{1,7}}[1-5]?) *[)）]")
_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:a|ai|an|ang|ao|e|ei|en|eng|er|o|ong|ou|i|ia|ian|iang|iao|ie|in|ing|iong|iu"
    r"|u|ua|uai|uan|uang|ue|ui|un|uo|v|ve|van|vn)[1-5]?|(?:h?m|h?ng|n)[1-5]?")

# Step 7: layout.
_SPACE_RUNS = re.compile(r"(?<= ) +")
_LINE_EDGES = re.compile(r"(?m)^ +| +$")
_BLANK_RUNS = re.compile(r"(?<=\n\n)\n+")
_TEXT_EDGES = re.compile(r"^\n+|\n+$")


def normalise(report: Report) -> Document:
    """The Document extraction reads from one Report: clean text, offset map, metadata, sha256.

    Metadata is read by :func:`kg.metadata.report_metadata` from the cleaned text *before*
    boilerplate is dropped (a copyright notice may name the outlet); fields the report
    carries in ``report.meta`` (JSONL, HTML head) win.

    >>> from kg.records import Report
    >>> doc = normalise(Report("d", "d.txt", "秦楚网讯 通讯员 贾策 报道:商州區(qū)堅(jiān)持"))
    >>> doc.text, doc.meta.publisher, doc.meta.authors[0].name
    ('秦楚网讯 通讯员 贾策 报道:商州区坚持', '秦楚网', '贾策')
    >>> doc.original[doc.offsets[18]:doc.offsets[20]]
    '堅(jiān)持'
    """
    text, offsets, with_boilerplate = _normalise(report.text)
    return Document(
        doc_id=report.doc_id,
        source=report.source,
        original=report.text,
        text=text,
        offsets=tuple(offsets),
        meta=report_metadata(with_boilerplate, report.meta),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def normalise_text(text: str) -> tuple[str, tuple[int, ...]]:
    """The normalised text and, for each of its characters and its end, the original index.

    >>> normalise_text("??? 區(qū)委\\u3000ＡＢ１")
    ('区委 AB1', (4, 9, 10, 11, 12, 13, 14))
    """
    clean, offsets, _ = _normalise(text)
    return clean, tuple(offsets)


def _normalise(text: str) -> tuple[str, Offsets, str]:
    """Clean text, its offsets, and the text as it was just before boilerplate was dropped."""
    offsets = list(range(len(text) + 1))
    text, offsets = _apply(text, offsets, _regex_edits(_INVISIBLE, ""))
    text = text.translate(_FOLD)
    text, offsets = _apply(text, offsets, _regex_edits(_LEADING_PLACEHOLDERS, ""))
    text, offsets = _apply(text, offsets, _regex_edits(_INNER_PLACEHOLDERS, " "))
    text, offsets = _apply(text, offsets, _gloss_edits)
    text = to_simplified(text)
    with_boilerplate = text
    text, offsets = _apply(text, offsets, _boilerplate_edits)
    for pattern in (_SPACE_RUNS, _LINE_EDGES, _BLANK_RUNS, _TEXT_EDGES):
        text, offsets = _apply(text, offsets, _regex_edits(pattern, ""))
    return text, offsets, with_boilerplate


def _apply(text: str, offsets: Offsets, edits_of: Callable[[str], Iterable[Edit]]) -> tuple[str, Offsets]:
    """Apply sorted, non-overlapping edits; kept characters keep their original index."""
    pieces: list[str] = []
    new_offsets: Offsets = []
    last = 0
    for start, end, replacement in edits_of(text):
        pieces.append(text[last:start])
        new_offsets += offsets[last:start]
        pieces.append(replacement)
        new_offsets += [offsets[start]] * len(replacement)
        last = end
    if not last and not pieces:
        return text, offsets
    pieces.append(text[last:])
    new_offsets += offsets[last:]
    return "".join(pieces), new_offsets


def _regex_edits(pattern: re.Pattern[str], replacement: str) -> Callable[[str], Iterable[Edit]]:
    def edits(text: str) -> Iterable[Edit]:
        return ((m.start(), m.end(), replacement) for m in pattern.finditer(text) if m.end() > m.start())
    return edits


def _syllable(gloss: str) -> tuple[bool, bool]:
    """Whether a gloss is a pinyin syllable, and whether it carries a tone mark."""
    bare = "".join(c for c in unicodedata.normalize("NFD", gloss) if not unicodedata.combining(c))
    return bool(_SYLLABLE.fullmatch(bare.replace("ü", "v"))), bare != gloss or gloss[-1].isdigit()


def _gloss_edits(text: str) -> list[Edit]:
    """Pinyin glosses after characters. Toneless ones count only in a text that has toned ones."""
    runs = []
    any_toned = False
    for run in _GLOSSES.finditer(text):
        glosses = []
        for gloss in _ONE_GLOSS.finditer(text, run.start(), run.end()):
            is_pinyin, toned = _syllable(gloss.group(1))
            if not is_pinyin:
                break
            glosses.append((gloss.end(), toned))
            any_toned = any_toned or toned
        if glosses:
            runs.append((run.start(), glosses))
    edits = []
    for start, glosses in runs:
        end = start
        for gloss_end, toned in glosses:
            if not (toned or any_toned):
                break
            end = gloss_end
        if end > start:
            edits.append((start, end, ""))
    return edits


def to_simplified(text: str) -> str:
    """Traditional → simplified, one character for one so offsets stay valid.

    Each line is converted by OpenCC ``t2s`` with its phrase tables; a line whose
    conversion changes length falls back to single characters. The conversion is
    repeated to a fixed point, so converting twice changes nothing.

    >>> to_simplified("基層黨建")
    '基层党建'
    """
    converter = _converter()
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        for _ in range(3):
            converted = converter.convert(line)
            if len(converted) != len(line):
                converted = "".join(_char_to_simplified(c) for c in line)
            if converted == line:
                break
            line = converted
        lines[i] = line
    return "\n".join(lines)


@lru_cache(maxsize=None)
def _char_to_simplified(char: str) -> str:
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


@lru_cache(maxsize=1)
def _converter():
    try:
        import opencc
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ConfigError("OpenCC is not installed", hint="pip install opencc") from exc
    return opencc.OpenCC("t2s")


# Boilerplate ---------------------------------------------------------------------------------

def _boilerplate_edits(text: str) -> list[Edit]:
    """Whole lines of boilerplate (with their line break), found by the cues of boilerplate.txt."""
    cues = boilerplate_cues()
    edits: list[Edit] = []
    in_block = False
    position = 0
    for line in text.split("\n"):
        start, end = position, position + len(line) + 1
        position = end
        key = " ".join(line.split())
        if not key:
            continue
        if cues["block"].fullmatch(key):
            in_block = True
        elif cues["line"].fullmatch(key):
            pass
        elif not (in_block and cues["continue"].fullmatch(key)):
            in_block = False
            continue
        edits.append((start, min(end, len(text)), ""))
    return edits


@lru_cache(maxsize=1)
def boilerplate_cues() -> dict[str, re.Pattern[str]]:
    """The boilerplate cues of ``kg/data/boilerplate.txt``: one alternation per kind."""
    kinds: dict[str, list[str]] = {"line": [], "block": [], "continue": []}
    text = resources.files("kg").joinpath("data", "boilerplate.txt").read_text(encoding="utf-8")
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        kind, _, pattern = raw.partition("\t")
        if kind not in kinds or not pattern:
            raise ConfigError(f"line {number}: expected KIND<TAB>REGEX with KIND one of {sorted(kinds)}",
                              path="kg/data/boilerplate.txt")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"line {number}: bad regex: {exc}", path="kg/data/boilerplate.txt") from exc
        kinds[kind].append(pattern)
    return {kind: re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)")
            for kind, patterns in kinds.items()}
