"""Organisation names: where they start, where they end, what is generic."""
from __future__ import annotations

import re

import pytest

from kg.extract.organizations import (enterprise_organizations, enumerated_organizations, find_organizations,
                                      institution_organizations, is_generic)


def _orgs(text, regions=()):
    """What ``kg_organizations`` finds: (surface, region or level, rest of the name)."""
    spans = sorted((m.start(), m.end()) for name in regions for m in re.finditer(name, text))
    found = find_organizations(text, spans)
    for more in (enterprise_organizations(text, spans), institution_organizations(text)):
        taken = [(c.start, c.end) for c in found]
        found += [c for c in more if not any(s < c.end and c.start < e for s, e in taken)]
    found = [c for c in found if not is_generic(text, c)] + enumerated_organizations(text, spans)
    return {(text[c.start:c.end], c.level or (text[slice(*spans[c.region])] if c.region is not None else ""), c.rest)
            for c in found}


@pytest.mark.parametrize("text, regions, expected", [
    # a named region, the organisation named after the most specific one
    ("郧西县观音镇党委坚持以政治建设为统领", ("郧西县", "观音镇"), {("郧西县观音镇党委", "观音镇", "党委")}),
    # a body after a body
    ("召开枣阳市委党建工作领导小组会议", ("枣阳市",), {("枣阳市委党建工作领导小组", "枣阳市", "委党建工作领导小组")}),
    ("襄阳市委组织部关于整顿", ("襄阳市",), {("襄阳市委组织部", "襄阳市", "委组织部")}),
    # implied levels at a phrase boundary
    ("认真学习省委组织部、襄阳市委组织部", ("襄阳市",),
     {("省委组织部", "省", "委组织部"), ("襄阳市委组织部", "襄阳市", "委组织部")}),
    ("县公安局党委的“五星标兵”评选", (), {("县公安局党委", "县", "公安局党委")}),
    ("同时,镇党委派驻指导员", (), {("镇党委", "镇", "党委")}),
    # an institution's organisation
    ("思源学校党支部开展的融合教育", (), {("思源学校党支部", "", "思源学校党支部")}),
    # not organisations: a level inside a word, plural groups, 党组织
    ("坚决贯彻中央和省市委决策部署", (), set()),
    ("对全镇29个党支部按照比例", (), set()),
    ("各党支部科学划分党小组", (), set()),
    ("引导全县农村党支部争创五星", (), set()),
    ("全县机关党组织开展活动", (), set()),
    ("加强县基层党组织建设", (), set()),
    # one organisation per enumerated place, sharing the body
    ("对万寿寺、中沟2个后进村党支部开展重点整顿", ("万寿寺", "中沟"),
     {("万寿寺", "万寿寺", "党支部"), ("中沟", "中沟", "党支部")}),
    ("该镇依托经管站", (), set()),  # a verb between level and body: not "镇依托经管站"
    # national department heads after a region
    ("县自然资源局、县市场监管局等部门到场", (),
     {("县自然资源局", "县", "自然资源局"), ("县市场监管局", "县", "市场监管局")}),
    ("由乡农机站牵头", (), {("乡农机站", "乡", "农机站")}),
    ("区税务局、区妇联等12家单位", (), {("区税务局", "区", "税务局"), ("区妇联", "区", "妇联")}),
    # an autonomous region's bodies say 自治区 for it; a body's work team in a named village is a body
    ("自治区卫健委驻田坪村工作队协调建成标准化卫生室", ("田坪村",),
     {("自治区卫健委驻田坪村工作队", "自治区", "卫健委驻田坪村工作队")}),
    ("安庆市财政局驻水畈村帮扶工作队协调资金", ("安庆市", "水畈村"),
     {("安庆市财政局驻水畈村帮扶工作队", "安庆市", "财政局驻水畈村帮扶工作队")}),
    ("市财政局驻村工作队协调资金", (), {("市财政局", "市", "财政局")}),  # 驻村: no village named
    ("广西壮族自治区党委组织部", ("广西壮族自治区",),
     {("广西壮族自治区党委组织部", "广西壮族自治区", "党委组织部")}),
    # a verb or a distributive between a body and the next is no short name
    ("青川县推进党支部标准化建设", ("青川县",), set()),
    ("镇党委带领各村党支部书记外出学习", (), {("镇党委", "镇", "党委")}),
    ("石门镇各村党支部", ("石门镇",), set()),
    # a quoted piece inside the name; the county's level said again
    ("宁乡市委“两新”工委召开会议", ("宁乡市",), {("宁乡市委“两新”工委", "宁乡市", "委“两新”工委")}),
    ("凤县县委组织部印发通知", ("凤县",), {("凤县县委组织部", "凤县", "县委组织部")}),
    # 村 and 街道 imply a place only where a phrase starts (not 贫困村党支部)
    ("文化广场上,村党委书记正和村民议事", (), {("村党委", "村", "党委")}),
    ("街道党群服务中心整合服务功能", (), {("街道党群服务中心", "街道", "党群服务中心")}),
    ("把贫困村党支部列入整顿", (), set()),
    ("万堤镇潭口村依托草编手艺,由村党支部牵头成立合作社", ("万堤镇", "潭口村"), {("村党支部", "村", "党支部")}),
    # an enterprise named in full: from its place or legal form to its head
    ("临夏县华安牧业有限公司党支部与村党支部结对", ("临夏县",),
     {("临夏县华安牧业有限公司党支部", "", "临夏县华安牧业有限公司党支部")}),
    # 公司党委 after the company is named in full is that company's
    ("在云南澜沧古茶股份有限公司,党员佩戴党徽上岗。公司党委书记介绍", (),
     {("公司党委", "", "云南澜沧古茶股份有限公司党委")}),
    ("推动吉林长顺物业管理有限公司成立党支部,社区党委书记与物业公司党支部书记交叉任职", (),
     {("吉林长顺物业管理有限公司成立党支部", "", "吉林长顺物业管理有限公司党支部"),  # set up in it: the company's
      ("物业公司党支部", "", "吉林长顺物业管理有限公司党支部"), ("社区党委", "社区", "党委")}),
    # a company name starts at a word, never inside one (not 业公司党支部); bare 公司党委 names none
    # (社区党委 is a community's body, implied: the linker finds its community or drops it)
    ("社区党委书记与物业公司党支部书记交叉任职", (),
     {("物业公司党支部", "", "物业公司党支部"), ("社区党委", "社区", "党委")}),
    ("公司党委书记介绍", (), set()),
    # a trade's verb inside a company's name (农业开发, 机械制造) is part of it
    ("武乡县太行沃土农业开发有限公司党支部推行积分制", ("武乡县",),
     {("武乡县太行沃土农业开发有限公司党支部", "", "武乡县太行沃土农业开发有限公司党支部")}),
    ("引导山西华晋机械制造有限公司党支部结对", ("山西",),
     {("山西华晋机械制造有限公司党支部", "", "山西华晋机械制造有限公司党支部")}),
    # a government's general office is a body of its own, not the government
    ("主办：平罗县人民政府办公室", ("平罗县",), {("平罗县人民政府办公室", "平罗县", "人民政府办公室")}),
    ("由玉屏县政府办公室牵头", ("玉屏县",), {("玉屏县政府办公室", "玉屏县", "政府办公室")}),
    # a village's committee and a community's residents' committee
    ("收益由幸福村村委会统一核算", ("幸福村",), {("幸福村村委会", "幸福村", "村委会")}),
    ("朝阳社区居民委员会组织居民", ("朝阳社区",), {("朝阳社区居民委员会", "朝阳社区", "居民委员会")}),
    # a kind of body said before a company's name, which starts at its place
    ("社区党委联合辖区物业企业天津辰安物业服务有限公司党支部开展活动", ("天津",),
     {("天津辰安物业服务有限公司党支部", "", "天津辰安物业服务有限公司党支部"), ("社区党委", "社区", "党委")}),
    # an institution's party body and its work team in a named village; a team with a quoted name
    ("与辽宁省固沙造林研究所党委结成对子", ("辽宁省",), {("辽宁省固沙造林研究所党委", "辽宁省", "固沙造林研究所党委")}),
    # two bodies a conjunction joins: the second, an institution a place names, is one of its own
    ("凤阳县还与安徽科技学院党委开展校地合作", ("凤阳县", "安徽"),
     {("安徽科技学院党委", "安徽", "科技学院党委")}),
    ("日喀则市人民医院驻卡热村工作队深入开展", ("日喀则市", "卡热村"),
     {("日喀则市人民医院驻卡热村工作队", "日喀则市", "人民医院驻卡热村工作队")}),
    ("阿克苏地区财政局驻核桃新村“访惠聚”工作队队长王建军", ("阿克苏地区", "核桃新村"),
     {("阿克苏地区财政局驻核桃新村“访惠聚”工作队", "阿克苏地区", "财政局驻核桃新村“访惠聚”工作队")}),
    # 组织部分村干部 is 组织 + 部分: no department
    ("平谷区纪委监委还组织部分村级纪检监督员", ("平谷区",), {("平谷区纪委监委", "平谷区", "纪委监委")}),
    ("县林业和草原局机关党委推出", (), {("县林业和草原局机关党委", "县", "林业和草原局机关党委")}),
])
def test_organisation_candidates(text, regions, expected):
    assert _orgs(text, regions) == expected


