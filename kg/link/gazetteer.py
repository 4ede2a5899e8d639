"""The gazetteer: China's administrative divisions (GB/T 2260) as one tree.

The tree comes from the division list jionlp ships (``china_location.zip``:
province → prefecture → county → township → village, ~700k divisions) and its
list of renames (``china_location_change.txt``: 襄樊市 → 襄阳市 in 2010). It is
parsed once, then kept as a compact pickle in the user's cache directory, keyed
by the size and modification time of those files and of kg's own word lists, so
later processes load it in a fraction of a second.

A division is known by several *forms*, each with a label saying which rule
gave it:

``full``
    the official name (``郧西县``, ``观音镇``, ``万寿寺村``);
``short``
    the short form the division list gives for county level and above
    (``郧西``, ``襄阳``), when it has two characters or more and is no ordinary
    word;
``common``
    a short form that jieba's dictionary holds as a word other than a name
    (``新建``, ``无为``, ``开封``); the linker accepts it only when the document
    supports the division;
``variant``
    the name without its ethnic groups (``恩施州`` for 恩施土家族苗族自治州,
    ``长阳县`` for 长阳土家族自治县, ``宁姜乡`` for 宁姜蒙古族乡);
``former``
    a name the division had before a rename (``襄樊市``, ``襄樊``).

Forms listed in ``kg/data/gazetteer/common_words.txt`` (``合作``, ``城区``,
``公安`` ...) are never matched. Townships' and villages' short forms
(``万寿寺`` for 万寿寺村) are not matched everywhere: the component looks for
them only under townships the document names.
"""
from __future__ import annotations

import array
import hashlib
import importlib.util
import io
import os
import pickle
import re
import tempfile
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import ahocorasick

from ..errors import ConfigError
from ..records import LEVELS, Level, PathStep, Region

__all__ = ["Division", "Gazetteer", "gazetteer", "LABELS"]

FORMAT_VERSION = 8
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"
LABELS = ("full", "short", "common", "variant", "former")
RUST_AFTER = 1_000_000  # characters scanned before matches() builds the Rust automaton
_FULL, _SHORT, _COMMON, _VARIANT, _FORMER = range(5)
# jieba tags of names; any other tag marks an ordinary word.
_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg"})
# A short form jieba knows as a word of another kind (新建, 无为, 富民) is an
# everyday word; a township's or village's name is one from this frequency on.
_COMMON_SHORT_FREQ = 1
_COMMON_LOCAL_FREQ = 50
_TOWNSHIP_SUFFIX = re.compile(r"(街道办事处|办事处|街道|民族乡|苏木|镇|乡)$")
_VILLAGE_SUFFIX = re.compile(r"(村民委员会|居民委员会|村委会|居委会|社区|嘎查|村)$")


