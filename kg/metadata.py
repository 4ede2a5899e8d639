"""What a report says about itself: title, date, publisher, authors with their role.

News reports state these in a few fixed places: a headline as the first line,
often with the outlet after a bar (``… | 商洛日报``); a dateline (``秦楚网讯 通讯员
贾策 报道:``, ``德州新闻网讯(记者 彭晓 通讯员 王梅)``, ``某某在线5月6日讯``); a page
line (``发布时间:2020-07-16 09:39:05``, ``发布于 2020年10月26日 | 某某在线``) or a
masthead (``某某日报 2021.12.03 第02版``); a source line (``来源:襄阳日报``,
``(原载《某某日报》2021年6月28日第3版)``); the opening words of the lead (``2019年5月,``,
``5月20日晚,``); a byline in brackets at the end (``(任子林 吴康健)``); a copyright
notice naming the outlet. :func:`report_metadata` reads those places only, never a
year or a name merely mentioned in the body.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from itertools import pairwise

from .records import Metadata, Person

HAN = "\u4e00-\u9fff\u3400-\u4dbf"

# Heads that end an outlet's name: 商洛日报, 德州新闻网, 秦楚网, 新华社, 郧西县融媒体中心.
_OUTLET_HEADS = ("新闻网", "日报", "晚报", "早报", "都市报", "商报", "时报", "报", "网", "广播电视台",
                 "电视台", "广播电台", "电台", "融媒体中心", "新闻中心", "客户端", "通讯社", "社", "在线", "博客")
_OUTLET = rf"[{HAN}A-Za-z0-9·]{{0,16}}?(?:{'|'.join(_OUTLET_HEADS)})"
_GENERIC_OUTLETS = {"本报", "本网", "本站", "本台", "本社", "网", "报", "社", "互联网", "网络", "新闻网"}

# 来源:襄阳日报, 来源:《某某日报》, 原载《某某日报》, 信息来源:闽东日报, 【来源:皖西日报】, 【来源】宿迁日报,
# 稿源:兴国县融媒体中心: the name in 《》
# or the run of name characters.
_SOURCE_LABEL = r"(?:(?:信息|文章|新闻|稿件)?来源|稿源)\s*[:：]"
#: words one of which every source line holds: a cheap test before the patterns
SOURCE_WORDS = ("来源", "原载", "稿源")
# (after a space, a bracket, or the time a page's inline fields run on from: 2024-10-09 07:58来源：长春日报作者：…)
_SOURCE_LINE = re.compile(rf"(?:^|(?<=[\s(（【\[\d]))(?:{_SOURCE_LABEL}|【(?:来源|稿源)】\s*[:：]?"
                          rf"|原载)\s*"
                          rf"(?:《([^《》\s]{{2,20}})》|([{HAN}A-Za-z0-9·]{{2,20}}))")
_HOUR = r"(?:\d{1,2}时(?:\d{1,2}分)?)?"  # 华龙网7月1日18时讯
_DATELINE_OUTLET = re.compile(rf"^({_OUTLET})(?:讯|消息|[{HAN}]{{0,8}}\d{{1,2}}月\d{{1,2}}日{_HOUR}[讯电])")
_TITLE_OUTLET = re.compile(rf"^(.+?)\s*(?:[|｜_]|\s[-—–]+)\s*({_OUTLET})$")
# a bare hyphen before a site's name (县长信箱-留言详情-望奎县人民政府网): only a site's or a paper's name
_TITLE_SITE = re.compile(rf"^(.+?[{HAN}”’」』》)）])-([{HAN}]{{2,16}}?(?:新闻网|网|日报|晚报|电视台|融媒体中心))$")
_COPYRIGHT_OUTLET = re.compile(
    rf"({_OUTLET})(?:版权(?:与|和|及)?免责声明|版权声明|版权所有)"
    rf"|(?:版权所有|copyright|©)\s*[:：©]?\s*(?:\d{{4}}(?:\s*-\s*\d{{4}})?)?\s*({_OUTLET})(?![{HAN}])",
    re.IGNORECASE)

# 2021-03-08, 2021/3/8, 2021.12.03, 2021年3月8日, 2021年3月; never inside a file name (IMG_2019-03-12.jpg).
_YMD = r"(?<![A-Za-z0-9_])((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?"
_DATE_LABEL = (r"(?:(?:发布|发表|更新|修改|刊发|出版|上传|稿件|编印|印发|成文|填表|填报)(?:时间|日期)\s*[:：]"
               r"|(?:发布|发表|更新|刊发)于\s*[:：]?|(?:^|(?<=\s))(?:日[\s　]*期|时[\s　]*间)\s*[:：])")
_LABELLED_DATE = re.compile(rf"{_DATE_LABEL}\s*{_YMD}")
# a page's field that writes the year in two digits: 发布时间：23-05-10
_LABELLED_SHORT_YEAR = re.compile(rf"{_DATE_LABEL}\s*(\d\d)-(\d{{1,2}})-(\d{{1,2}})(?![\d:-])")
_DATE_LINE = re.compile(rf"^{_YMD}月?(?:\s*\d{{1,2}}:\d\d(?::\d\d)?)?(?=\s|$)")  # (二〇二三年六月 closing a material)
# a message board's page is dated by its reply, not by the message (留言时间… 答复时间2023-08-21 16:05:40)
# where and when a speech or a report to a meeting was given, under its title: （2024年1月12日在…述职评议会上）
_DELIVERED = re.compile(rf"^[(（]\s*{_YMD}\s*在[^()（）]{{2,60}}[)）]$")
_REPLY_DATE = re.compile(rf"(?:答复|回复|办结)(?:时间|日期)\s*[:：|]?\s*{_YMD}")
_EDITION = re.compile(r"第\s*[A-Za-z]?[0-9一二三四五六七八九十]{1,3}\s*版")  # 第02版, 第A2版
# The lead's opening: an editor's note's label, a dateline (某某网讯, 某某在线5月6日讯, 新华社北京3月5日电,
# 华龙网7月1日18时讯) and a byline (in brackets, or 通讯员 张三 报道:) before the lead's first words.
_LEAD_OPENING = re.compile(r"(?:编者按|编者的话)?\s*[:：]?\s*"
                           rf"(?:[^,，。]{{0,30}}?(?:(\d{{1,2}})月(\d{{1,2}})日{_HOUR})?(?<!通)[讯电])?"
                           r"\s*(?:[(（][^()（）]{0,40}[)）]|[^,，。()（）]{0,30}?报道\s*[:：])?\s*")
# A date that opens the lead as its time (2019年, 2019年5月, 5月20日晚), not a span (2017年以来).
_OPENING_DATE = re.compile(r"(?:((?:19|20)\d\d)年)?(?:(\d{1,2})月(?:(\d{1,2})日)?)?"
                           r"(?:早上|上午|中午|下午|傍晚|晚上|凌晨|晚)?(?=[,，\s])")
# A year a headline or page line gives (2020年基层党建巡礼, 2021-03-08), not a span's start.
_HEADER_YEAR = re.compile(r"(?<![A-Za-z0-9_])((?:19|20)\d\d)(?:年(?!以来|来|起|至|到|前|后|代|初|底|末)|\s*[-/.]\s*\d)")
# An anniversary the text tells as now (在建党95周年之际, 今年是中国共产党成立100周年, 在西藏和平解放70周年之际):
# the year of the event and the number of years after it. The events reports date themselves by:
_ANNIVERSARY_YEARS = {
    "建党": 1921, "中国共产党成立": 1921, "党成立": 1921,
    "新中国成立": 1949, "中华人民共和国成立": 1949, "建国": 1949,
    "改革开放": 1978,
    "建军": 1927, "人民军队建军": 1927, "中国人民解放军建军": 1927,
    "抗日战争胜利": 1945, "抗战胜利": 1945, "红军长征胜利": 1936, "长征胜利": 1936, "五四运动": 1919,
    "香港回归": 1997, "澳门回归": 1999,
    "西藏和平解放": 1951, "和平解放": 1951,
    "内蒙古自治区成立": 1947, "新疆维吾尔自治区成立": 1955, "广西壮族自治区成立": 1958,
    "宁夏回族自治区成立": 1958, "西藏自治区成立": 1965,
}
_ANNIVERSARY = re.compile(r"(?:今年是|正值|恰逢|适逢|值此|迎来|喜迎|庆祝|在)[^，,。；;]{0,4}?"
                          rf"({'|'.join(sorted(_ANNIVERSARY_YEARS, key=len, reverse=True))})"
                          r"(?:(\d{1,3}|[一二三四五六七八九十百]{1,4})周年|(百)年)")
# 二〇二二年六月二十九日: a date in Chinese numerals, read as 2022年6月29日
# (a zero typed or read as a letter or a digit: 二O一六, 二0一六)
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0, "O": 0, "o": 0, "0": 0}
_CN_DATE = re.compile(r"((?=[〇零○ＯOo0]*[一二三四五六七八九])[〇零○ＯOo0一二三四五六七八九]{4})年"
                      r"(?:([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})日)?)?")
# a month and day a lead opens with, dated by the year its sentence gives as this year's
# (今年1月召开的2023年全县组织工作会议): not a year compared with (今年比2020年增长…)
_THIS_YEAR_AS = re.compile(r"今年(?:\d{1,2}月)?[^。;；,，比较与和同]{0,10}?((?:19|20)\d\d)年(?!以来|来|起|至|到|前|后|代|初|底|末)")
# a meeting of a year held on the lead's day (2024年淮阴区基层党建重点任务推进会在刘老庄镇召开): that year's
_MEETING_OF_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年(?!以来|来|起|至|到|前|后|代|初|底|末|度?[上下]半年)"
                              r"[^。;；,，]{2,30}?(?:会议?|大会|论坛)[^。;；,，]{0,12}?(?:召开|举行|举办|开幕)")
# A span the lead opens with (2020年以来): its year when nothing better dates the report.
_SINCE = re.compile(r"((?:19|20)\d\d)年以来")
_CURRENT_YEAR = re.compile(rf"(?:^|[,，:：。\s)）])((?:19|20)\d\d)年是[^。;；!！?？]{{0,40}}?(?:年|一年)[”’]?(?=[,，。;；\s]|$)"
                           rf"|今年是((?:19|20)\d\d)年")

_ROLES = ("本报记者", "本台记者", "本网记者", "见习记者", "特约记者", "实习记者", "融媒记者", "全媒体记者",
          "记者", "特约通讯员", "通讯员", "实习生", "作者", "撰稿", "撰文", "摄影", "责任编辑", "责编",
          "编辑")
_ROLE = "|".join(_ROLES)
# a labelled byline among a page line's other fields, after a space, a bracket or a bar
_ROLE_FIELD = re.compile(rf"(?<=[\s【\[|｜])(?:{_ROLE})\s*[:：]")
_ROLE_THEN_NAME = re.compile(rf"^({_ROLE})[:：/]?([{HAN}·]{{2,4}})$")
_NAME = re.compile(rf"[{HAN}][{HAN}·]{{1,4}}")
_NOT_NAMES = {"报道", "报导", "摄影", "摄", "文", "图", "整理", "综合", "编辑", "采写", "供稿", "供图", "发自"}
# Labels of the other fields a page line holds beside its byline (作者:张三 来源:某某日报): a byline ends there.
_FIELD_LABELS = {"来源", "出处", "稿源", "原载", "发布", "发布时间", "发布日期", "时间", "日期", "阅读", "浏览",
                 "点击", "阅读量", "浏览量", "点击量", "点击数", "阅读数", "浏览数",
                 "访问量", "字号", "字体", "分享", "打印"}
_BRACKETS = re.compile(r"[(（]([^()（）\n]{2,60})[)）]")
_POSITION = r"书记|部长|主任|局长|县长|市长|镇长|乡长|区长|主席|委员|常委|干事|科长|所长|站长|队长|校长|秘书长"
_TITLED_NAME = re.compile(rf"^([{HAN}、·]{{2,40}}?(?:{_POSITION}))([{HAN}]{{2,3}})$")


def report_metadata(text: str, given: Metadata = Metadata()) -> Metadata:
    """Title, date, publisher and authors read from a normalised text; fields ``given`` win.

    >>> m = report_metadata("枣阳:高点站位抓整顿\\n发布时间:2020-07-16 09:39:05\\n正文。\\n来源:襄阳日报")
    >>> m.title, m.date, m.publisher
    ('枣阳:高点站位抓整顿', '2020-07-16', '襄阳日报')
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    header = _post_header(lines)
    found = Metadata(title=_title(lines), date=_date(lines, header) or url_date(given.url),
                     publisher=_publisher(lines), authors=_authors(lines))
    # a public-account post that names no other source is its account's (抚松组工 2024-06-20 17:36 发表于吉林),
    # as a platform's page is its account's, which the page gives as its author (百家号: 合作融媒)
    publisher = _without_party_prefix(given.publisher or found.publisher or (header.group(2) if header else None)
                                      or _account(given.authors))
    return replace(
        given,
        title=given.title or found.title,
        date=given.date or found.date,
        publisher=publisher,
        authors=given.authors or found.authors,
        site=other_outlet(given.site, publisher) or other_outlet(_site(lines, header), publisher),
    )


