"""A generated corpus of party-building reports with known ground truth, for benchmarks.

Reports are written from kg's own data: counties, their townships and their
outlets from the full division list (:mod:`kg.link.gazetteer`), programs from
the national campaign lexicon (``kg/data/lexicon/campaigns.txt``), quoted and
unquoted, outlet heads from ``outlets.txt`` and slogan cues from
``slogan_cues.txt``. Levels are mixed (county reports naming townships and
villages, some prefecture and province mentions); a share of the reports is in
traditional characters with pinyin glosses (``區(qū)``) and ``???`` noise, as
crawled pages are. The same seed always gives the same corpus.

Each report comes with its truth: focus county code, date, publisher, the
programs it names and the adoptions by the focus county.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["Truth", "generate", "write_corpus"]

# characters glossed with their pinyin in the traditional share, as crawled pages do
_GLOSSES = {"區": "qū", "縣": "xiàn", "鎮": "zhèn", "黨": "dǎng", "村": "cūn", "組": "zǔ", "織": "zhī"}
_PEOPLE = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
_GIVEN = ("建国", "晓明", "丽华", "志强", "秀英", "海燕", "国栋", "文博", "静", "磊", "军", "敏")
_FILLER = (
    "坚持以政治建设为统领,以提升组织力为重点,着力解决基层党组织弱化、虚化、边缘化问题。",
    "不断优化服务流程,精简办事环节,改进服务方式,切实把服务群众的各项工作落到实处。",
    "通过集中学习、专题研讨、实地观摩等方式,引导党员干部进一步增强责任意识和担当意识。",
    "全面推行村级事务公开,规范党员发展程序,严肃党内政治生活,基层党组织凝聚力持续增强。",
    "进一步健全完善工作机制,压实工作责任,确保各项任务落地见效,群众满意度明显提升。",
)
_SLOGANS = ("党建引领促发展", "服务群众零距离", "红色引擎强基层", "一线为民办实事", "支部建在产业链")


@dataclass(frozen=True)
class Truth:
    """What one generated report says: its id, focus county, date, publisher, programs and adoptions."""

    doc: str
    focus: str
    date: str
    publisher: str
    programs: tuple[str, ...]
    adoptions: tuple[tuple[str, str], ...]
    traditional: bool


@lru_cache(maxsize=1)
def _places() -> tuple[list[tuple[int, list[int]]], object]:
    """Counties with a short form and at least one township, each with its townships."""
    from ..link.gazetteer import gazetteer

    places = gazetteer()
    counties: dict[int, list[int]] = {}
    for ident in range(len(places)):
        if places.level(ident) == "township":
            county = places.parent(ident)
            if county is not None and places.level(county) == "county":
                counties.setdefault(county, []).append(ident)
    usable = [(c, t) for c, t in sorted(counties.items())
              if places.get(c).code and places.get(c).short and len(places.name(c)) >= 3]
    return usable, places


def _lexicon(name: str) -> list[str]:
    from ..extract.lexicon import _lines

    return _lines(name)


def generate(count: int, *, seed: int = 8, traditional_share: float = 0.2):
    """Yield ``(text, truth)`` for ``count`` reports; the same seed gives the same reports.

    Parameters
    ----------
    count: the number of reports.
    seed: the random seed.
    traditional_share: the share of reports in traditional characters with pinyin glosses and ``???``.

    Returns
    -------
    An iterator of ``(text, Truth)``.

    Example
    -------
    >>> text, truth = next(generate(1))
    >>> truth.focus.isdigit() and truth.programs != ()
    True
    """
    from ..extract.lexicon import campaigns

    counties, places = _places()
    programs = [c.name for c in campaigns()]
    outlet_heads = [h for h in _lexicon("outlets.txt") if len(h) >= 2]
    cues = _lexicon("slogan_cues.txt")
    rng = random.Random(seed)
    converter = None
    for number in range(count):
        county_id, townships = counties[rng.randrange(len(counties))]
        county = places.get(county_id)
        path = places.path(county_id)
        prefecture = next((d for d in path if d.level == "prefecture"), None)
        township = places.get(townships[rng.randrange(len(townships))])
        chosen = rng.sample(programs, rng.randint(2, 5))
        year, month, day = rng.randint(2015, 2023), rng.randint(1, 12), rng.randint(1, 28)
        date = f"{year:04d}-{month:02d}-{day:02d}"
        publisher = county.short + rng.choice(outlet_heads)
        person = rng.choice(_PEOPLE) + rng.choice(_GIVEN)
        lines = [f"{county.name}扎实推进基层党建工作",
                 f"{year}年{month:02d}月{day:02d}日 来源:{publisher}",
                 f"{publisher}讯 通讯员 {person} 报道:{year}年以来,{county.name}{township.name}党委"
                 + rng.choice(_FILLER)]
        for index, program in enumerate(chosen):
            quoted = rng.random() < 0.6
            name = f"“{program}”" if quoted else program
            where = county.name if index % 2 == 0 else township.name
            template = rng.choice((
                "{where}把{name}作为重要抓手,{filler}",
                "在{name}工作中,{where}{filler}",
                "{where}深入推进{name},{filler}",
                "{where}党委扎实开展{name},{filler}",
            ))
            filler = "".join(rng.sample(_FILLER, rng.randint(2, 4)))
            lines.append(template.format(where=where, name=name, filler=filler))
            if rng.random() < 0.3:
                lines.append(f"{where}坚持“{rng.choice(_SLOGANS)}”的{rng.choice(cues)},{rng.choice(_FILLER)}")
        for _ in range(rng.randint(2, 6)):
            lines.insert(rng.randint(3, len(lines)), "".join(rng.sample(_FILLER, rng.randint(2, 5))))
        if prefecture is not None and rng.random() < 0.5:
            lines.append(f"这一做法得到{prefecture.name}委组织部的肯定。" + rng.choice(_FILLER))
        text = "\n".join(lines) + "\n"
        traditional = rng.random() < traditional_share
        if traditional:
            if converter is None:
                import opencc

                converter = opencc.OpenCC("s2t")
            text = converter.convert(text)
            text = "".join(c + f"({_GLOSSES[c]})" if c in _GLOSSES and rng.random() < 0.3 else c for c in text)
            cut = rng.randrange(len(text) // 2, len(text))
            text = text[:cut] + "???" + text[cut:]
        doc = f"gen{number:07d}"
        yield text, Truth(doc, county.code, date, publisher, tuple(chosen),
                          tuple((county.code, p) for p in chosen), traditional)


def write_corpus(path: str | Path, count: int, *, seed: int = 8) -> list[Truth]:
    """Write ``count`` generated reports to the JSONL file ``path`` (``id``, ``text``); return their truth."""
    truths = []
    with Path(path).open("w", encoding="utf-8") as out:
        for text, truth in generate(count, seed=seed):
            out.write(json.dumps({"id": truth.doc, "text": text}, ensure_ascii=False) + "\n")
            truths.append(truth)
    return truths