def local_stem(name: str, level: str) -> str | None:
    """A township's or a village's name without its level (涔天河镇 → 涔天河), None when it ends in none."""
    match = (_TOWNSHIP_SUFFIX if level == "township" else _VILLAGE_SUFFIX).search(name)
    return name[:match.start()] if match else None


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division of the gazetteer.

    ``code`` is the division's own GB/T 2260 code for county level and above,
    ``""`` below; ``parent`` is the id of the division it belongs to; ``short``
    is the short form kg matches for it (``郧西`` for 郧西县), or None.
    """

    id: int
    name: str
    level: Level
    code: str
    parent: int | None
    short: str | None


class Gazetteer:
    """China's division tree with the forms each division is named by.

    Ids are positions in the division list, stable for one version of the data.
    """

    def __init__(self, tables: dict):
        self._names: list[str] = tables["names"].split("\n")
        self._levels: bytes = tables["levels"]
        self._parents = tables["parents"]
        self._ends = tables["ends"]
        self._codes: dict[int, str] = tables["codes"]
        self._shorts: dict[int, str] = tables["shorts"]
        self._variants: dict[int, tuple[str, ...]] = tables["variants"]
        self._formers: dict[int, tuple[str, ...]] = tables["formers"]
        self._pseudo: frozenset[int] = tables["pseudo"]
        self._automaton = tables["automaton"]
        self._offsets = tables["offsets"]
        self._posting_ids = tables["posting_ids"]
        self._posting_labels: bytes = tables["posting_labels"]
        self._forms: str = tables["forms"]  # every form, "\n"-joined, in index order
        self._matcher = None  # built once the text scanned makes it pay: see matches()
        self._lengths: list[int] | None = None  # of each form, for pyahocorasick's end offsets
        self._scanned = 0  # characters scanned by pyahocorasick so far
        self._by_code: dict[str, int] = {}
        for ident, code in self._codes.items():
            if code and ident not in self._pseudo:
                self._by_code.setdefault(code, ident)

    def __len__(self) -> int:
        return len(self._names)

    # -- the tree -----------------------------------------------------------
    def get(self, id: int) -> Division:
        """The division with this id."""
        parent = self._parents[id]
        return Division(
            id=id,
            name=self._names[id],
            level=LEVELS[self._levels[id]],
            code=self._codes.get(id, ""),
            parent=None if parent < 0 else parent,
            short=self._shorts.get(id),
        )

    def level(self, id: int) -> Level:
        return LEVELS[self._levels[id]]

    def name(self, id: int) -> str:
        return self._names[id]

    def code(self, id: int) -> str:
        return self._codes.get(id, "")

    def short(self, id: int) -> str | None:
        """The short form of a division, when it has one (郧西 for 郧西县, 万寿寺 for 万寿寺村)."""
        return self._shorts.get(id)

    def parent(self, id: int) -> int | None:
        parent = self._parents[id]
        return None if parent < 0 else parent

    def by_code(self, code: str) -> Division | None:
        """The division of county level or above with this six-digit code."""
        ident = self._by_code.get(code)
        return None if ident is None else self.get(ident)

    def ancestors(self, id: int) -> tuple[int, ...]:
        """Ids from the province down to the parent of ``id`` (pseudo divisions left out)."""
        chain = []
        parent = self._parents[id]
        while parent >= 0:
            if parent not in self._pseudo:
                chain.append(parent)
            parent = self._parents[parent]
        return tuple(reversed(chain))

    def path(self, id: int) -> tuple[Division, ...]:
        """The divisions from the province down to ``id`` itself."""
        return tuple(self.get(i) for i in (*self.ancestors(id), id))

    def is_within(self, id: int, ancestor: int) -> bool:
        """Whether ``id`` is ``ancestor`` or lies in its subtree."""
        return ancestor <= id < self._ends[ancestor]

    def county_of(self, id: int) -> Division | None:
        """The county-level division ``id`` belongs to (itself if it is one)."""
        ident = self.county_id(id)
        return None if ident is None else self.get(ident)

    def county_id(self, id: int) -> int | None:
        level = self._levels[id]
        if level < 2:
            return None
        while self._levels[id] > 2:
            id = self._parents[id]
        return id

    def children(self, id: int) -> tuple[int, ...]:
        """The ids of the divisions directly under ``id``."""
        found = []
        child, end = id + 1, self._ends[id]
        while child < end:
            found.append(child)
            child = self._ends[child]
        return tuple(found)

    # -- names ----------------------------------------------------------------
    def forms(self, id: int) -> tuple[tuple[str, str], ...]:
        """Every (form, label) a division is named by, the official name first."""
        found = [(self._names[id], "full")]
        if id in self._shorts:
            found.append((self._shorts[id], "short"))
        found += [(v, "variant") for v in self._variants.get(id, ())]
        found += [(f, "former") for f in self._formers.get(id, ())]
        return tuple(found)

    def candidates(self, surface: str) -> tuple[int, ...]:
        """The divisions a surface form may name, in list order."""
        return tuple(ident for ident, _ in self.postings(surface))

    def postings(self, surface: str) -> tuple[tuple[int, str], ...]:
        """The (division id, label) pairs a surface form may name."""
        index = self._automaton.get(surface, -1)
        return () if index < 0 else self._postings(index)

    def _postings(self, index: int) -> tuple[tuple[int, str], ...]:
        start, end = self._offsets[index], self._offsets[index + 1]
        return tuple(
            (self._posting_ids[k], LABELS[self._posting_labels[k]]) for k in range(start, end)
        )

    def matches(self, text: str) -> Iterator[tuple[int, int, int, str]]:
        """Every indexed form in ``text``: (start, end, division id, label), overlaps included.

        The order of the matches is not part of the contract. A long run scans with
        ahocorasick-rs's contiguous automaton (Rust): pyahocorasick walks a root of
        thousands of first characters at every character, some 20 times slower on a
        report (1.1 ms against 0.05 on a generated one). The Rust automaton is built
        from the forms (about 0.75 s, 33 MB) only once pyahocorasick has scanned
        :data:`RUST_AFTER` characters, some 700 reports, about when the time it took
        equals the build's: a rebuild that adds a few reports never pays for it.
        """
        if self._matcher is None and self._scanned < RUST_AFTER:
            self._scanned += len(text)
            yield from self._matches_py(text)
            return
        for index, start, end in self.prepare().find_matches_as_indexes(text, overlapping=True):
            for k in range(self._offsets[index], self._offsets[index + 1]):
                yield start, end, self._posting_ids[k], LABELS[self._posting_labels[k]]

    def prepare(self):
        """Build the Rust automaton now (a long run would build it anyway; a benchmark of the
        steady state builds it first); return it."""
        if self._matcher is None:
            import ahocorasick_rs

            self._matcher = ahocorasick_rs.AhoCorasick(
                self._forms.split("\n"), matchkind=ahocorasick_rs.MatchKind.Standard,
                implementation=ahocorasick_rs.Implementation.ContiguousNFA, store_patterns=False)
        return self._matcher

    def _matches_py(self, text: str) -> Iterator[tuple[int, int, int, str]]:
        """:meth:`matches` by the pyahocorasick automaton the cache holds."""
        if self._lengths is None:
            self._lengths = [len(form) for form in self._forms.split("\n")]
        for last, index in self._automaton.iter(text):
            start = last + 1 - self._lengths[index]
            for k in range(self._offsets[index], self._offsets[index + 1]):
                yield start, last + 1, self._posting_ids[k], LABELS[self._posting_labels[k]]

    def region(self, id: int) -> Region:
        """The ``Region`` record of a division, coded per the annotation guidelines."""
        level = self.level(id)
        county = self.county_id(id)
        if level in ("township", "village"):
            code = self._codes.get(county, "") if county is not None else ""
        else:
            code = self._codes.get(id, "")
        path = tuple(
            PathStep(self._names[i], self.level(i), self._codes.get(i, ""))
            for i in (*self.ancestors(id), id)
        )
        aliases = tuple(dict.fromkeys(form for form, label in self.forms(id)[1:]))
        return Region(name=self._names[id], level=level, code=code, path=path, aliases=aliases)


# -- loading ------------------------------------------------------------------
def _jionlp_dictionary() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(
            "the division list ships with jionlp, which is not installed",
            hint="pip install jionlp",
        )
    folder = Path(list(spec.submodule_search_locations)[0]) / "dictionary"
    if not (folder / "china_location.zip").exists():
        raise ConfigError("jionlp has no china_location.zip", path=str(folder),
                          hint="reinstall jionlp (pip install --force-reinstall jionlp)")
    return folder


def _cache_dir() -> Path:
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kg"


def _cache_key(sources: list[Path]) -> str:
    """The cache's name: the table format and the sources' content (about 3 MB, hashed in a few ms).
    Not their modification times, which a checkout or a second installation of kg changes: two
    installations with the same data would then keep replacing each other's cache, 7 s each time."""
    digest = hashlib.sha256(str(FORMAT_VERSION).encode())
    for source in sources:
        digest.update(f"{source.name}:".encode())
        digest.update(hashlib.sha256(source.read_bytes()).digest())
    return digest.hexdigest()[:16]


