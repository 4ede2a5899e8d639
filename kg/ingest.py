"""Ingest: files, folders and globs → one :class:`~kg.records.Report` per readable report.

Reports arrive as ``.txt`` and ``.md`` files, saved web pages (``.html``/``.htm``, whose
main content is taken with trafilatura, keeping the page's title, date and outlet),
``.jsonl`` batches (one report a line: ``text`` or ``html``, optional ``id``, ``title``,
``url``, ``date``, ``publisher``), ``.json`` files (one such record, an array of them, or an
object whose one list holds them, as crawlers and news APIs export), spreadsheets as
scrapers export them (``.csv``, ``.tsv``, ``.xlsx``: a header row, a report a row), any of them
gzip-compressed (``.txt.gz``), in any of the
encodings Chinese text is found in (UTF-8 with or without BOM, UTF-16, GB18030/GBK, Big5;
detected per file by charset-normalizer).

A report is named by its file's stem, as the annotation guidelines name it; a record of a file
holding several is named by its ``id`` (``STEM-N`` without one), and a file's only record by the
file's stem, its own ``id`` kept as ``kg:recordId``.

An input that is no report (empty, binary, undecodable, not Chinese, over the size
limit, a malformed JSONL line or JSON record, the same text as an earlier report) becomes a
:class:`Rejected` saying why, and the batch goes on.
"""
from __future__ import annotations

import glob
import hashlib
import gzip
import io
import json
import re
import zlib
from html import unescape
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import InputError
from .metadata import (SOURCE_WORDS, canonical_date, other_outlet, paper_line, people, reply_date, source_date,
                       source_outlet, split_title, top_labelled_date)
from .records import Metadata, Report

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSON_SUFFIXES = (".json",)
CSV_SUFFIXES = (".csv", ".tsv")
XLSX_SUFFIXES = (".xlsx",)
TABLE_SUFFIXES = CSV_SUFFIXES + XLSX_SUFFIXES
EMAIL_SUFFIXES = (".eml",)
SUFFIXES = (TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + JSON_SUFFIXES + TABLE_SUFFIXES
            + EMAIL_SUFFIXES)
#: The formats a folder's files are read in, as a user is told them.
FORMATS = ".txt, .md, .html, .json, .jsonl, .csv, .tsv, .xlsx and .eml (each also .gz)"
#: A ``.json`` file or a spreadsheet is read whole (JSON Lines stream); bigger ones are rejected, saying so.
WHOLE_FILE_LIMIT = 512_000_000

_BINARY_MAGIC = {b"%PDF": "PDF", b"\x89PNG": "PNG image", b"GIF8": "GIF image", b"\xff\xd8\xff": "JPEG image",
                 b"PK\x03\x04": "ZIP archive", b"\x7fELF": "executable", b"\xd0\xcf\x11\xe0": "Office document",
                 b"Rar!": "RAR archive", b"7z\xbc\xaf": "7z archive"}
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HAN_RUN = re.compile(_HAN.pattern + "+")
_GLOB = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class Rejected:
    """An input that did not become a Report, and why.

    ``source`` is the file (``path:LINE`` for a JSONL line); ``status`` is
    ``"rejected"`` (not a readable report) or ``"duplicate"`` (same text as an earlier one).
    """

    source: str
    status: str
    reason: str


def discover(inputs: Sequence[str | Path], *, unread: list[Path] | None = None) -> list[Path]:
    """Every report file named by ``inputs`` (files, folders searched recursively, globs), sorted.

    A folder yields the files with a known suffix (:data:`FORMATS`), skipping hidden ones;
    the folder's other files (images, PDFs, Word files…) are added to ``unread`` when a list
    is given, so that a build can account for them. A file named outright is kept whatever its suffix.
    A path that does not exist, or a glob that matches nothing, raises :class:`InputError`.

    >>> [p.name for p in discover(["examples/reports/000_*.txt"])]
    ['000_fe7e9151aa82acd0.txt']
    """
    found: set[Path] = set()
    others: set[Path] = set()
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            _folder_reports(path, found, others)
        elif path.is_file():
            found.add(path)
        elif _GLOB.search(str(item)):
            matches = [Path(m) for m in glob.glob(str(item), recursive=True)]
            if not matches:
                raise InputError("no file matches this pattern", path=str(item),
                                 hint="check the pattern, or quote it so the shell does not expand it")
            for match in matches:
                if match.is_dir():
                    _folder_reports(match, found, others)
                else:
                    found.add(match)
        else:
            raise InputError("no such file or folder", path=str(item), hint="check the path")
    if unread is not None:
        unread.extend(sorted(others - found, key=lambda p: (str(p.parent), p.name)))
    return sorted(found, key=lambda p: (str(p.parent), p.name))


def _folder_reports(folder: Path, found: set[Path], others: set[Path]) -> None:
    for path in folder.rglob("*"):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts):
            (found if _suffix(path) in SUFFIXES else others).add(path)


