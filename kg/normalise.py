"""Normalisation: a report as scraped → the text extraction reads.

Reports come as they were scraped: traditional characters, pinyin glosses after
every character (``區(qū)``), ``???`` where a full-width space was lost, odd spaces,
full-width letters, comment widgets, image file names, navigation trails and
copyright notices. :func:`normalise_text` removes or folds all of that and keeps
a map from every normalised character back to its index in the original, so a
span found in the clean text is shown as the report wrote it.

The steps, in order (each keeps the map):

1. line breaks unified (also one a crawl wrote out as ``\\n`` beside Chinese), control and
   zero-width characters dropped;
2. odd spaces (U+3000, NBSP, tabs, ...) → ``" "``; full-width letters and digits → ASCII
   (Chinese punctuation such as ，。“”、（） is kept);
3. placeholders: ``???`` or U+FFFD at a line start dropped (they were full-width
   spaces), elsewhere a run of them becomes one space;
4. pinyin glosses after a character dropped: ``區(qū)``, ``創(chuàng )``, ``导（dǎo）``;
5. traditional → simplified, character for character (OpenCC ``t2s``);
6. boilerplate lines dropped (cues in ``kg/data/boilerplate.txt``);
7. layout: runs of spaces → one, line edges trimmed, at most one blank line.

The result is idempotent: normalising a normalised text changes nothing.

Speed: a step runs only when a cheap test (a character class, a substring) finds what
it acts on, and OpenCC sees only lines holding a character its ``t2s`` tables change
(:func:`convertible_characters`), so a clean simplified report costs a few scans; the
offset map is built at the first edit. Property tests hold each fast path to the
general one.
"""
from __future__ import annotations

import hashlib
import json
import re
import struct
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

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
_INVISIBLE_CHARS = r"\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\xad\u200b-\u200f\u2060-\u2064\ufeff"
_INVISIBLE = re.compile(rf"\r(?=\n)|[{_INVISIBLE_CHARS}]+")
_FOLDED = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]+")
# a line break a crawl escaped twice, so that it reads as text (``产业共兴。\n隆林县``): beside a
# character that is no ASCII, it was a line break; in ASCII (code, a path) it is left alone
_ESCAPED_BREAK = re.compile(r"(?<=[^\x00-\x7f])(?:\\r\\n|\\n|\\r)+|(?:\\r\\n|\\n|\\r)+(?=[^\x00-\x7f])")
# Any character step 1 or 2 acts on (\r is a line break of _FOLD): one scan tells if they have work.
_INVISIBLE_OR_FOLDED = re.compile(_FOLDED.pattern[:-2] + _INVISIBLE_CHARS + "]")

# Step 3: placeholders of lost characters.
_LEADING_PLACEHOLDERS = re.compile(r"(?m)^ *(?:(?:\?+|\ufffd+) *)+")
_INNER_PLACEHOLDERS = re.compile(r"\ufffd+|\?{3,}")

# Step 4: pinyin glosses. A gloss is one syllable, lower case, tone marks or a tone digit.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_GLOSS = rf"[(（] *[a-zü{_TONED}\u0300-\u0304\u030c]{{1,7}}[1-5]? *[)）]"
# A run of glosses, found from its first bracket (group 1: its syllable; group 2: the glosses
# after it); the spaces before that bracket and a character before them complete it
# (:func:`_gloss_runs`).
_GLOSS_RUN = re.compile(rf"[(（] *([a-zü{_TONED}\u0300-\u0304\u030c]{{1,7}}[1-5]?) *[)）]((?: *{_GLOSS})*)")
_HAN_CHARACTER = re.compile(rf"[{CJK}]")
# Where a gloss may start: a bracket, spaces, a pinyin letter. No such place, no gloss.
_GLOSS_START = re.compile(rf"[(（] *[a-zü{_TONED}\u0300-\u0304\u030c]")
_ONE_GLOSS = re.compile(rf" *[(（] *([a-zü{_TONED}\u0300-\u0304\u030c]{{1,7}}[1-5]?) *[)）]")
_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:a|ai|an|ang|ao|e|ei|en|eng|er|o|ong|ou|i|ia|ian|iang|iao|ie|in|ing|iong|iu"
    r"|u|ua|uai|uan|uang|ue|ui|un|uo|v|ve|van|vn)[1-5]?|(?:h?m|h?ng|n)[1-5]?")