_ACCOUNT = re.compile(rf"[{HAN}A-Za-z0-9·]{{2,16}}(?:融媒|发布|{'|'.join(_OUTLET_HEADS)})")


def _account(authors: tuple[Person, ...]) -> str | None:
    """An author named as an outlet's or an office's account (``合作融媒``, ``巴马发布``), not as a person."""
    return next((a.name for a in authors if len(a.name) >= 4 and _ACCOUNT.fullmatch(a.name) and _outlet(a.name)),
                None)


# the day a content system writes into a page's address (TRS WCM: …/201706/t20170615_43127.html;
# …/2024-05/14/content_123.htm; …/20240514/abc.html)
_URL_DAY = re.compile(r"/t((?:19|20)\d\d)(\d\d)(\d\d)_\d+|/((?:19|20)\d\d)-(\d\d)/(\d\d)/content_"
                      r"|/((?:19|20)\d\d)(\d\d)(\d\d)/[^/]+\.s?html?$")


def url_date(url: str | None) -> str | None:
    """The day a page's address gives, where nothing else in the report dates it.

    >>> url_date("http://www.naqu.gov.cn/xwzx/xqdt/201706/t20170615_43127.html")
    '2017-06-15'
    >>> url_date("http://www.example.cn/2024-05/14/content_123.htm"), url_date("http://x.cn/a/20241399/b.html")
    ('2024-05-14', None)
    """
    found = _URL_DAY.search(url or "")
    if found is None:
        return None
    year, month, day = (g for g in found.groups() if g is not None)
    try:
        datetime(int(year), int(month), int(day))
    except ValueError:
        return None
    return f"{year}-{month}-{day}"