def unread_summary(paths: Sequence[Path]) -> str:
    """``3 files not in a report format (.pdf 2, .docx 1)``, for a build's summary.

    >>> unread_summary([Path("a.pdf"), Path("b.PDF"), Path("c.docx"), Path("README")])
    '4 files not in a report format (.pdf 2, (no suffix) 1, .docx 1)'
    """
    counts: dict[str, int] = {}
    for path in paths:
        suffix = _suffix(path) or "(no suffix)"
        counts[suffix] = counts.get(suffix, 0) + 1
    kinds = ", ".join(f"{suffix} {n}" for suffix, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"{len(paths)} file{'' if len(paths) == 1 else 's'} not in a report format ({kinds})"


def holds_many(path: Path) -> bool:
    """Whether a report file may hold many reports (JSON Lines, a JSON array, a spreadsheet)."""
    return _suffix(path) in JSONL_SUFFIXES + JSON_SUFFIXES + TABLE_SUFFIXES


def _suffix(path: Path) -> str:
    """The format suffix, under a ``.gz``: ``a.txt.gz`` → ``.txt``."""
    name = path.name.lower().removesuffix(".gz")
    return Path(name).suffix


def _doc_id(path: Path) -> str:
    name = path.name.removesuffix(".gz").removesuffix(".GZ")
    return Path(name).stem


def read_reports(inputs: Sequence[str | Path], *, max_bytes: int = 5_000_000,
                 deduplicator: Deduplicator | None = None,
                 unread: list[Path] | None = None) -> Iterator[Report | Rejected]:
    """Stream one Report per readable report under ``inputs``, one Rejected per bad input.

    The batch never stops at a bad input. A report whose normalised text equals an
    earlier one's is yielded as ``Rejected(status="duplicate")`` naming the first.
    ``max_bytes`` bounds each file (each record, for JSONL), after decompression.
    ``deduplicator`` is the duplicate check to use (a fresh one when None); ``unread``, when
    given, receives the folders' files in no report format (see :func:`discover`).

    >>> [r.doc_id for r in read_reports(["examples/reports"])][:2]
    ['000_fe7e9151aa82acd0', '001_5d3d10ef16287600']
    """
    seen = deduplicator or Deduplicator()
    for path in discover(inputs, unread=unread):
        yield from read_file(path, max_bytes=max_bytes, deduplicator=seen)


def read_file(path: Path, *, max_bytes: int = 5_000_000,
              deduplicator: Deduplicator | None = None) -> Iterator[Report | Rejected]:
    """The reports of one file :func:`discover` found (one a JSONL line), as :func:`read_reports`."""
    seen = deduplicator or Deduplicator()
    for item in _read_file(path, max_bytes):
        yield seen.check(item) if isinstance(item, Report) else item


class Deduplicator:
    """Remembers a digest of every report's normalised text; a repeat becomes a Rejected duplicate.

    Only the 32-byte digest is kept, so memory grows by little more than the path per report.
    ``known`` may give a report's digest without normalising it (a build remembers the digests
    of the reports it built); ``last_key`` is the digest of the report checked last.
    """

    def __init__(self, known: Callable[[Report], bytes | None] | None = None) -> None:
        self._first: dict[bytes, str] = {}
        self._known = known
        self.last_key: bytes | None = None

    @staticmethod
    def digest(report: Report) -> bytes:
        """The digest of a report's normalised text."""
        from .normalise import clean_text

        return hashlib.blake2b(clean_text(report.text).encode("utf-8"), digest_size=32).digest()

    def check(self, report: Report) -> Report | Rejected:
        key = self._known(report) if self._known else None
        key = self.last_key = key if key is not None else self.digest(report)
        first = self._first.setdefault(key, report.source)
        if first != report.source:
            return Rejected(report.source, "duplicate", duplicate_reason(first))
        return report

    def first(self, key: bytes) -> str | None:
        """The source that holds the text of digest ``key`` first, if any was checked."""
        return self._first.get(key)

    def remember(self, key: bytes, source: str) -> None:
        """Count ``source`` as checked with digest ``key`` (a build that knows it is no duplicate)."""
        self._first.setdefault(key, source)


def duplicate_reason(first: str) -> str:
    """The reason a duplicate is rejected with."""
    return f"duplicate of {first}"


def _read_file(path: Path, max_bytes: int) -> Iterator[Report | Rejected]:
    source = str(path)
    try:
        if _suffix(path) in JSONL_SUFFIXES:
            yield from _jsonl_reports(path, max_bytes)
            return
        if _suffix(path) in JSON_SUFFIXES:
            yield from _json_reports(path, max_bytes)
            return
        if _suffix(path) in TABLE_SUFFIXES:
            yield from _table_reports(path, max_bytes)
            return
        data = _read_bytes(path, max_bytes)
        if _suffix(path) in EMAIL_SUFFIXES:
            text, meta = email_report(data)
            check_chinese(text)
            yield Report(_doc_id(path), source, text, meta)
            return
        text = decode(data)
        if _suffix(path) in HTML_SUFFIXES or (_suffix(path) not in SUFFIXES and _looks_like_html(text)):
            text, meta = html_report(text)
        elif _suffix(path) in MARKDOWN_SUFFIXES or _FRONT_MATTER.match(text.removeprefix("\ufeff").replace("\r\n", "\n")):
            text, meta = markdown_report(text)  # (a markdown export saved as .txt: front matter above it)
        else:
            meta = Metadata()
        check_chinese(text)
    except InputError as exc:
        yield Rejected(source, "rejected", exc.reason)
        return
    yield Report(_doc_id(path), source, text, meta)


def email_report(data: bytes) -> tuple[str, Metadata]:
    """The text and metadata of an e-mail as saved (``.eml``, RFC 5322): a report sent in, as a
    newsroom's submissions mailbox keeps it. Its text is the plain part (else the HTML part, read
    as a page), in the charset it declares; its title the subject, its date the day it was sent in
    China, its author the sender's name. An e-mail names no outlet.

    >>> text, meta = email_report("Subject: =?UTF-8?B?5Lic5rW35Y6/?=\\nDate: Tue, 14 May 2024 23:42:07 +0000\\n"
    ...                           "From: =?UTF-8?B?546L6Z2Z5oCh?= <a@b.cn>\\n\\n东海县推行积分制。".encode())
    >>> text, meta.title, meta.date, [p.name for p in meta.authors]
    ('东海县推行积分制。', '东海县', '2024-05-15', ['王静怡'])
    """
    import email
    import email.policy
    import email.utils

    message = email.message_from_bytes(data, policy=email.policy.default)
    body = message.get_body(preferencelist=("plain", "html"))
    raw = body.get_payload(decode=True) if body is not None else None
    if not raw or not raw.strip():
        raise InputError("an e-mail with no text part")
    charset = body.get_content_charset()
    try:  # the charset the part declares; none, or a wrong one (GBK for GB18030): detected as a file's is
        text = raw.decode(charset) if charset else decode(raw)
    except (LookupError, UnicodeDecodeError):
        text = decode(raw)
    page = Metadata()
    if body.get_content_subtype() == "html":
        text, page = html_report(text)
    sent = None
    try:
        when = email.utils.parsedate_to_datetime(str(message["Date"])) if message["Date"] else None
        sent = canonical_date(when.isoformat()) if when is not None and when.tzinfo else None
    except (TypeError, ValueError):
        pass
    sender = email.utils.parseaddr(str(message["From"] or ""))[0].strip()
    return text.replace("\r\n", "\n"), Metadata(
        title=str(message["Subject"] or "").strip() or page.title, date=sent or page.date,
        authors=people(sender) if sender else page.authors)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, decompressed if gzip; over ``max_bytes`` raises InputError."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"over the size limit ({size} bytes > {max_bytes})", path=str(path))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"unreadable: {exc.strerror or exc}", path=str(path)) from exc
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as unzipped:
                data = unzipped.read(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"corrupt gzip data: {exc}", path=str(path)) from exc
        if len(data) > max_bytes:
            raise InputError(f"over the size limit (more than {max_bytes} bytes once decompressed)",
                             path=str(path))
    return data


def decode(data: bytes) -> str:
    """Bytes → text in the encoding they are in; InputError if empty, binary or undecodable.

    >>> decode("加强基层党建工作".encode("gbk")), decode("加強基層黨建工作".encode("big5"))
    ('加强基层党建工作', '加強基層黨建工作')
    """
    if not data.strip():
        raise InputError("empty file")
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"binary content ({kind})")
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"undecodable: bad {encoding} after its byte-order mark") from exc
            break
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _detected(data)
    if _CONTROL.search(text) and len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise InputError("binary content (control characters)")
    if not text.strip():
        raise InputError("empty file")
    return text