def _linked(text):
    from kg.extract.pipeline import make_nlp
    from kg.link.linker import link
    from kg.normalise import normalise
    from kg.records import Metadata, Report

    document = normalise(Report("t", "t.txt", text, Metadata()))
    return {e.name for e in link(document, make_nlp()(document.text)).of_kind("organization")}


@pytest.mark.parametrize("text, present, absent", [
    # 镇党委 is the town the sentence names before it, not the report's most named town
    ("丹凤县棣花镇党委抓党建。棣花镇党委书记带队。在武关镇,镇党委推行积分制。",
     {"棣花镇党委", "武关镇党委"}, set()),
    # 村 and 街道 at a phrase's start: the village the sentence names, the report's 街道
    ("丹凤县棣花镇巩家河村文化广场上,村党支部书记正和村民议事。", {"巩家河村党支部"}, set()),
    ("丹凤县龙驹寨街道党工委深化治理。街道党群服务中心整合服务功能。", {"龙驹寨街道党群服务中心"}, set()),
    # a status word (认真落实) ends a body's name read leftwards: no chain across it
    ("近年来,博罗县人民医院党委认真落实党委领导下的院长负责制。", {"博罗县人民医院党委"}, {"博罗县人民医院党委认真落实党委"}),
    # the civilisation practice network's centre, post and station are bodies of their place
    ("浏阳市新时代文明实践中心指导各镇。丹凤县棣花镇巩家河村新时代文明实践站开讲。",
     {"浏阳市新时代文明实践中心", "巩家河村新时代文明实践站"}, set()),
    # no village named in the sentence: 村党支部 names none
    ("丹凤县棣花镇党委抓党建。逐村张贴,村党支部书记带头。", {"棣花镇党委"}, {"棣花镇村党支部", "丹凤县村党支部"}),
    # a banner's bodies by 旗 alone, at a phrase's start; 红旗 and 党旗 are no banner
    (("奈曼旗推进治沙。旗直机关工委组织党员下沉。旗委组织部选派第一书记。在非公企业,旗委“两新”工委指导"
      "奈曼旗蒙源沙产业有限公司党支部开展活动。争创红旗党支部,重温党旗誓词。"),
     {"奈曼旗直机关工委", "奈曼旗委组织部", "奈曼旗委两新工委", "奈曼旗蒙源沙产业有限公司党支部"},
     {"奈曼旗党支部", "工委指导奈曼旗蒙源沙产业有限公司党支部"}),
    # a party branch set up in a company named in full is the company's; a trade's committee by its trade
    ("新宾县抓党建。县委“两新”工委在辽宁满韵绣坊工艺品有限公司成立党支部,组织绣娘学习。",
     {"辽宁满韵绣坊工艺品有限公司党支部"}, set()),
    ("泗水县抓党建。县快递行业党委组织快递小哥担任网格员。东阳市依托影视产业集聚区成立影视产业党委。",
     {"泗水县快递行业党委", "东阳市影视产业党委"}, {"东阳市成立影视产业党委"}),
    # a verb jieba tags as a noun (指导) ends a company's name read leftwards
    ("大方县抓党建。县委“两新”工委指导贵州大方漆器有限公司党支部开设学堂。",
     {"大方县委两新工委", "贵州大方漆器有限公司党支部"}, set()),
])
def test_implied_places_come_from_the_sentence(text, present, absent):
    names = _linked(text)
    assert present <= names and not absent & names
    assert all(not n.endswith("村党支部") or n in present for n in names)