def _without_party_prefix(publisher: str | None) -> str | None:
    """A party body as its name is canonically written, without a leading 中共 (as an organisation's):
    ``中共金华市委组织部`` → ``金华市委组织部``; ``中共党员网`` stays.

    >>> _without_party_prefix("中共金华市委组织部"), _without_party_prefix("中共党员网")
    ('金华市委组织部', '中共党员网')
    """
    if publisher and publisher.startswith("中共") and re.search("委|党组|支部", publisher[2:]):
        return publisher[2:]
    return publisher


def other_outlet(site: str | None, publisher: str | None) -> str | None:
    """``site`` unless it is ``publisher`` or the same outlet named longer (海东时报社 for 海东时报);
    a site named twice (千龙网·中国首都网) by its first name."""
    first = (site or "").split("·")[0]
    site = first if "·" in (site or "") and re.fullmatch(_OUTLET, first) else site
    if not site or not publisher:
        return site if site != publisher else None
    same = site == publisher or site.startswith(publisher) or publisher.startswith(site)
    return None if same else site


# a public account a post asks to be followed: 点击上方蓝字“宁安发布”关注我们, 关注“某某发布”公众号
_FOLLOW_ACCOUNT = re.compile(r"(?:点击|戳|长按)[^“\"]{0,10}[“\"]([^”\"]{2,20})[”\"]\s*(?:一键)?关注"
                             r"|关注\s*[“\"]([^”\"]{2,20})[”\"]\s*(?:微信)?公众号")


# a public-account post's header: 原创 作者 夏县发布 2022-09-27 19:30 发表于山西 (the author may be left
# out or be the account again); it says it is one by 原创, by the time, or by where it was posted from
_POST_HEADER = re.compile(rf"^(原创\s+)?(?:[{HAN}A-Za-z0-9·]{{2,20}}\s+)?([{HAN}A-Za-z0-9·]{{2,20}})\s+{_YMD}"
                          rf"(\s+\d{{1,2}}:\d\d)?(\s+(?:发表于)?[{HAN}]{{2,8}})?$")


def _post_header(lines: list[str]) -> re.Match[str] | None:
    """The header line of a public-account post among the first lines, if there is one."""
    for line in lines[:4]:
        header = _POST_HEADER.match(line)
        if header and (header.group(1) or header.group(6) or header.group(7)):
            return header
    return None


def _site(lines: list[str], header: re.Match[str] | None = None) -> str | None:
    """The site a page says it belongs to: a title suffix (…_区县新闻_千龙网), a copyright notice, the
    public account a post names in its header (``header``: :func:`_post_header` of ``lines``) or asks
    to be followed (点击上方蓝字“宁安发布”关注我们)."""
    if lines and split_title(lines[0])[1]:
        return split_title(lines[0])[1]
    if header:
        return header.group(2)
    copyright = next(filter(None, map(_copyright_outlet, lines[-8:])), None)
    if copyright:
        return copyright
    follow = next(filter(None, map(_FOLLOW_ACCOUNT.search, lines[-12:])), None)
    return (follow.group(1) or follow.group(2)) if follow else None


# an ISO 8601 time with its offset from UTC: 2022-05-09T23:40:00Z, 2024-03-12T09:15:00+08:00
_ZONED = re.compile(r"\s*(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})\s*$")
_CHINA = timezone(timedelta(hours=8))
#: a Unix time in seconds or milliseconds, from 2001-09-09 (1,000,000,000 s) to 2286
_EPOCH = re.compile(r"[1-9]\d{9}(?:\d{3})?")
_COMPACT_DAY = re.compile(r"((?:19|20)\d\d)(\d\d)(\d\d)")  # 20231102