def _detected(data: bytes) -> str:
    """The decoding charset-normalizer ranks best among those that read as Chinese."""
    from charset_normalizer import from_bytes

    decodings = [str(match) for match in from_bytes(data)]
    if not decodings:
        if b"\x00" in data:
            raise InputError("binary content")
        raise InputError("undecodable: no known text encoding fits")
    return next((text for text in decodings if _han_share(text) >= 0.5), decodings[0])


def _han_share(text: str) -> float:
    letters = sum(1 for c in text if c.isalpha())
    return len(_HAN.findall(text)) / letters if letters else 0.0


def check_chinese(text: str) -> None:
    """InputError unless the text is Chinese: at least 10 Han characters, a fifth of its letters.

    >>> check_chinese("Minutes of the branch meeting, 2019.")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: not Chinese text (0 Han characters of 25 letters)
    """
    if not text or text.isspace():
        raise InputError("empty file")
    han = sum(map(len, _HAN_RUN.findall(text)))
    if han >= 10 and han * 5 >= len(text):
        return  # a fifth of the characters, so a fifth of the letters: no need to count them
    letters = sum(map(str.isalpha, text))
    if han < 10 or han * 5 < letters:
        raise InputError(f"not Chinese text ({han} Han characters of {letters} letters)")


# Formats -------------------------------------------------------------------------------------