# Step 7: layout.
_SPACE_RUNS = re.compile(r"(?<= ) +")
_LINE_EDGES = re.compile(r"(?m)^ +| +$")
_BLANK_RUNS = re.compile(r"(?<=\n\n)\n+")


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
    text, offsets, with_boilerplate = _normalised(report.text)
    return Document(
        doc_id=report.doc_id,
        source=report.source,
        original=report.text,
        text=text,
        offsets=tuple(range(len(text) + 1) if offsets is None else offsets),
        meta=report_metadata(with_boilerplate, report.meta),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def normalise_text(text: str) -> tuple[str, tuple[int, ...]]:
    """The normalised text and, for each of its characters and its end, the original index.

    >>> normalise_text("??? 區(qū)委\\u3000ＡＢ１")
    ('区委 AB1', (4, 9, 10, 11, 12, 13, 14))
    """
    clean, offsets, _ = _normalise(text)
    return clean, tuple(range(len(clean) + 1) if offsets is None else offsets)


def clean_text(text: str) -> str:
    """The normalised text alone, without its offset map: what de-duplication compares.

    >>> clean_text("??? 區(qū)委\\u3000ＡＢ１") == normalise_text("??? 區(qū)委\\u3000ＡＢ１")[0]
    True
    """
    return _normalised(text)[0]


# The text normalised last and what it gave. A build checks each report for duplicates
# (clean_text) just before the pipeline normalises it (normalise): one process, the same
# string, so the second call reuses the first's work (the offsets cost little more).
_last: tuple[str, tuple[str, Offsets | None, str]] | None = None


def _normalised(text: str) -> tuple[str, Offsets | None, str]:
    """:func:`_normalise` of ``text``, reused when ``text`` is the very string normalised last."""
    global _last
    last = _last
    if last is not None and last[0] is text:
        return last[1]
    result = _normalise(text)
    _last = (text, result)
    return result


def _normalise(text: str) -> tuple[str, Offsets | None, str]:
    """Clean text, its offsets, and the text as it was just before boilerplate was dropped.

    The offsets are None while no step has edited the text (the identity map). Each step runs only when a cheap test finds its trigger
    in the text (a character class, a substring): a step whose trigger is absent could
    make no edit, so skipping it changes nothing.

    Parameters
    ----------
    text:
        The report as scraped.

    Returns
    -------
    The clean text, its offsets (or None), and the clean text before boilerplate removal.

    Example
    -------
    >>> _normalise("党建\\u3000工作")
    ('党建 工作', None, '党建 工作')

    Complexity: O(n) scans of the text for the triggers, plus O(n) per step that runs.
    """
    offsets: Offsets | None = None
    if _INVISIBLE_OR_FOLDED.search(text):
        text, offsets = _apply(text, offsets, _regex_edits(_INVISIBLE, "", text))
        text = _FOLDED.sub(_fold, text)
    if "\\" in text:
        edits = [(m.start(), m.end(), "\n" * len(re.findall(r"\\r\\n|\\n|\\r", m.group())))
                 for m in _ESCAPED_BREAK.finditer(text)]
        text, offsets = _apply(text, offsets, edits)
    if "?" in text or "\ufffd" in text:
        text, offsets = _apply(text, offsets, _regex_edits(_LEADING_PLACEHOLDERS, "", text))
        text, offsets = _apply(text, offsets, _regex_edits(_INNER_PLACEHOLDERS, " ", text))
    if ("(" in text or "（" in text) and _GLOSS_START.search(text):
        text, offsets = _apply(text, offsets, _gloss_edits(text))
    text = to_simplified(text)
    with_boilerplate = text
    text, offsets = _apply(text, offsets, _boilerplate_edits(text))
    if text.count("\n") >= _WRAPPED_LEAST:
        text, offsets = _apply(text, offsets, _hard_wrap_edits(text))
    if "  " in text:
        text, offsets = _apply(text, offsets, _regex_edits(_SPACE_RUNS, "", text))
    if text[:1] == " " or text[-1:] == " " or "\n " in text or " \n" in text:
        text, offsets = _apply(text, offsets, _regex_edits(_LINE_EDGES, "", text))
    if "\n\n\n" in text:
        text, offsets = _apply(text, offsets, _regex_edits(_BLANK_RUNS, "", text))
    if text[:1] == "\n" or text[-1:] == "\n":
        text, offsets = _apply(text, offsets, _text_edge_edits(text))
    return text, offsets, with_boilerplate


# Step 6b: text laid out in lines of one width (a PDF's text, a fixed-width export): ``_WRAPPED_LEAST``
# lines at least, and most long lines as wide as the widest few
_WRAPPED_LEAST = 8
_SENTENCE_END = tuple("。！？!?")
_WRAP_SLACK = 2  # a wrapped line may fall short of the width: punctuation kept off a line's start


def _hard_wrap_edits(text: str) -> list[Edit]:
    """Joins of the lines a fixed width broke (a PDF's text: 建立“季度观摩、/年度晾晒”机制), and the
    running headers between its pages.

    The text is laid out so when at least ``_WRAPPED_LEAST`` lines are as wide as its commonest
    long line (or up to ``_WRAP_SLACK`` characters short of it), and they make most of its long lines: a report typed
    in paragraphs has lines of every length. A line that wide then runs on into the next line that
    holds text, unless that line is indented (a paragraph's start) or the wide line ends its
    sentence before a blank line. A short line found twice or more, each time between blank lines,
    is a page's running header (``潍坊市…交流材料``) and goes.
    """
    lines = text.split("\n")
    lengths = [len(line) for line in lines]
    long = [n for n in lengths if n >= 12]
    if len(long) < _WRAPPED_LEAST:
        return []
    width = max(set(long), key=lambda n: (sum(1 for m in long if n - _WRAP_SLACK <= m <= n), n))
    full = [n for n in long if width - _WRAP_SLACK <= n <= width]
    if len(full) < _WRAPPED_LEAST or len(full) < 0.5 * len(long):
        return []
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    blank = [not line.strip() for line in lines]
    repeated = {line for line, n in Counter(lines).items() if n >= 2 and line.strip() and len(line) < width}
    headers = {i for i, line in enumerate(lines) if line in repeated
               and (i == 0 or blank[i - 1]) and (i + 1 == len(lines) or blank[i + 1])}
    edits: list[Edit] = [(starts[i], starts[i] + len(lines[i]) + (i + 1 < len(lines)), "") for i in sorted(headers)]
    for i, line in enumerate(lines):
        if not (width - _WRAP_SLACK <= len(line) <= width) or i in headers:
            continue
        following = next((j for j in range(i + 1, len(lines)) if not blank[j] and j not in headers), None)
        if following is None or lines[following][:1] in (" ", "\u3000"):
            continue
        if following > i + 1 and line.rstrip().endswith(_SENTENCE_END):
            continue
        # the break and whatever stood between (blank lines, a header) go
        cut = [(starts[i] + len(line), starts[following], "")]
        edits = [e for e in edits if not cut[0][0] <= e[0] < cut[0][1]] + cut
    return sorted(edits)


def _apply(text: str, offsets: Offsets | None, edits: list[Edit]) -> tuple[str, Offsets | None]:
    """Apply sorted, non-overlapping edits; kept characters keep their original index.

    ``offsets`` None stands for the identity map; it is built only when an edit needs it.
    """
    if not edits:
        return text, offsets
    pieces: list[str] = []
    last = 0
    if offsets is None:
        offsets = range(len(text) + 1)  # slices of a range are ranges: no list is built
    new_offsets: Offsets = []
    for start, end, replacement in edits:
        pieces += (text[last:start], replacement)
        new_offsets += offsets[last:start]
        if replacement:
            new_offsets += [offsets[start]] * len(replacement)
        last = end
    pieces.append(text[last:])
    new_offsets += offsets[last:]
    return "".join(pieces), new_offsets


def _regex_edits(pattern: re.Pattern[str], replacement: str, text: str) -> list[Edit]:
    return [(m.start(), m.end(), replacement) for m in pattern.finditer(text) if m.end() > m.start()]


def _text_edge_edits(text: str) -> list[Edit]:
    """Line breaks at the start and at the end of the text (what ``^\\n+|\\n+$`` finds)."""
    lead = len(text) - len(text.lstrip("\n"))
    if lead == len(text):
        return [(0, lead, "")] if lead else []
    trail = len(text) - len(text.rstrip("\n"))
    return ([(0, lead, "")] if lead else []) + ([(len(text) - trail, len(text), "")] if trail else [])


def _fold(run: re.Match[str]) -> str:
    return run.group().translate(_FOLD)


@lru_cache(maxsize=4096)
def _syllable(gloss: str) -> tuple[bool, bool]:
    """Whether a gloss is a pinyin syllable, and whether it carries a tone mark."""
    bare = "".join(c for c in unicodedata.normalize("NFD", gloss) if not unicodedata.combining(c))
    return bool(_SYLLABLE.fullmatch(bare.replace("ü", "v"))), bare != gloss or gloss[-1].isdigit()


def _gloss_runs(text: str) -> Iterator[tuple[int, re.Match[str]]]:
    """The runs of bracketed glosses right after a Han character (spaces between allowed).

    The same runs as ``(?<=[CJK])(?: *GLOSS)+`` finds, found faster: the search jumps
    from bracket to bracket instead of testing the look-behind at every character. A run
    found from its bracket takes the spaces before it, then counts only after a Han
    character; no run can start inside another, whose characters are none of them Han.

    Parameters
    ----------
    text:
        Any text.

    Returns
    -------
    Each run's start (its spaces included) and its match from the first bracket on
    (group 1: the first syllable; group 2: the glosses after it), left to right.

    Example
    -------
    >>> [(start, run.end(), run.group(1)) for start, run in _gloss_runs("區 (qū)委, x(a)")]
    [(1, 6, 'qū')]

    Complexity: O(n).
    """
    for run in _GLOSS_RUN.finditer(text):
        start = run.start()
        while start and text[start - 1] == " ":
            start -= 1
        if start and _HAN_CHARACTER.match(text, start - 1):
            yield start, run


def _gloss_edits(text: str) -> list[Edit]:
    """Pinyin glosses after characters. Toneless ones count only in a text that has toned ones."""
    runs = []
    any_toned = False
    for start, run in _gloss_runs(text):
        if not run.group(2):  # one gloss: the run's own match holds it
            is_pinyin, toned = _syllable(run.group(1))
            if not is_pinyin:
                continue
            glosses = [(run.end(), toned)]
            any_toned = any_toned or toned
        else:
            glosses = []
            for gloss in _ONE_GLOSS.finditer(text, start, run.end()):
                is_pinyin, toned = _syllable(gloss.group(1))
                if not is_pinyin:
                    break
                glosses.append((gloss.end(), toned))
                any_toned = any_toned or toned
            if not glosses:
                continue
        runs.append((start, glosses))
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
    repeated to a fixed point, so converting twice changes nothing. A line with no
    character the tables could change (:func:`convertible_characters`) is not handed
    to OpenCC at all: it is a fixed point already.

    >>> to_simplified("基層黨建")
    '基层党建'
    """
    convertible = _convertible()
    if not convertible.search(text):
        return text
    converter = _converter()
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not convertible.search(line):
            continue
        for _ in range(3):
            converted = converter.convert(line)
            if len(converted) != len(line):
                converted = "".join(_char_to_simplified(c) for c in line)
            if converted == line:
                break
            line = converted
            if not convertible.search(line):
                break  # a fixed point: OpenCC would give the line back as it is
        lines[i] = line
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _convertible() -> re.Pattern[str]:
    """One character class: the characters OpenCC ``t2s`` may change, any astral character,
    or (tables unreadable) any non-ASCII character."""
    characters = convertible_characters()
    if characters is None:
        return re.compile(r"[^\x00-\x7f]")
    bmp = "".join(re.escape(c) for c in sorted(characters) if ord(c) <= 0xFFFF)
    return re.compile(f"[{bmp}\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def convertible_characters() -> frozenset[str] | None:
    """The characters OpenCC ``t2s`` may change, read from the installed OpenCC tables.

    A character is convertible when some key of a dictionary of the ``t2s`` configuration
    has it where the key's first (default) value differs, or where the value's length
    differs from the key's. A text holding none of them is left as it is by OpenCC: every
    key that matches in it is converted to itself. None when the tables cannot be read
    (another OpenCC layout, ``marisa-trie`` missing): then every line is converted.

    Parameters
    ----------
    (none) — the tables are those of the installed ``opencc`` package.

    Returns
    -------
    A frozenset of single characters, or None.

    Example
    -------
    >>> chars = convertible_characters()
    >>> chars is None or ("黨" in chars and "瞭" in chars and "党" not in chars and "一" not in chars)
    True

    Complexity: O(size of the tables), once per process.
    """
    try:
        config = Path(_converter().config)
        dictionaries = _ocd2_files(json.loads(config.read_text(encoding="utf-8")), config.parent)
        characters: set[str] = set()
        for path in dictionaries:
            for key, value in _ocd2_entries(path.read_bytes()):
                if len(value) != len(key):
                    characters.update(key)
                else:
                    characters.update(k for k, v in zip(key, value) if k != v)
    except (ImportError, AttributeError, OSError, ValueError, KeyError, IndexError, TypeError, struct.error,
            UnicodeDecodeError):
        return None
    return frozenset(characters) if dictionaries else None


def _ocd2_files(node: object, folder: Path) -> list[Path]:
    """The ``ocd2`` dictionary files named anywhere in an OpenCC configuration; ValueError for another type."""
    if isinstance(node, dict):
        if node.get("type") == "ocd2":
            return [folder / node["file"]]
        if node.get("type") in ("text", "ocd"):
            raise ValueError(f"dictionary type {node['type']} is not read")
        return [path for value in node.values() for path in _ocd2_files(value, folder)]
    if isinstance(node, list):
        return [path for value in node for path in _ocd2_files(value, folder)]
    return []


_OCD2_HEADER = b"OPENCC_MARISA_0.2.5"


def _ocd2_entries(data: bytes) -> list[tuple[str, str]]:
    """Each (key, first value) of an OpenCC ``ocd2`` dictionary.

    The file is the header, a MARISA trie of the keys, then the values: the item count
    and the byte size of the value buffer (uint32 each), the buffer of NUL-terminated
    values, and per item its number of values (uint16) and each value's size with its
    NUL (uint16). Item *i* holds the values of the trie's key of id *i*. ValueError
    when the file does not read exactly so.
    """
    import marisa_trie

    if not data.startswith(_OCD2_HEADER):
        raise ValueError("not an ocd2 file")
    trie = marisa_trie.Trie()
    trie.frombytes(data[len(_OCD2_HEADER):])
    position = len(_OCD2_HEADER) + len(trie.tobytes())
    count, size = struct.unpack_from("<II", data, position)
    position += 8
    buffer = data[position:position + size]
    position += size
    firsts: list[str] = []
    cursor = 0
    for _ in range(count):
        (values,) = struct.unpack_from("<H", data, position)
        sizes = struct.unpack_from(f"<{values}H", data, position + 2)
        position += 2 + 2 * values
        firsts.append(buffer[cursor:cursor + sizes[0] - 1].decode("utf-8"))
        cursor += sum(sizes)
    if count != len(trie) or position != len(data) or cursor != size:
        raise ValueError("ocd2 tables do not add up")
    return [(key, firsts[key_id]) for key, key_id in trie.items()]


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
    opening = _opening_cues()
    edits: list[Edit] = []
    in_block = False
    position = 0
    for line in text.split("\n"):
        start, end = position, position + len(line) + 1
        position = end
        key = " ".join(line.split())
        if not key:
            continue
        if opening.fullmatch(key):  # one test for the many lines that are neither kind
            if cues["block"].fullmatch(key):
                in_block = True
        elif not (in_block and cues["continue"].fullmatch(key)):
            in_block = False
            continue
        edits.append((start, min(end, len(text)), ""))
    return edits


@lru_cache(maxsize=1)
def _opening_cues() -> re.Pattern[str]:
    """The ``block`` and ``line`` cues in one alternation: a line either opens a block or is removed."""
    cues = boilerplate_cues()
    return re.compile(f"(?:{cues['block'].pattern})|(?:{cues['line'].pattern})")


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