def _china_day(zoned: re.Match[str]) -> str:
    offset = "+00:00" if zoned.group(3) == "Z" else zoned.group(3)
    if ":" not in offset:
        offset = offset[:3] + ":" + offset[3:]
    moment = datetime.fromisoformat(f"{zoned.group(1)}T{zoned.group(2)}{offset}")
    return moment.astimezone(_CHINA).date().isoformat()


def canonical_date(value: str | None) -> str | None:
    """A given date as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None if it holds no year.

    A time with its offset from UTC gives its day in China (UTC+8).

    >>> canonical_date("2020-07-16 09:39:05"), canonical_date("2018年5月"), canonical_date("n.d.")
    ('2020-07-16', '2018-05', None)
    >>> canonical_date("2022-05-09T23:40:00Z"), canonical_date("2024-03-12T09:15:00+08:00")
    ('2022-05-10', '2024-03-12')

    A Unix time, in seconds or milliseconds as apps' records give it, is a moment too:

    >>> canonical_date("1698892200000"), canonical_date("1698854400")
    ('2023-11-02', '2023-11-02')
    >>> canonical_date("Sun Jun 30 23:12:33 -0400 2024")
    '2024-07-01'
    """
    given = (value or "").strip()
    compact = _COMPACT_DAY.fullmatch(given)
    if compact:  # 20231102
        return _iso(*compact.groups())
    epoch = _EPOCH.fullmatch(given)
    if epoch:
        seconds = int(epoch.group()) / (1000 if len(epoch.group()) == 13 else 1)
        return datetime.fromtimestamp(seconds, _CHINA).date().isoformat()
    zoned = _ZONED.match(value or "")
    if zoned:  # 2022-05-09T23:40:00Z is 10 May in China, where the report's day is counted
        return _china_day(zoned)
    try:  # Weibo's and Twitter's created_at: Mon Jul 01 10:12:33 +0800 2024
        return datetime.strptime(given, "%a %b %d %H:%M:%S %z %Y").astimezone(_CHINA).date().isoformat()
    except ValueError:
        pass
    found = re.match(rf"\s*{_YMD}", value or "") or re.match(r"\s*((?:19|20)\d\d)(?!\d)", value or "")
    if not found:
        return None
    return _ymd(found, 1) if found.re.groups == 3 else found.group(1)


# a newspaper's digital edition named as the site (随州日报数字报, 铜川日报数字报刊平台): the paper itself
_EDITION_WORDS = "数字报刊平台|数字报刊|数字报|电子报|电子版|数字版"
_DIGITAL_EDITION = re.compile(rf"^(.{{2,16}}?(?:日报|晚报|早报|报))(?:{_EDITION_WORDS})$")
# the site before the title (随州日报数字报-广水：…), as e-paper systems write it, or after it
_SITE_FIRST = re.compile(rf"^(.{{2,16}}?(?:{_EDITION_WORDS}))\s*[-—_|｜]+\s*(.+)$")
_EDITION_SUFFIX = re.compile(rf"^(.+?)\s*(?:[-—_|｜]+)\s*(.{{2,16}}?(?:{_EDITION_WORDS}))$")


def paper_line(line: str) -> tuple[str | None, str | None]:
    """The date and the paper of an e-paper's page line (``铜川日报 2024年07月01日 第A01版：要闻``), which its
    page often gives only in its head."""
    return _page_date(line, top=True), _page_outlet(line)


def split_title(title: str) -> tuple[str, str | None]:
    """A page title and the outlet after its bar or dash, if it names one.

    >>> split_title("推进标准化提升组织力 | 商洛日报"), split_title("莒镇:“四抓四强”夯实基层党建")
    (('推进标准化提升组织力', '商洛日报'), ('莒镇:“四抓四强”夯实基层党建', None))
    >>> split_title("县长信箱-留言详情-望奎县人民政府网")
    ('县长信箱-留言详情', '望奎县人民政府网')
    """
    title = title.strip()
    first = _SITE_FIRST.match(title)
    if first:  # 随州日报数字报-广水：…
        return first.group(2), _digital_paper(first.group(1))
    suffixed = _TITLE_OUTLET.match(title) or _TITLE_SITE.match(title) or _EDITION_SUFFIX.match(title)
    if suffixed and _outlet(suffixed.group(2)):
        return suffixed.group(1), _digital_paper(suffixed.group(2))
    return title, None



def _digital_paper(site: str) -> str:
    """A digital edition's paper (铜川日报数字报刊平台 → 铜川日报); any other site as it is."""
    paper = _DIGITAL_EDITION.match(site)
    return paper.group(1) if paper else site


def _title(lines: list[str]) -> str | None:
    """The first line when it is a headline: short, no full stop, more text below it.

    A masthead above it (``某某日报 2021.12.03 第02版:要闻``, ``长宁时报 · 社区治理``) is passed over.
    """
    if lines and (_EDITION.search(lines[0]) and _page_date(lines[0], top=True) or _section_outlet(lines[0])):
        lines = lines[1:]
    if len(lines) < 2:
        return None
    first = split_title(lines[0])[0]
    if (len(first) > 60 or re.search(r"[。;；]|[,，]$|>|»", first) or _DATELINE_OUTLET.match(first)
            or _SOURCE_LINE.search(first) or _LABELLED_DATE.search(first) or _DATE_LINE.match(first)):
        return None
    return first


def _iso(year: str, month: str | None, day: str | None) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as far as the month and day are possible."""
    if not month or not 1 <= int(month) <= 12:
        return year
    if day and 1 <= int(day) <= 31:
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return f"{year}-{int(month):02d}"


def _ymd(match: re.Match[str], first_group: int) -> str:
    return _iso(*match.group(first_group, first_group + 1, first_group + 2))


# a periodical's issue line: 《安平党建》2020年第12期(总第148期), 地方治理评论　2024年第1期（总第37期）　2024年1月
_ISSUE = re.compile(rf"^(?:《([^《》]{{2,16}})》\s*|([{HAN}]{{2,16}})\s+)(\d{{4}})年第\s*\d{{1,3}}\s*期"
                    rf"(?:.*?\s((?:19|20)\d\d)年(\d{{1,2}})月)?")


def reply_date(text: str) -> str | None:
    """The date a message board's page gives its reply (``答复时间 2023-08-21 16:05:40``), if any."""
    replied = _REPLY_DATE.search(text) if ("答复" in text or "回复" in text or "办结" in text) else None
    return _ymd(replied, 1) if replied else None