@pytest.mark.parametrize("text, present, absent", [
    # an autonomous prefecture's or county's body goes by the form the text wrote, else its short form
    ("湘西州委组织部会同州民政局推行积分制。", {"湘西州委组织部", "湘西州民政局"},
     {"湘西土家族苗族自治州委组织部会同州民政局"}),
    # 州 alone is an autonomous prefecture's level; not in a place's name, not 全州 (the whole prefecture)
    ("恩施州宣恩县推行积分制。州委组织部指导,全州党组织参与。", {"恩施州委组织部"}, {"恩施州党组织"}),
    ("杭州市余杭区推行积分制。赴贵州学习,州委组织部指导。", set(), {"杭州市委组织部", "州委组织部"}),
    ("西吉县推行积分制。自治区卫健委驻田坪村工作队协调建成卫生室。", {"宁夏回族自治区卫健委驻田坪村工作队"},
     {"自治区卫健委驻田坪村工作队", "西吉县卫健委驻田坪村工作队"}),
    ("长阳土家族自治县委组织部召开会议。", {"长阳土家族自治县委组织部"}, {"长阳县委组织部"}),
    ("宁夏回族自治区卫健委召开会议。", {"宁夏回族自治区卫健委"}, set()),
    # the text names no form for the body: the one it gives the county's own committee
    ("近年来,宽甸满族自治县委坚持党建引领。县委组织部推行“一户一哨”。", {"宽甸满族自治县委组织部"},
     {"宽甸县委组织部"}),
    ("宽甸满族自治县推行“一户一哨”。县委组织部负责人介绍。", {"宽甸县委组织部"}, set()),
    # the form the text gives the county's organs (县直机关工委) names its bureaus' bodies too
    ("芷江侗族自治县直机关工委推行“模范机关”创建。县财政局机关党支部开展学习。",
     {"芷江侗族自治县直机关工委", "芷江侗族自治县财政局机关党支部"}, {"芷江县财政局机关党支部"}),
])
def test_autonomous_regions_bodies_go_by_the_name_they_are_given(text, present, absent):
    names = _linked(text)
    assert present <= names and not absent & names