_HTML_TAG = re.compile(r"<(?:!doctype html|html|head|body|div|p|br|span|section|article)\b[^>]*>", re.IGNORECASE)


def _looks_like_html(text: str) -> bool:
    return bool(re.match(r"\s*(?:<!doctype html|<html|<head|<body)", text[:500], re.IGNORECASE))


def html_report(html: str) -> tuple[str, Metadata]:
    """A web page's main text (navigation, footer and comments left out) and its head metadata.

    The page's title opens the text when the extracted body does not already start with it.
    Dates come from the page's markup, else from the page's line of fields beside its source
    (``2024年03月15日 10:06 来源:长城网``), never guessed from its body. The publisher is the
    outlet the page's source line names (``来源:某某日报``, often outside the main text), else
    the site's name.
    """
    try:
        import trafilatura
    except ImportError as exc:
        raise InputError("HTML input needs trafilatura", hint="pip install trafilatura") from exc
    try:
        page = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError(f"unreadable HTML: {exc}") from exc
    if page is None or not (page.text or "").strip():
        raise InputError("no main text found in the HTML page")
    text = page.text
    title, outlet = split_title(page.title or "")
    head = re.search(r"<title[^>]*>(.*?)</title>", html[:20_000], re.IGNORECASE | re.DOTALL)
    outlet = outlet or (split_title(unescape(" ".join(head.group(1).split())))[1] if head else None)
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    authors = people(page.author or "")
    simplified = any(word in html for word in SOURCE_WORDS)
    traditional = not simplified and any(word in html for word in _TRADITIONAL_SOURCE_WORDS)
    whole = trafilatura.html2txt(html) if simplified or traditional else ""
    if traditional:  # a traditional page's 來源: read simplified
        from .normalise import to_simplified

        whole = to_simplified(whole)
    source = source_outlet(whole)
    # a message board's reply; a date the text labels at its top (专题更新时间：…) or a bibliographic
    # record's (【出版日期】2024-12) before a date the markup gives (a topic page's first item's)
    record, issued = _record_fields(html, whole) if "【" in html else (None, None)
    stamped, paper, named = _head_fields(html)
    date = reply_date(text) or top_labelled_date(text) or issued or canonical_date(page.date) or source_date(whole) \
        or stamped
    site = (page.sitename or "").strip() or outlet or paper
    source = source or record
    meta = Metadata(title=title or None, date=date, publisher=source or site or named,
                    url=page.url or None, authors=authors, site=other_outlet(site, source) if source else None)
    return text, meta


# what a page's head says where trafilatura reads nothing: its date as content systems write it (方正's
# e-paper: founder-date), an e-paper's page line as its description, the site's name (the 政府网站
# template's SiteName; og:site_name given as a name rather than a property)
_DATE_META = re.compile(r"""<meta\s+name=["'](?:founder-date|publishdate|pubdate|publish-date|publish_date)["']\s+"""
                        r"""content=["']([^"'<>]{6,30})["']""", re.IGNORECASE)
_DESCRIPTION_META = re.compile(r"""<meta\s+name=["']description["']\s+content=["']([^"'<>]{4,60})["']""",
                               re.IGNORECASE)
_SITE_META = re.compile(r"""<meta\s+(?:name|property)=["'](?:SiteName|og:site_name|site_name|sitename)["']\s+"""
                        r"""content=["']([^"'<>]{2,40})["']""", re.IGNORECASE)
_HEAD = 20_000  # characters of a page its head lies in
# a bibliographic record's bracketed fields (中国知网's yearbook, newspaper and journal pages):
# 【年鉴名称】鹰潭年鉴 … 【出版日期】2024-12
_RECORD_NAME = re.compile(r"【(?:年鉴名称|报纸名称|刊名|来源)】\s*([^\s【】]{2,30})")
_RECORD_DATE = re.compile(r"【(?:出版日期|报纸日期|发表日期|发布日期)】\s*([0-9][0-9年月日./-]{3,12})")


def _head_fields(html: str) -> tuple[str | None, str | None, str | None]:
    """The date, the paper and the site's name a page's head gives: a date field (``founder-date``) or an
    e-paper's page line as its description (``铜川日报 2024年07月01日 第A01版：要闻``); a ``SiteName``."""
    head = html[:_HEAD]
    stamped, described, named = _DATE_META.search(head), _DESCRIPTION_META.search(head), _SITE_META.search(head)
    date, paper = paper_line(described.group(1)) if described else (None, None)
    return ((canonical_date(stamped.group(1)) if stamped else None) or date, paper,
            named.group(1).strip() if named else None)