#: a date a material's header gives as that of its writing or revision (2023年11月修订)
_REVISED = re.compile(rf"{_YMD}月?\s*(?:修订|修改|编写|编印|编制|撰写|制定|定稿)(?:稿|版)?(?:\s|$)")


def top_labelled_date(text: str, lines: int = 8) -> str | None:
    """A date labelled as the page's (``发布时间：``, ``专题更新时间：``) in the first ``lines`` lines of ``text``."""
    for line in text.splitlines()[:lines]:
        labelled = ("时间" in line or "日期" in line) and _LABELLED_DATE.search(line)
        if labelled:
            return _ymd(labelled, 1)
    return None


def _date(lines: list[str], header: re.Match[str] | None = None) -> str | None:
    """A labelled date, a date beside the source above the lead, a date line, a public-account
    post's header (``header``), a page line at the top or bottom, the date the lead opens with, or
    a year told as current. Dates in Chinese numerals count as in digits."""
    lines = [_arabic_dates(line) for line in lines]
    for line in lines:
        replied = reply_date(line)
        if replied:
            return replied
    for line in lines:
        # (时　　间：a minutes' field, spaced out to the width of its neighbours)
        labelled = ("间" in line or "期" in line or "于" in line) and _LABELLED_DATE.search(line)
        if labelled:
            return _ymd(labelled, 1)
        short = ("时间" in line or "日期" in line) and _LABELLED_SHORT_YEAR.search(line)
        if short:
            return _iso("20" + short.group(1), short.group(2), short.group(3))
    for line in lines[:6]:  # a bulletin's issuer line: 中共东丰县委组织部　2024年4月10日
        issuer = _ISSUER.match(line)
        if issuer:
            return _ymd(issuer, 2)
    for line in lines[:6]:  # a teaching case's or a document's header: 编写：…党建教研部　2023年11月修订
        revised = not re.search(r"[。,，;；]", line) and _REVISED.search(line)
        if revised:
            return _ymd(revised, 1)
    above, lead = _header_and_lead(lines)
    for line in above:  # an app's account line under the title: 昌都报 / 2023-06-15 08:02 · 西藏 · 已认证机构号
        account = _ACCOUNT_LINE.match(line)
        if account:
            return _ymd(account, 1)
    for line in above:  # a page's info line (2023-09-18 10:26:37　来源：东北网); a speech's (2024年1月12日在…会上)
        dated = source_date(line)
        if dated:
            return dated
        delivered = _DELIVERED.match(line)
        if delivered:
            return _ymd(delivered, 1)
    if lines and len(lines[0]) > _RUN_ON:  # a page copied with its line breaks lost: its info line in its start
        dated = source_date(lines[0][:_RUN_ON])
        if dated:
            return dated
    edges = lines[:3] + lines[-3:]
    for line in edges:
        dated = _DATE_LINE.match(line)
        if dated and len(line) <= 60 and not re.search(r"[。,，;；]", line):
            return _ymd(dated, 1)
    if header:
        return _ymd(header, 3)
    signed = _signature_date(lines) or _printed_date(lines)
    if signed:
        return signed
    for line in lines[:3]:
        issue = _ISSUE.match(line)
        if issue:
            # the issue's year, or the month it gives; its number is no month (a periodical need not be monthly)
            return _iso(issue.group(4), issue.group(5), None) if issue.group(4) else issue.group(3)
        paged = _page_date(line, top=True)
        if paged:
            return paged
    for line in lines[-3:]:
        paged = _page_date(line, top=False) or _closing_byline_date(line)
        if paged:
            return paged
    for line in above:  # an app's page line: 湖北日报　4月19日 07:30　阅读 3.2万, the year told below
        stamp = _DAY_AT_TIME.search(line)
        if stamp and len(line) <= 60 and not re.search(r"[。,，;；]", line):
            year = _year_of_day(int(stamp.group(1)), int(stamp.group(2)), above, lines, lead)
            if year:
                return _iso(year, stamp.group(1), stamp.group(2))
    opened = lead and _lead_date(lead, above, lines)
    if opened:
        return opened
    # the year the first lines tell as current, or the lead below the byline lines (2024年是…46周年)
    for line in (*lines[:2], *([lead] if lead and lead not in lines[:2] else [])):
        current = _told_years(line)
        if current:
            return current[0]
    since = lead and _SINCE.match(_lead_rest(lead))
    return since.group(1) if since else None


_RUN_ON = 300  # characters of a first line that holds a whole page (首页 > … 标题 2024-08-21 09:15 来源：…)


def _signature_date(lines: list[str]) -> str | None:
    """The date under an official document's signature (``中共兴城市委组织部`` / ``2023年12月5日``),
    among its last lines, above what follows it (``（此件主动公开）``, the 抄送 and 印发 lines, a page
    number). The 印发 line's own date is when the copies were printed, not the document's."""
    tail = lines[-12:]
    for number in range(len(tail) - 1, 0, -1):
        line = tail[number]
        dated = _DATE_LINE.match(line)
        if dated and dated.end() == len(line.rstrip()) and _SIGNATURE.search(tail[number - 1]):
            return _ymd(dated, 1)
    return None


_PRINTED = re.compile(rf"^(?:中共)?[{HAN}（）()]{{2,30}}\s+{_YMD}\s*印发$")


def _printed_date(lines: list[str]) -> str | None:
    """The date of an official document's 印发 line (``桓仁满族自治县委办公室　2024年3月18日印发``) among its
    last lines, where it has no signature to date it: a meeting's minutes (纪要) are issued, not signed."""
    for line in reversed(lines[-8:]):
        printed = _PRINTED.match(line)
        if printed:
            return _ymd(printed, 1)
    return None


def _told_years(line: str) -> list[str]:
    """The years a line tells as current: ``2018年是…实施年``, ``今年是2023年``, an anniversary of now
    (``建党95周年之际``, ``建党百年即将到来之际``, ``新中国成立七十周年``)."""
    years = [y for told in _CURRENT_YEAR.finditer(line) for y in told.groups() if y]
    for told in _ANNIVERSARY.finditer(line):
        count = told.group(2) or told.group(3)
        number = int(count) if count.isdigit() else _cn_number(count)
        if number:
            years.append(str(_ANNIVERSARY_YEARS[told.group(1)] + number))
    return years