def test_the_outlet_and_the_site_hosting_its_report_are_organisations():
    names = _linked("门头沟区推行一线工作法_区县新闻_千龙网·中国首都网\n来源:北京日报\n门头沟区委推行“一线工作法”。\n正文。")
    assert {"北京日报", "千龙网"} <= names


def test_a_provinces_department_and_its_bodies_named_by_厅_alone():
    names = _linked("海南省农业农村厅党组推行“三带三促”。厅机关党委组织党员学习,厅驻向民村乡村振兴工作队帮扶。"
                    "白沙黎族自治县向民村建成基地。")
    assert {"海南省农业农村厅机关党委", "海南省农业农村厅驻向民村乡村振兴工作队"} <= names
    assert not any(n.startswith("厅") for n in names)
    assert not {n for n in _linked("在便民服务大厅,群众办事方便。镇党委推行代办。") if "厅" in n}


@pytest.mark.parametrize("text, present, absent", [
    # a county of one character says its level again in its committee's name, as it writes it
    ("眉县推行“三进三帮”。县委组织部聚焦猕猴桃产业,县委印发方案。", {"眉县县委组织部", "眉县县委"},
     {"眉县委组织部", "眉县委"}),
    ("宣恩县推行积分制。县委组织部指导。", {"宣恩县委组织部"}, {"宣恩县县委组织部"}),
    ("德州市禹城市莒镇推行积分制。镇党委书记带队。", {"莒镇党委"}, {"莒镇镇党委"}),  # a town's 党委 is no contraction
])
def test_a_one_character_countys_committee_says_its_level_again(text, present, absent):
    names = _linked(text)
    assert present <= names and not absent & names