def _record_fields(html: str, whole: str) -> tuple[str | None, str | None]:
    """The periodical and the date a bibliographic page's record fields give, if it has them (``whole``:
    the page's text, if already taken out)."""
    if not ("出版日期" in html or "年鉴名称" in html or "报纸名称" in html or "刊名" in html):
        return None, None
    import trafilatura

    fields = whole or trafilatura.html2txt(html)
    name, issued = _RECORD_NAME.search(fields), _RECORD_DATE.search(fields)
    return (name.group(1) if name else None), (canonical_date(issued.group(1)) if issued else None)


#: a source line's words in traditional characters (來源：江門日報)
_TRADITIONAL_SOURCE_WORDS = ("來源", "原載")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_MARKUP = re.compile(r"(?m)!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)|^ {0,3}(?:#{1,6} +|> ?|[-*+] +)|\*\*|__|`"
                     r"|\[\^[^\]\s]{1,10}\]:?")  # (a footnote's marker, and its label where it is told: [^1]:)


def markdown_report(markdown: str) -> tuple[str, Metadata]:
    """Markdown → plain text (headings, emphasis, links, images unmarked), front matter as metadata.

    >>> markdown_report("---\\ntitle: 莒镇党建\\ndate: 2019-03-05\\n---\\n# 莒镇党建\\n**四抓四强**见[详情](http://x)")
    ('莒镇党建\\n四抓四强见详情', Metadata(title='莒镇党建', date='2019-03-05', publisher=None, url=None, authors=(), site=None, record_id=None))
    """
    fields: dict[str, str] = {}
    markdown = markdown.removeprefix("\ufeff")
    front = _FRONT_MATTER.match(markdown.replace("\r\n", "\n"))
    if front:
        for line in front.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep:
                fields[key.strip().lower()] = value.strip().strip("\"'")
        markdown = markdown.replace("\r\n", "\n")[front.end():]
    text = _MARKUP.sub(lambda m: m.group(1) or "", markdown)
    return text, _given(fields)


#: the site a record was crawled from, under the names crawls give it
_SITE_FIELDS = ("site_name", "sitename", "site", "wangzhan", "zhandian")
#: The names crawls give a record's metadata fields, the first present one read, in English, Chinese or
#: the pinyin some crawlers name them in (biaoti, fabushijian, laiyuan; ``source`` is the
#: outlet, 来源, unless it holds a web address; the site a record was crawled from publishes it only
#: where no outlet is named, as a page's 来源 line comes before its site's name).
FIELD_NAMES = {
    "title": ("title", "headline", "标题", "文章标题", "biaoti"),
    "date": ("date", "publish_date", "pub_date", "publish_time", "pub_time", "published", "published_at",
             "release_time", "post_time", "created_at", "create_time", "发布时间", "发布日期", "日期", "时间",
             "fabushijian", "faburiqi", "riqi", "shijian"),
    "publisher": ("publisher", "source", "media", "outlet", "来源", "文章来源", "信息来源", "稿源", "媒体",
                  "laiyuan", "wenzhanglaiyuan", "xinxilaiyuan", "meiti", *_SITE_FIELDS),
    "url": ("url", "link", "href", "source", "链接", "网址", "原文链接", "文章链接", "lianjie", "wangzhi"),
    "author": ("author", "authors", "byline", "作者", "记者", "zuozhe", "jizhe"),
}
#: a record's report text, and its page, under the names crawls and scrapers' spreadsheets give them
#: (the first one filled wins)
TEXT_FIELDS = ("text", "content", "body", "article", "正文", "内容", "正文内容", "文章内容", "zhengwen", "neirong")
HTML_FIELDS = ("html", "raw_html", "content_html", "body_html", "article_html", "page")
#: a video's or picture post's text (Douyin's ``desc``), read where a record has no text or page field
POST_FIELDS = ("desc", "description", "caption")


def _field_key(name: object) -> str:
    """A field's name as compared: any case, with or without ``_`` or ``-`` (publishTime, publish_time)."""
    return str(name).lower().replace("_", "").replace("-", "")


def _by_key(fields: dict) -> dict:
    """A record's fields by :func:`_field_key`; where two names compare equal, the first one's value."""
    return {_field_key(key): value for key, value in reversed(fields.items())}


#: the text and page fields' names as compared (see :func:`_field_key`)
_TEXT_KEYS = frozenset(map(_field_key, TEXT_FIELDS + HTML_FIELDS + POST_FIELDS))
_POST_KEYS = frozenset(map(_field_key, POST_FIELDS))