def _cn_number(numeral: str) -> int | None:
    """一百 → 100, 九十五 → 95, 七十 → 70, 百 → 100, 十五 → 15; None for what is no such number."""
    total, current = 0, 0
    for char in numeral:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        elif char in "十百":
            total += (current or 1) * (10 if char == "十" else 100)
            current = 0
        else:
            return None
    return total + current or None


# a date as OCR misreads it: l or I for 1, O or o for 0, 曰 for 日 (2O24年6月l8曰)
_OCR_DATE = re.compile(r"(?<![A-Za-z0-9])[12][0-9OolI]{3}\s*年\s*[0-9OolI]{1,2}\s*月\s*[0-9OolI]{1,2}\s*[日曰]")
_OCR_DIGITS = str.maketrans("OolI曰", "0011日")


def _arabic_dates(line: str) -> str:
    """A line with its dates in Chinese numerals written in digits (二〇二二年六月二十九日 → 2022年6月29日),
    and OCR's slips in a date mended (2024年6月l8曰 → 2024年6月18日); the line itself when it has none."""
    if "年" in line and re.search("[OolI曰]", line):
        line = _OCR_DATE.sub(lambda m: m.group().translate(_OCR_DIGITS), line)
    if "元月" in line:  # 2022年元月: January
        line = re.sub(r"((?:19|20)\d\d|[〇零○Ｏ一二三四五六七八九]{4})年元月", r"\1年1月", line)
    if "年" not in line or not _CN_DATE.search(line):
        return line

    def digits(m: re.Match[str]) -> str:
        year = "".join(str(_CN_DIGITS[c]) for c in m.group(1))
        month, day = (_cn_number(g) if g else None for g in m.group(2, 3))
        return year + "年" + (f"{month}月" if month else "") + (f"{day}日" if day else "")

    return _CN_DATE.sub(digits, line)


def _page_date(line: str, *, top: bool) -> str | None:
    """The full date of a page line, never of a sentence: a source line (``来源:三峡日报 2021-05-12``,
    ``(原载《某某日报》2021年6月28日第3版)``), a masthead (``某某日报 2021.12.03 第02版``), or at the
    top a short line with little else beside the date."""
    full = re.search(_YMD, line)
    if not full or len(line) > 60 or re.search(r"[。;；]", line):
        return None
    if top and _masthead_outlet(line, full):  # 某某日报 2020年6月: as precise as it is given
        return _ymd(full, 1)
    if not full.group(3):
        return None
    if (_SOURCE_LINE.search(line) or _EDITION.search(line) or top and _DATELINE_OUTLET.match(line)
            or top and len(line.replace(full.group(0), "").strip()) <= 20):
        return _ymd(full, 1)
    return None


def _closing_byline_date(line: str) -> str | None:
    """The date a closing byline gives, as precise as it is: (本报记者 李文娟 2022年1月采写于姚安)."""
    closing = re.search(r"[(（]([^()（）]{2,60})[)）]$", line)
    if not closing or not any(role in closing.group(1) for role in _ROLES + ("记者",)):
        return None
    date = re.search(_YMD, closing.group(1))
    return _ymd(date, 1) if date else None


def _masthead_outlet(line: str, date: re.Match[str]) -> str | None:
    """The outlet of a line that holds only an outlet and a date (``某某日报 2020年6月``)."""
    rest = (line[:date.start()] + " " + line[date.end():].removeprefix("月")).strip()
    return rest if re.fullmatch(_OUTLET, rest) and _outlet(rest) else None


# a day and a clock time with no year, as a news app's page line gives its publication (4月19日 07:30)
_DAY_AT_TIME = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日\s*\d{1,2}[:：]\d{2}(?![\d日])")


def _header_and_lead(lines: list[str]) -> tuple[list[str], str | None]:
    """The lines above the lead (headlines, page lines) and the lead: the first line that is a
    sentence or opens with a dateline, among the first six."""
    for number, line in enumerate(lines[:6]):
        if len(line) > 60 or re.search(r"[。!！?？]", line) or _DATELINE_OUTLET.match(line):
            return lines[:number], line
    return lines[:6], None


def _lead_date(lead: str, header: list[str], lines: list[str]) -> str | None:
    """The date the lead opens with, after its dateline and byline: a full date; a day (``某某在线
    5月6日讯``, ``5月20日晚,``) in the year the headlines or a full date of that day give; else a
    year or month told as the lead's time (``2019年5月,``), never a span (``2017年以来``)."""
    opening = _LEAD_OPENING.match(lead)
    rest = lead[opening.end():]
    full = re.match(_YMD, rest)
    if full and full.group(3):
        return _ymd(full, 1)
    told = _OPENING_DATE.match(rest)
    year, month, day = told.groups() if told else (None, None, None)
    if opening.group(1):  # the dateline's day is the report's
        month, day = opening.group(1, 2)
    if month and day and not year:
        year = _year_of_day(int(month), int(day), header, lines, lead)
    return _iso(year, month, day) if year else None


def _lead_rest(lead: str) -> str:
    """The lead after its dateline and byline."""
    return lead[_LEAD_OPENING.match(lead).end():]


def _year_of_day(month: int, day: int, header: list[str], lines: list[str], lead: str | None = None) -> str | None:
    """The one year the headlines and page lines above the lead give, or full dates of that day."""
    years = {found.group(1) for line in header for found in _HEADER_YEAR.finditer(line)}
    years |= {found.group(1) for line in lines for found in re.finditer(_YMD, line)
              if found.group(3) and (int(found.group(2)), int(found.group(3))) == (month, day)}
    if not years:  # else the year the text tells as current (2023年是…开局之年, 今年是2023年, 建党95周年之际)
        years = {y for line in lines for y in _told_years(line)}
    if not years:  # or gives as this year's (今年1月召开的2023年全县组织工作会议)
        years = {m.group(1) for line in lines for m in _THIS_YEAR_AS.finditer(line)}
    if not years and lead:  # or gives the meeting held that day (3月21日，2024年淮阴区基层党建推进会在…召开)
        years = {m.group(1) for m in _MEETING_OF_YEAR.finditer(lead)}
    return years.pop() if len(years) == 1 else None