@pytest.mark.parametrize("text, present, absent", [
    # a trade's or industry's committee set up without its place: the place the sentence names, else the report's
    ("金华市推行“红色物业”。东阳市依托影视产业集聚区成立影视产业党委,推行“剧组党支部”。",
     {"东阳市影视产业党委"}, {"金华市影视产业党委", "影视产业党委"}),
    ("沭阳县推行“支部+电商”模式,县里成立电商行业党委,组建党员服务队。", {"沭阳县电商行业党委"}, set()),
    ("邳州市推行“支部建在产业链上”,在港上镇、铁富镇等主产区成立银杏产业链党委。", {"邳州市银杏产业链党委"},
     {"铁富镇银杏产业链党委"}),
    # a verb is no trade
    ("沭阳县推行积分制,成立推动产业党委。", set(), {"沭阳县推动产业党委"}),
    # a chain of names whose last is no place (中山 of 中山街, a street): the body of the last place
    ("翠屏区委组织部指导街道成立合江门街道中山街商圈党委。", {"合江门街道中山街商圈党委"},
     {"中山社区街商圈党委"}),
    # a company named from its place, with a trade name jieba reads in part as a verb (通)
    ("商圈党委联合四川捷运通物流有限公司党支部组建“蜂巢联盟”。", {"四川捷运通物流有限公司党支部"},
     {"物流有限公司党支部"}),
    # a community's or a gacha's (嘎查, a Mongolian village) body, as a village's
    ("金水区丰产路街道枣庄社区推行“楼院议事”,社区党委书记介绍。", {"枣庄社区党委"}, set()),
    ("西乌珠穆沁旗巴彦花镇宝日温都尔嘎查的“牧民之家”里热闹非凡。嘎查党支部书记巴特尔说。",
     {"宝日温都尔嘎查党支部"}, set()),
    # the village the headline names is the report's own: its party body, not its 村民委员会
    ("烟灯堡村：一颗脐橙滚出新路子\n秭归县郭家坝镇推行积分制。\n2021年,村党支部牵头成立合作社,村民委员会配合。",
     {"烟灯堡村党支部"}, {"烟灯堡村民委员会", "烟灯堡村村民委员会"}),
    # a development zone's bodies, named after its place as the text writes it (no division of its own)
    ("近年来，芜湖高新区党工委以“红芯领航”党建品牌为统领，宜宾高新区管委会配合。", {"芜湖高新区党工委", "宜宾高新区管委会"},
     {"芜湖市高新区党工委", "宜宾高新区管委"}),
    ("长沙市推行积分制，长沙经开区党工委配合。", {"长沙经开区党工委"}, {"经开区党工委"}),
    # 会同 (jointly with) before 县委组织部 in a report on another county: that county's body
    ("通江县民政局推行“时间银行”，并会同县委组织部开展轮训。", {"通江县委组织部"}, {"会同县委组织部"}),
    # a county the sentence opens with is the one its 县委 belongs to; one named later in it is not
    ("尤溪县推行“民情夜访”。平和县是琯溪蜜柚的主产区，县委把夜访和产业服务结合，开办“蜜柚夜校”。", {"平和县委"}, {"尤溪县委"}),
    ("平和县推行“蜜柚夜校”。会上学习尤溪县经验，县委把夜访和产业服务结合。", {"平和县委"}, {"尤溪县委"}),
    # a body opening its sentence: the county the sentence before opens with
    (("合山市推行“一屯一支部”，合山市委组织部牵头。兴宾区是甘蔗种植大区。区委组织部在迁江镇推行“甘蔗管家”。"
      "合山市推行“红色楼长”。"), {"兴宾区委组织部"}, set()),
])
def test_bodies_named_after_a_place_the_sentence_gives(text, present, absent):
    names = _linked(text)
    assert present <= names and not absent & names