def _given(fields: dict) -> Metadata:
    """Metadata from a record's fields (JSONL, front matter); empty or non-text values ignored.

    >>> _given({"title": "标题", "source": "通化日报", "publish_time": "2022-11-23 08:00"}).publisher
    '通化日报'
    >>> _given({"source": "http://example.org/a.html"}).url
    'http://example.org/a.html'
    >>> _given({"publishTime": "2023-07-04T08:12:00+08:00"}).date
    '2023-07-04'
    """
    named = _by_key(fields)  # pubDate, publishTime

    def field(kind: str) -> str | None:
        for name in FIELD_NAMES[kind]:
            value = fields.get(name, named.get(_field_key(name)))
            value = (str(value).strip() or None) if isinstance(value, (str, int)) else None
            if value and (name != "source" or (kind == "url") == value.startswith(("http://", "https://"))):
                return value
        return None

    # a post's account: Weibo's user.screen_name, Douyin's author.nickname (an author's plain "name" is a
    # person's), WeChat Channels' own nickname
    account = next((name for holder, keys in (("user", ("screen_name", "nickname", "name")),
                                              ("author", ("nickname", "screen_name")))
                    for key in keys if isinstance(fields.get(holder), dict)
                    and isinstance(name := fields[holder].get(key), str) and name.strip()), None)
    if account is None and isinstance(fields.get("nickname"), str) and fields["nickname"].strip():
        account = fields["nickname"]
    # a post's account before its "source", which there names the app it was posted from (微博视频号)
    publisher = (fields.get("publisher") or account.strip()) if account else field("publisher")
    publisher = _periodical(publisher if isinstance(publisher, str) else None)
    # the site a record was crawled from, where it is not the outlet (齐齐哈尔新闻网 carrying 讷河's report)
    site = next((value.strip() for name in _SITE_FIELDS
                 if isinstance(value := fields.get(name, named.get(_field_key(name))), str) and value.strip()
                 and not value.strip().startswith(("http://", "https://"))), None)
    return Metadata(title=field("title"), date=canonical_date(field("date")), publisher=publisher,
                    url=field("url"), authors=people(field("author") or ""),
                    site=other_outlet(site, publisher) if publisher else None)


_PERIODICAL = re.compile(r"《([^《》]{2,30})》\s*(?:(?:19|20)\d\d\s*年\s*)?(?:第\s*\d{1,3}\s*期)?[^《》]{0,12}")


def _periodical(publisher: str | None) -> str | None:
    """A periodical's name where a source names its issue: 《边疆治理研究》2024年第1期 → 边疆治理研究."""
    named = _PERIODICAL.fullmatch(publisher) if publisher else None
    return named.group(1) if named else publisher


def _jsonl_reports(path: Path, max_bytes: int) -> Iterator[Report | Rejected]:
    """One Report per JSONL line; a line that is no report is a Rejected naming ``path:LINE``."""
    stem = _doc_id(path)
    lines = 0
    first: Report | Rejected | None = None  # held back: a file of one record without an id is named by its stem
    try:
        with path.open("rb") as raw_handle:
            gzipped = raw_handle.read(2) == b"\x1f\x8b"
        with (gzip.open(path, "rb") if gzipped else path.open("rb")) as handle:
            for number, raw in enumerate(handle, 1):
                if number == 1:
                    raw = raw.removeprefix(b"\xef\xbb\xbf")
                if not raw.strip():
                    continue
                lines += 1
                source = f"{path}:{number}"
                try:
                    item = _jsonl_record(raw, stem, number, source, max_bytes)
                except InputError as exc:
                    item = Rejected(source, "rejected", exc.reason)
                if lines == 1:
                    first = item
                    continue
                if first is not None:
                    yield first
                    first = None
                yield item
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"unreadable: {getattr(exc, 'strerror', None) or exc}", path=str(path)) from exc
    if not lines:
        raise InputError("empty file")
    if isinstance(first, Report):
        first = replace(first, doc_id=stem)  # the file's only record: named as its file (its own id in meta.record_id)
    if first is not None:
        yield first


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_unicode(record: dict, where: str) -> None:
    """Reject a record whose strings hold a lone surrogate (``"\\ud800"``): JSON lets one be written,
    but it is no character, and no text holding one can be encoded, hashed or stored."""
    for key, value in record.items():
        for item in value if isinstance(value, list) else (value,):
            lone = _SURROGATE.search(item) if isinstance(item, str) else None
            if lone:
                raise InputError(f"{where}: field {key!r} holds a lone surrogate escape "
                                 f"(\\u{ord(lone.group()):04x}), which is not a character",
                                 hint="fix the exporter that wrote the file; the other records are read")


def _jsonl_record(raw: bytes, stem: str, number: int, source: str, max_bytes: int) -> Report:
    if len(raw) > max_bytes:
        raise InputError(f"over the size limit ({len(raw)} bytes > {max_bytes})")
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"malformed JSONL line {number}: not UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSONL line {number}: {exc.msg} at column {exc.colno}") from exc
    if not isinstance(record, dict):
        raise InputError(f"malformed JSONL line {number}: expected an object")
    return _record_report(record, f"{stem}-{number}", source, f"JSONL line {number}")