def _has_copyright(line: str) -> bool:
    """Whether a line may hold a copyright notice: the cheap test before ``_COPYRIGHT_OUTLET``."""
    return "版权" in line or "©" in line or "copyright" in line.lower()


def _outlet(name: str | None) -> str | None:
    return name if name and name not in _GENERIC_OUTLETS and not name.startswith("本") else None


# the next of a page's fields where inline fields run on without a space (来源：长春日报作者：记者 …);
# never 发布 alone, which ends accounts' names (上海发布)
_NEXT_FIELD = re.compile(r"(?:作者|责任编辑|编辑|责编|记者|通讯员|摄影|发布(?:时间|日期)|时间|日期|浏览|阅读|点击|字号)")


def source_outlet(text: str) -> str | None:
    """The outlet a source line names: ``来源:襄阳日报``, ``来源:《某某日报》``, ``原载《某某日报》``.

    >>> source_outlet("正文。\\n(原载《某某日报》2021年6月28日第3版)"), source_outlet("凡注明“来源:XXX”的作品")
    ('某某日报', None)
    """
    if not any(word in text for word in SOURCE_WORDS):
        return None
    for source in _SOURCE_LINE.finditer(text):
        name = source.group(1) or _NEXT_FIELD.split(source.group(2), 1)[0]
        if len(name) > 1 and _outlet(name) and not name.startswith(("XX", "xx")) \
                and not _exported(name, text[source.end():]):
            return name
    return None


def _exported(name: str, after: str) -> bool:
    """Whether a source names the program a text was exported from, no outlet: ``来源：有道云笔记（PC版导出）``,
    a notes or documents app (印象笔记, 腾讯文档)."""
    return name.endswith(("笔记", "文档", "备忘录")) or "导出" in after[:12]


# a page's line of fields: 2024年03月15日 10:06 来源:长城网, 来源:三峡日报 2021-05-12
_WEEKDAY = r"(?:\s*[(（]?(?:星期|周)[一二三四五六日天][)）]?)"  # 2023年10月12日（星期四）09:31
_DATED_SOURCE = re.compile(rf"{_YMD}{_WEEKDAY}?(?:\s*\d{{1,2}}:\d\d(?::\d\d)?)?\s*{_SOURCE_LABEL}"
                           rf"|{_SOURCE_LABEL}\s*\S{{2,20}}\s+{_YMD}")


def source_date(text: str) -> str | None:
    """The full date beside a page's source field, when a web page's date is not in its markup.

    >>> source_date("首页 党建 平山:学桐乡 2024年03月15日 10:06 来源:长城网 作者:赵志强 正文")
    '2024-03-15'
    """
    for found in _DATED_SOURCE.finditer(text):
        first = 1 if found.group(1) else 4
        if found.group(first + 2):
            return _ymd(found, first)
    return None


def _page_outlet(line: str) -> str | None:
    """An outlet standing as a field of a page line that gives the date: ``某某日报 2021.12.03
    第02版``, ``发布于 2020年10月26日 10:05 | 某某在线 | 阅读 2871``."""
    full = re.search(_YMD, line)
    if full and not full.group(3) and len(line) <= 40:
        return _masthead_outlet(line, full)
    if not (full and full.group(3)) or len(line) > 80 or re.search(r"[。,，;；]", line):
        return None
    for field in re.split(r"[\s|｜]+", line):
        if len(field) >= 3 and re.fullmatch(_OUTLET, field) and _outlet(field):
            return field
    return None


_SECTION_LINE = re.compile(rf"^({_OUTLET})\s*[·•|｜]\s*[{HAN}A-Za-z0-9·]{{2,12}}$")


def _section_outlet(line: str) -> str | None:
    """The outlet of a masthead that names a section: ``长宁时报 · 社区治理``."""
    section = _SECTION_LINE.match(line)
    return _outlet(section.group(1)) if section else None


# the body signing an official document, on the line above its date
_SIGNATURE = re.compile(rf"^(?:中共)?[{HAN}]{{2,24}}(?:委员会|党委|党工委|党组|委|组织部|宣传部|办公室|人民政府|政府)$")
# an app's account line under a post's title, after the account's name: 2023-06-15 08:02 · 西藏 · 已认证机构号
_ACCOUNT_LINE = re.compile(rf"^{_YMD}\s+\d{{1,2}}:\d\d(?::\d\d)?\s*[·•]")


# the line under a bulletin's masthead that names the body issuing it and its date
_ISSUER = re.compile(rf"^((?:中共)?[{HAN}]{{2,20}}?(?:委组织部|委宣传部|委办公室|委办|人民政府办公室|人民政府|政府))"
                     rf"\s+{_YMD}$")


# the body that compiled a yearbook, a chronicle or a collection, on a line of its own under the title
_COMPILER = re.compile(rf"^((?:中共)?[{HAN}]{{4,30}}?(?:办公室|委员会|中心|局|部|馆|院|所|会|社))\s*(?:编|编印|编纂|编制|主编)$")


_ISSUE_NUMBER = re.compile(r"^第\s*[0-9一二三四五六七八九十百]{1,4}\s*期")
_MASTHEAD = re.compile(rf"[{HAN}]{{2,12}}")
# what a masthead says of its kind only: 组工动态, 工作简报, 党建信息 (the issuer line names whose it is)
_MASTHEAD_WORDS = re.compile(r"组工|党建|工作|动态|信息|简报|快报|专报|通讯|情况|交流|要情|参阅|内参|组织")
_BRACKETED = re.compile(rf"[(（][{HAN}]{{2,6}}[)）]")


def _masthead(lines: list[str]) -> str | None:
    """A bulletin's masthead: its first line, over its number (``第21期``), perhaps with its kind
    between them in brackets (``（简报）``)."""
    lines = ["".join(line.split()) for line in lines[:3]]  # a masthead spaced out: 济  阳  组  工 / 第 2 6 期
    below = lines[1:3] if len(lines) > 2 and _BRACKETED.fullmatch(lines[1]) else lines[1:2]
    if below and _ISSUE_NUMBER.match(below[-1]) and _MASTHEAD.fullmatch(masthead := lines[0]):
        return masthead
    return None


_BREADCRUMB = re.compile(r"^(?:当前位置\s*[:：]\s*)?(?:网站)?(?:首页|主页)\s*[>＞»›]")
_SITE_NAME = re.compile(rf"[{HAN}A-Za-z0-9·]{{1,18}}?(?:{'|'.join(_OUTLET_HEADS)}|平台|门户|网站)")


