"""The gazetteer: forms a division is named by, its place in the tree, its Region record."""
from __future__ import annotations

import pytest

from kg.link.gazetteer import gazetteer
from kg.records import PathStep


@pytest.fixture(scope="module")
def places():
    return gazetteer()


# surface, the division it may name (name, own-or-county code), the label of the form
FORMS = [
    ("郧西县", "郧西县", "420322", "full"),
    ("郧西", "郧西县", "420322", "short"),
    ("襄阳", "襄阳市", "420600", "short"),
    ("襄樊市", "襄阳市", "420600", "former"),  # renamed 2010
    ("襄樊", "襄阳市", "420600", "former"),
    ("神木县", "神木市", "610881", "former"),  # county to city 2017
    ("恩施州", "恩施土家族苗族自治州", "422800", "variant"),
    ("长阳县", "长阳土家族自治县", "420528", "variant"),
    ("宁姜乡", "宁姜蒙古族乡", "230224", "variant"),  # an ethnic township
    ("莒镇", "莒镇", "371482", "full"),
    ("无为", "无为县", "340225", "common"),  # an everyday word: needs support
    # the division list gives two short forms (巴州/巴音郭楞): both name it, and the variant uses the longer
    ("巴州", "巴音郭楞蒙古自治州", "652800", "short"),
    ("巴音郭楞", "巴音郭楞蒙古自治州", "652800", "short"),
    ("巴音郭楞州", "巴音郭楞蒙古自治州", "652800", "variant"),
    ("克州", "克孜勒苏柯尔克孜自治州", "653000", "short"),
]


@pytest.mark.parametrize("surface, name, code, label", FORMS)
def test_a_form_names_its_division(places, surface, name, code, label):
    found = {(places.name(i), places.region(i).code, lab) for i, lab in places.postings(surface)}
    assert (name, code, label) in found


# forms that are never matched: one character, or common prose in reports
NOT_FORMS = ["合作", "城区", "矿区", "新区", "经开区", "中心", "公安", "凤", "鄂", "新建", "社区", "农村",
             # kinds of zone and farm that fourteen counties' townships are called (凤阳经济开发区 is no 太湖县 town)
             "经济开发区", "经济技术开发区", "国营林场", "农场", "故城"]


@pytest.mark.parametrize("surface", NOT_FORMS)
def test_everyday_words_are_no_forms(places, surface):
    assert places.candidates(surface) == ()


def test_ambiguous_township_has_every_candidate(places):
    counties = {places.county_of(i).code for i in places.candidates("观音镇")}
    assert {"420322", "610728"} <= counties


# code, expected path from the province down
PATHS = [
    ("420683", ("湖北省", "襄阳市", "枣阳市")),
    ("110101", ("北京市", "东城区")),  # a municipality is not repeated as a prefecture
    ("429004", ("湖北省", "仙桃市")),  # the pseudo prefecture 省直辖行政区划 is left out
    ("422802", ("湖北省", "恩施土家族苗族自治州", "利川市")),
]


@pytest.mark.parametrize("code, names", PATHS)
def test_path_runs_from_the_province(places, code, names):
    division = places.by_code(code)
    assert tuple(d.name for d in places.path(division.id)) == names
    assert tuple(step.name for step in places.region(division.id).path) == names


def test_below_county_the_region_carries_the_county_code(places):
    village = next(i for i in places.candidates("万寿寺村") if places.region(i).code == "420322")
    region = places.region(village)
    assert (region.name, region.level, region.code) == ("万寿寺村", "village", "420322")
    assert [s.level for s in region.path] == ["province", "prefecture", "county", "township", "village"]
    assert region.path[2].code == "420322" and region.path[3] == PathStep("观音镇", "township", "")
    assert region.county_code == "420322"
    assert "万寿寺" in region.aliases
    assert places.county_of(village).name == "郧西县"


def test_division_record(places):
    division = places.by_code("420600")
    assert (division.name, division.level, division.code, division.short) == ("襄阳市", "prefecture", "420600", "襄阳")
    assert places.get(division.parent).name == "湖北省"
    assert places.region(division.id).aliases == ("襄阳", "襄樊市", "襄樊")
    assert places.by_code("999999") is None


def test_children_are_the_divisions_directly_under(places):
    county = places.by_code("420322")
    names = {places.name(i) for i in places.children(county.id)}
    assert {"观音镇", "上津镇", "城关镇"} <= names
    assert all(places.level(i) == "township" for i in places.children(county.id))
    assert places.county_of(places.by_code("420600").id) is None


def test_matches_give_exact_offsets(places):
    text = "郧西县观音镇"
    found = {(s, e, places.name(i), label) for s, e, i, label in places.matches(text)}
    assert (0, 3, "郧西县", "full") in found and (0, 2, "郧西县", "short") in found
    assert (3, 6, "观音镇", "full") in found


def test_both_automata_find_the_same_forms(places, monkeypatch):
    """A short run scans with pyahocorasick, a long one with the Rust automaton: same matches."""
    import copy

    from conftest import EXAMPLES
    from kg.bench.corpus import generate
    from kg.link import gazetteer as module

    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.iterdir())]
    texts += [text for text, _ in generate(40, seed=3)]
    fresh = copy.copy(places)
    fresh._matcher, fresh._scanned = None, 0
    monkeypatch.setattr(module, "RUST_AFTER", sum(map(len, texts)))
    short = [sorted(fresh.matches(text)) for text in texts]
    assert fresh._matcher is None  # never built for a run under RUST_AFTER characters
    long = [sorted(fresh.matches(text)) for text in texts]
    assert fresh._matcher is not None
    assert short == long and sum(map(len, short)) > 500


@pytest.mark.slow
def test_cached_tables_load_the_same_gazetteer(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    stale = tmp_path / "gazetteer-0000000000000000.pickle"  # the cache of older data or an older kg
    stale.write_bytes(b"old")
    built = gazetteer.__wrapped__()
    assert len(list(tmp_path.glob("gazetteer-*.pickle"))) == 1 and not stale.exists()
    loaded = gazetteer.__wrapped__()
    assert len(loaded) == len(built)
    assert loaded.candidates("观音镇") == built.candidates("观音镇")


def test_cache_is_named_by_content_not_modification_time(tmp_path):
    """A checkout or a second installation of kg touches the sources' times, not their content:
    the cache stays; an edit makes a new one."""
    import os

    from kg.link.gazetteer import _cache_key

    words, groups = tmp_path / "common_words.txt", tmp_path / "ethnic_groups.txt"
    words.write_text("城市\n", encoding="utf-8")
    groups.write_text("汉族\n", encoding="utf-8")
    key = _cache_key([words, groups])
    os.utime(words, ns=(1, 1))
    assert _cache_key([words, groups]) == key
    words.write_text("城镇\n", encoding="utf-8")
    assert _cache_key([words, groups]) != key