def _word_list(name: str) -> list[str]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process (from the cache when it is fresh)."""
    folder = _jionlp_dictionary()
    sources = [folder / "china_location.zip", folder / "china_location_change.txt",
               DATA_DIR / "common_words.txt", DATA_DIR / "ethnic_groups.txt", DATA_DIR / "renames.txt"]
    cache = _cache_dir() / f"gazetteer-{_cache_key(sources)}.pickle"
    try:
        with open(cache, "rb") as handle:
            return Gazetteer(pickle.load(handle))
    except (OSError, pickle.UnpicklingError, EOFError, KeyError):
        pass
    tables = build_tables(folder)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache.parent, delete=False) as handle:
            pickle.dump(tables, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, cache)
        for old in cache.parent.glob("gazetteer-*.pickle"):  # caches of other data or versions
            if old != cache:
                old.unlink(missing_ok=True)
    except OSError:  # pragma: no cover - a read-only home still gets a gazetteer
        pass
    return Gazetteer(tables)


def _jieba_words() -> dict[str, tuple[int, str]]:
    """jieba's dictionary: word → (frequency, part-of-speech tag)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return {}
    words = {}
    with open(Path(list(spec.submodule_search_locations)[0]) / "dict.txt", encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3:
                words[parts[0]] = (int(parts[1]), parts[2])
    return words


def build_tables(folder: Path) -> dict:
    """Parse jionlp's division list and renames into the gazetteer's tables."""
    with zipfile.ZipFile(folder / "china_location.zip") as archive:
        text = archive.read("china_location.txt").decode("utf-8")
    names: list[str] = []
    levels = bytearray()
    parents = array.array("i")
    ends = array.array("i")
    codes: dict[int, str] = {}
    given_shorts: dict[int, list[str]] = {}
    pseudo: set[int] = set()
    stack: list[int] = []  # stack[depth] = id of the open division at that depth
    for line in io.StringIO(text):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip("\t").split("\t")
        while len(stack) > depth:
            ends[stack.pop()] = len(names)
        name = fields[0]
        code = fields[1] if len(fields) > 1 else ""
        if depth == 1 and code and code == codes.get(stack[0]):
            stack.append(stack[0])  # a municipality repeated as its own prefecture
            continue
        ident = len(names)
        names.append(name)
        levels.append(depth)
        parents.append(stack[-1] if stack else -1)
        ends.append(0)
        if code and depth <= 2:
            codes[ident] = code
        if len(fields) > 2:
            given_shorts[ident] = fields[2].split("/")  # 巴州/巴音郭楞: the usual form first
        if "直辖" in name and name.endswith("行政区划"):
            pseudo.add(ident)
        stack.append(ident)
    while stack:
        ends[stack.pop()] = len(names)

    common = set(_word_list("common_words.txt"))
    jieba_words = _jieba_words()
    ethnic = sorted(_word_list("ethnic_groups.txt"), key=len, reverse=True)
    ethnic_re = re.compile("(?:" + "|".join(map(re.escape, ethnic)) + ")族?")

    def everyday(word: str, threshold: int) -> bool:
        freq, tag = jieba_words.get(word, (0, "ns"))
        return tag not in _NAME_TAGS and freq >= threshold

    forms: dict[str, list[tuple[int, int]]] = {}

    def index(form: str, ident: int, label: int) -> None:
        if len(form) >= 2 and form not in common:
            forms.setdefault(form, []).append((ident, label))

    shorts: dict[int, str] = {}
    variants: dict[int, tuple[str, ...]] = {}
    for ident, name in enumerate(names):
        if ident in pseudo:
            continue
        level = levels[ident]
        if level <= 2:
            index(name, ident, _FULL)
            given = given_shorts.get(ident, [""])
            if name.endswith("地区") and len(name) >= 4 and given in ([""], [name]) and name[:-2] not in common:
                # 阿里地区, which the list gives no short form: 阿里 (阿里地委), only where the report supports it
                shorts.setdefault(ident, name[:-2])
                index(name[:-2], ident, _COMMON)
            for form in given:
                if len(form) >= 2 and form != name and form not in common:
                    shorts.setdefault(ident, form)
                    index(form, ident, _COMMON if everyday(form, _COMMON_SHORT_FREQ) else _SHORT)
            people = name.split("自治")[0]
            if "自治" in name and people.endswith("族") and not ethnic_re.sub("", people) and len(people) >= 3 \
                    and people[:-1] not in common:  # 东乡族自治县, named after its people: 东乡
                shorts.setdefault(ident, people[:-1])
                index(people[:-1], ident, _COMMON if everyday(people[:-1], _COMMON_SHORT_FREQ) else _SHORT)
            if "自治" in name or "族" in name:
                core = next((form for form in given if form and form != name and not form.endswith(name[-1])),
                            None) or ethnic_re.sub("", name.split("自治")[0])
                suffix = name[-1] if name[-1] in "州县旗区" else ""
                variant = core + suffix if suffix and not core.endswith(suffix) else ""
                if variant and variant != name and len(variant) >= 3:
                    variants[ident] = (variant,)
                    index(variant, ident, _VARIANT)
            continue
        if everyday(name, _COMMON_LOCAL_FREQ) or (level == 4 and len(name) < 3):
            continue
        index(name, ident, _FULL)
        suffix_re = _TOWNSHIP_SUFFIX if level == 3 else _VILLAGE_SUFFIX
        match = suffix_re.search(name)
        if match:
            stem = name[: match.start()]
            if "族" in stem:
                plain = ethnic_re.sub("", stem)
                if len(plain) >= 1 and plain != stem:
                    variant = plain + match.group(1)[-1]
                    variants[ident] = (variant,)
                    index(variant, ident, _VARIANT)
                    stem = plain
            if len(stem) >= 2 and stem not in common and not everyday(stem, _COMMON_LOCAL_FREQ):
                shorts[ident] = stem  # matched only in a named township's context

    formers = _formers(folder, names, levels, parents, ends, common)
    for ident, olds in formers.items():
        for old in olds:
            index(old, ident, _FORMER)

    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    offsets = array.array("i", [0])
    posting_ids = array.array("i")
    posting_labels = bytearray()
    ordered = sorted(forms.items())
    for number, (form, postings) in enumerate(ordered):
        automaton.add_word(form, number)
        for ident, label in dict.fromkeys(postings):
            posting_ids.append(ident)
            posting_labels.append(label)
        offsets.append(len(posting_ids))
    automaton.make_automaton()
    return {
        "names": "\n".join(names),
        "levels": bytes(levels),
        "parents": parents,
        "ends": ends,
        "codes": codes,
        "shorts": shorts,
        "variants": variants,
        "formers": formers,
        "pseudo": frozenset(pseudo),
        "automaton": automaton,
        "offsets": offsets,
        "posting_ids": posting_ids,
        "posting_labels": bytes(posting_labels),
        "forms": "\n".join(form for form, _ in ordered),
    }


def _formers(folder: Path, names, levels, parents, ends, common) -> dict[int, tuple[str, ...]]:
    """Former names from jionlp's rename list and kg's ``renames.txt`` (the renames of before 2017
    that jionlp's list leaves out), attached to today's division.

    A line reads ``date, approval, province, short, [prefecture, short, [county,
    short]] => province, prefecture[, county]``; the old name is the last on the
    left, today's division is found by walking the names on the right.
    """
    roots = {names[i]: i for i in range(len(names)) if parents[i] < 0}

    def child_named(ident: int, name: str) -> int | None:
        child, end = ident + 1, ends[ident]
        while child < end:
            if names[child] == name:
                return child
            child = ends[child]
        return ident if names[ident] == name else None  # municipalities merged above

    found: dict[int, list[str]] = {}
    lines = [line for path in (folder / "china_location_change.txt", DATA_DIR / "renames.txt") if path.exists()
             for line in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        if "=>" not in line or line.startswith("#"):
            continue
        left, right = line.split("=>", 1)
        old = left.split("\t")[2:]
        new = [part for part in right.split("\t") if part]
        if len(old) < 2 * len(new):
            continue
        old_name, old_short = old[2 * len(new) - 2], old[2 * len(new) - 1]
        ident = roots.get(new[0])
        for name in new[1:]:
            ident = None if ident is None else child_named(ident, name)
        if ident is None or old_name == names[ident]:
            continue
        olds = found.setdefault(ident, [])
        for form in (old_name, old_short):
            if len(form) >= 2 and form not in common and form not in names[ident] and form not in olds:
                olds.append(form)
    return {ident: tuple(olds) for ident, olds in found.items() if olds}