def _publisher(lines: list[str]) -> str | None:
    """The outlet: a source line, a periodical's issue line, a bulletin's issuer or masthead, a
    dateline (``秦楚网讯``), a page line, a title suffix, a copyright notice."""
    for line in lines:
        source = source_outlet(line)
        if source:
            return source
    for line in lines[:3]:
        issue = _ISSUE.match(line)
        if issue:
            return issue.group(1) or issue.group(2)  # 《安平党建》2020年第12期: the periodical
    for above, line in pairwise(lines[:6]):
        if _ACCOUNT_LINE.match(line) and re.fullmatch(_OUTLET, above) and _outlet(above):
            return above  # an app's account over its line: 昌都报 / 2023-06-15 08:02 · 西藏 · 已认证机构号
    for above, line in pairwise(lines[:4]):
        if _BREADCRUMB.match(line) and _SITE_NAME.fullmatch(above):
            return above  # a site's name over its breadcrumb: 河源网络问政平台 / 首页 > 河源市 > 留言详情
    masthead = _masthead(lines)
    if masthead and _MASTHEAD_WORDS.sub("", masthead):
        return masthead  # a bulletin's own masthead, more than its kind: 东丰组工 / （简报） / 第9期
    for line in lines[:6]:
        issuer = _ISSUER.match(_arabic_dates(line))
        if issuer:
            return issuer.group(1)  # a bulletin's issuer line: 中共卢氏县委组织部  二〇二二年九月三日
        compiled = _COMPILER.match(line)
        if compiled:
            return compiled.group(1)  # a yearbook's or a collection's compiler: 隆化县地方志办公室　编
    if masthead:
        return masthead  # a bulletin's masthead over its number, where no issuer line says whose: 组工信息 / 第21期
    for line in lines[:6]:  # under a title, a subtitle and a date line
        dateline = _DATELINE_OUTLET.match(line)
        if dateline and _outlet(dateline.group(1)):
            return dateline.group(1)
    for line in lines[:3]:
        paged = _page_outlet(line) or _section_outlet(line)
        if paged:
            return paged
    if lines and split_title(lines[0])[1]:
        return split_title(lines[0])[1]
    for line in lines:
        notice = _copyright_outlet(line)
        if notice:
            return notice
    return None


def _copyright_outlet(line: str) -> str | None:
    """The outlet a copyright notice names (``均为遵义日报社版权所有``: 遵义日报社)."""
    notice = _has_copyright(line) and _COPYRIGHT_OUTLET.search(line)
    if not notice:
        return None
    return _outlet(re.sub(r"^(?:均为|均系|均属|系|为|归|属于|属)", "", notice.group(1) or notice.group(2)))


def _authors(lines: list[str]) -> tuple[Person, ...]:
    """People of the byline: in the dateline, in its brackets, on a byline line, at the end."""
    people: list[Person] = []
    for line in lines[:3]:
        head = re.split(r"[:：,，。]", line, maxsplit=1)[0] if not line.startswith(_ROLES) else line
        if _is_byline(head):
            people += _byline(head)
        for bracket in _BRACKETS.finditer(line[:80]):
            people += _byline(bracket.group(1))
        for field in _ROLE_FIELD.finditer(line[:200]):  # 发布日期:… 作者:叶美英 龚晓云 字体:…, 【作者:储著胜】
            people += _byline(re.split(r"[】\]]", line[field.start():], maxsplit=1)[0])
    for line in lines[-3:]:
        if line.startswith(_ROLES) and _is_byline(line):
            people += _byline(line)
    for line in lines[-3:]:
        closing = re.search(r"[(（]([^()（）]{2,60})[)）]$", line)
        if closing:
            people += _closing_byline(closing.group(1))
    return tuple(dict.fromkeys(people))


def _is_byline(line: str) -> bool:
    """A line that opens with a role is a byline (记者 彭晓 通讯员 王梅), not a sentence of the
    report that opens with one (记者了解到，两年来，先后有…)."""
    if not line.startswith(_ROLES):
        return True
    body = line.rstrip("。")
    return len(line) <= 40 and not re.search(r"[。！？!?]", body) and not (body != line and re.search(r"[,，]", body))


def people(author: str) -> tuple[Person, ...]:
    """The people of a page's author field: ``记者 韩雯 通讯员 刘洋`` by role, ``张三;李四`` as authors."""
    author = re.sub(r"[()（）【】\[\]]", " ", author).strip()
    if any(role in author for role in _ROLES):
        return tuple(dict.fromkeys(_byline(author)))
    return tuple(Person(name, "作者") for name in re.split(r"[;；,，、\s]+", author) if _is_name(name))


def _byline(text: str) -> list[Person]:
    """``记者 彭晓 通讯员 王梅``: each name takes the role before it; stops at anything else."""
    people = []
    role = None
    for token in re.split(r"[\s、,，:：/]+", text):
        if token in _FIELD_LABELS:
            break
        joined = _ROLE_THEN_NAME.match(token)
        if token in _ROLES:
            role = token
        elif joined:
            role = joined.group(1)
            people.append(Person(joined.group(2), _role(role)))
        elif role and _is_name(token):
            people.append(Person(token, _role(role)))
        elif people:
            break
    return people


def _is_name(token: str) -> bool:
    return (bool(_NAME.fullmatch(token)) and len(token) <= 4 and token not in _NOT_NAMES
            and not token.endswith(_OUTLET_HEADS))


def _closing_byline(text: str) -> list[Person]:
    """A closing bracket: ``(任子林 吴康健)`` → authors; ``(中共丹凤县委常委、组织部长王建刚)`` → a titled author."""
    if any(role in text for role in _ROLES):
        return _byline(text)
    tokens = [t for t in re.split(r"[\s、,，]+", text) if t]
    if len(tokens) > 1 and all(_is_name(t) for t in tokens):
        return [Person(t, "作者") for t in tokens]
    titled = _TITLED_NAME.match(text.replace(" ", ""))
    return [Person(titled.group(2), titled.group(1))] if titled else []


def _role(role: str) -> str:
    return role.removeprefix("本报").removeprefix("本台").removeprefix("本网")