def _record_report(record: dict, fallback_id: str, source: str, where: str) -> Report:
    """The report a crawl's record holds (its text or page, its metadata, its ``id`` or ``fallback_id``)."""
    _check_unicode(record, where)
    long = record.get("longText")  # a Weibo status cut short under "text": the whole under longText
    if isinstance(long, dict) and isinstance(whole := long.get("longTextContent"), str) and whole.strip():
        record = {**record, "text": whole}
    elif (post := _nested_post(record)) is not None:
        record = {**record, "text": post}
    meta = _given(record)
    named = _by_key(record)  # bodyHtml, Content

    def filled(names: tuple[str, ...]) -> str | None:
        return next((value for name in names if isinstance(value := record.get(name, named.get(_field_key(name))),
                                                           str) and value.strip()), None)

    text, html = filled(TEXT_FIELDS), filled(HTML_FIELDS)
    text = text if text is not None or html is not None else filled(POST_FIELDS)
    if text is not None and _HTML_TAG.search(text[:2000]):  # a crawl's "content" holding the page or its markup
        text, html = None, html or text
    if text is None and html is not None:
        text, page = html_report(html)
        meta = Metadata(title=meta.title or page.title, date=meta.date or page.date,
                        publisher=meta.publisher or page.publisher, url=meta.url or page.url,
                        authors=meta.authors or page.authors)
    elif text is None:
        raise InputError(f"{where} has no report text (a field named {', '.join(TEXT_FIELDS)}; "
                         f"or a page: {', '.join(HTML_FIELDS)}; or a post's {', '.join(POST_FIELDS)})")
    check_chinese(text)
    own = record.get("id")
    own = str(own).strip() if isinstance(own, (str, int)) and not isinstance(own, bool) else ""
    if own:
        meta = replace(meta, record_id=own)
    return Report(own or fallback_id, source, text, meta)


def _json_reports(path: Path, max_bytes: int) -> Iterator[Report | Rejected]:
    """The reports of a ``.json`` file: one record (named by the file's stem), an array of records,
    or an object whose one list holds them (``{"data": {"list": [...]}}``), each then named by its
    ``id`` or ``STEM-N`` (a list of one record by the file's stem, as a single object is); a file of
    JSON Lines under a ``.json`` name is read as one.
    """
    data = _read_whole(path, "a .json file", "write its records as JSON Lines (.jsonl), which are read one at a time")
    text = decode(data).removeprefix("\ufeff")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):  # JSON Lines, named .json
            yield from _jsonl_reports(path, max_bytes)
            return
        raise InputError(f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                         path=str(path)) from exc
    stem = _doc_id(path)
    if isinstance(value, dict) and (payload := _payload(value)) is not None:
        value = payload  # an API's answer around one record: {"ok": 1, "data": {"text": …}, "comments": …}
    if isinstance(value, dict) and not _records_in(value):
        if len(json.dumps(value, ensure_ascii=False).encode("utf-8")) > max_bytes:
            raise InputError(f"over the size limit (a record of more than {max_bytes} bytes)")
        yield replace(_record_report(value, stem, str(path), "the JSON object"), doc_id=stem)
        return
    records = _records_in(value) if isinstance(value, dict) else value
    if not isinstance(records, list) or not records:
        raise InputError("no report in this JSON (expected an object with the report's text, an array of "
                         "such objects, or an object whose one list holds them)", path=str(path))
    yield from _each_record(path, enumerate(records, 1), "JSON record", max_bytes, only=len(records) == 1)


def _read_whole(path: Path, what: str, hint: str) -> bytes:
    """The bytes of a file read whole (a .json file, a spreadsheet), up to :data:`WHOLE_FILE_LIMIT`."""
    try:
        return _read_bytes(path, WHOLE_FILE_LIMIT)
    except InputError as exc:
        if exc.reason.startswith("over the size limit"):
            raise InputError(f"{exc.reason}: {what} is read whole", path=str(path), hint=hint) from exc
        raise


def _each_record(path: Path, numbered: Iterable[tuple[int, object]], where: str, max_bytes: int,
                 only: bool = False) -> Iterator[Report | Rejected]:
    """The report of each numbered record of a file, named ``path:N`` (``where N`` in reasons); a
    record that is no report is a Rejected and the rest go on. ``only``: the file's one record,
    named by the file's stem (its own ``id`` kept in ``meta.record_id``)."""
    stem = _doc_id(path)
    for number, record in numbered:
        source, at = f"{path}:{number}", f"{where} {number}"
        try:
            if not isinstance(record, dict):
                raise InputError(f"malformed {at}: expected an object")
            if len(json.dumps(record, ensure_ascii=False).encode("utf-8")) > max_bytes:
                raise InputError(f"{at} is over the size limit (more than {max_bytes} bytes)")
            report = _record_report(record, f"{stem}-{number}", source, at)
            yield replace(report, doc_id=stem) if only else report
        except InputError as exc:
            yield Rejected(source, "rejected", exc.reason)


def _table_reports(path: Path, max_bytes: int) -> Iterator[Report | Rejected]:
    """The reports of a spreadsheet as scrapers export them (``.csv``/``.tsv`` in any encoding, or an
    ``.xlsx`` workbook's first sheet): a header row naming the columns as a record's fields
    (``标题``, ``正文``, ``发布时间``, ``来源``, ``链接``, ``作者``…), then a report a row, named
    ``path:ROW`` by its row as a spreadsheet shows it (the header is row 1).
    """
    kind = "XLSX" if _suffix(path) in XLSX_SUFFIXES else "CSV"
    data = _read_whole(path, "a spreadsheet", "split it, or write its rows as JSON Lines (.jsonl), which stream")
    rows = _xlsx_rows(data) if kind == "XLSX" else _csv_rows(decode(data), tab=_suffix(path) == ".tsv")
    header: list[str] | None = None
    found: list[tuple[int, dict]] = []
    for number, cells in rows:
        if not any(cells):
            continue
        if header is None:
            header = [cell.strip().lstrip("\ufeff") for cell in cells]
            if not any(_field_key(name) in _TEXT_KEYS for name in header):
                raise InputError(f"no column of the {kind} file's header holds report text (a column named "
                                 f"{', '.join(TEXT_FIELDS)}; or a page: {', '.join(HTML_FIELDS)})", path=str(path))
            continue
        found.append((number, {name.lower(): cell for name, cell in zip(header, cells) if name}))
    if not found:
        raise InputError("empty file" if header is None else f"no report under the {kind} file's header",
                         path=str(path))
    yield from _each_record(path, found, f"{kind} row", max_bytes, only=len(found) == 1)


def _csv_rows(text: str, *, tab: bool) -> Iterator[tuple[int, list[str]]]:
    """(row, cells) of a CSV or TSV text; the delimiter sniffed among comma, tab and semicolon."""
    import csv

    text = text.removeprefix("\ufeff")
    delimiter = "\t" if tab else ","
    if not tab:
        try:
            delimiter = csv.Sniffer().sniff(text[:8192].split("\n", 1)[0], delimiters=",\t;").delimiter
        except csv.Error:
            pass
    csv.field_size_limit(max(csv.field_size_limit(), WHOLE_FILE_LIMIT))
    try:
        yield from enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1)
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}") from exc


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """(row, cells as text) of an Excel workbook's first sheet; dates as ISO dates."""
    import datetime
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"not a readable Excel workbook ({exc})") from exc
    try:
        sheet = book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
            yield number, ["" if v is None else v.isoformat(sep=" ") if isinstance(v, datetime.datetime)
                           else v.isoformat() if isinstance(v, datetime.date) else str(v) for v in values]
    finally:
        book.close()


def _payload(value: dict, depth: int = 3) -> dict | None:
    """The one object an API's answer wraps the record in when the answer holds no report text
    itself (``{"ok": 1, "data": {"text": …}}``, comments and reposts beside it; WeChat Channels'
    ``{"data": {"object": {…}}}``), up to ``depth`` objects down, else None."""
    if _has_text(value):
        return None
    found = [v for v in value.values() if isinstance(v, dict) and _holds_text(v)]
    if not found and depth > 1:
        found = [p for v in value.values() if isinstance(v, dict) and (p := _payload(v, depth - 1)) is not None]
    return found[0] if len(found) == 1 else None


def _has_text(record: dict) -> bool:
    """Whether an object has a report text or page field of its own."""
    return any(isinstance(v, str) and _field_key(k) in _TEXT_KEYS for k, v in record.items())


def _holds_text(record: dict) -> bool:
    """Whether an object has a report text or page field of its own, or a post's text one object down
    (a WeChat Channels post's ``objectDesc.description``)."""
    return _has_text(record) or _nested_post(record) is not None


#: the objects of a record that describe an account (its bio is no report): user, author…
_ACCOUNT_KEYS = frozenset({"user", "author", "contact", "owner", "creator", "account"})


def _nested_post(record: dict) -> str | None:
    """A post's text in an object of a record that has none of its own (``objectDesc.description``)."""
    if _has_text(record):
        return None
    for key, value in record.items():
        if isinstance(value, dict) and _field_key(key) not in _ACCOUNT_KEYS:
            text = next((v for k, v in value.items() if isinstance(v, str) and v.strip()
                         and _field_key(k) in _POST_KEYS), None)
            if text is not None:
                return text
    return None


def _records_in(value: dict, depth: int = 2) -> list | None:
    """The one list of objects an object holds (directly or one level down) when it holds no
    report text itself; None when it holds text, or none or several such lists."""
    if _holds_text(value):
        return None
    found = [v for v in value.values() if isinstance(v, list) and v and all(isinstance(i, dict) for i in v)]
    if not found and depth > 1:
        found = [r for v in value.values() if isinstance(v, dict) and (r := _records_in(v, depth - 1))]
    return found[0] if len(found) == 1 else None
