"""Linking in context: implied regions made explicit, variants merged, parts related."""
from __future__ import annotations

import pytest

from kg.build import extract
from kg.extract.pipeline import make_nlp
from kg.link.linker import link
from kg.normalise import normalise
from kg.records import Metadata, Report


def _link(text: str, publisher: str | None = None):
    document = normalise(Report("t", "t.txt", text, Metadata(publisher=publisher)))
    return link(document, make_nlp()(document.text))


def _names(extraction, kind):
    return {e.name for e in extraction.of_kind(kind)}


@pytest.mark.parametrize("text, expected", [
    # the focus county's committee and departments
    ("枣阳:今年以来,枣阳市委突出问题导向。市委组织部通过下发《重要工作提示》,将市政府的要求传达至基层。",
     {"枣阳市委", "枣阳市委组织部", "枣阳市政府"}),
    # the province of the focus county
    ("枣阳市委认真学习省委组织部、襄阳市委组织部关于整顿的文件精神。",
     {"枣阳市委", "湖北省委组织部", "襄阳市委组织部"}),
    # a county's bureau's party committee; a district's committee
    ("丹凤县坚持问题导向,县公安局党委开展“五星标兵”评选。", {"丹凤县公安局党委"}),
    ("商州区坚持问题导向。区委常委带队督查党建工作4次。", {"商州区委"}),
    # the report's own township
    ("德州新闻网讯 近年来,莒镇党委强化管党治党意识。同时,镇党委派驻指导员,严格村“两委”换届程序。", {"莒镇党委"}),
    # a banner's usual short name as the text wrote it; a university's own name, not the province's
    ("乌兰察布市察右中旗委组织部推广“科技小院”。内蒙古农业大学党委坚持党建与育人相融合。",
     {"察右中旗委组织部", "内蒙古农业大学党委"}),
    # a county's short form before its committee (jieba cuts 县委 across it)
    ("近年来,东乡县委坚持问题导向。", {"东乡县委"}),
    # the village the paragraph named, in an earlier sentence
    ("春分刚过,金寨县花石乡大湾村的茶园里,采茶工正忙着采茶。村部二楼的会议室里,村党总支正在召开党员大会。",
     {"大湾村党总支"}),
])
def test_implied_regions_are_made_explicit(text, expected):
    assert _names(_link(text), "organization") >= expected


def test_a_village_body_in_a_methods_outline_stays_generic():
    """Only a party body takes the village its paragraph named: 村民委员会 in an outline is no one village's."""
    text = ("琳琅村推行“1+3+N”工作法。“1+3+N”则以村党支部为核心,村民委员会、村务监督委员会为支撑。"
            "\n仪陇县马鞍镇琳琅村党支部开展主题党日。")
    assert not {"琳琅村民委员会", "琳琅村务监督委员会"} & _names(_link(text), "organization")


def test_an_official_works_in_the_department_of_his_committee():
    extraction = _link("丹凤县坚持问题导向,推行“三会一课”制度。\n(中共丹凤县委常委、组织部长王建刚)")
    assert {"丹凤县委", "丹凤县委组织部"} <= _names(extraction, "organization")
    assert (("person", "王建刚"), "member_of", ("organization", "丹凤县委组织部")) in {
        (r.subject, r.predicate, r.object) for r in extraction.relations}


def test_traditional_and_simplified_meet_in_one_node():
    traditional = _link("商州區(qū)堅(jiān)持“三會(huì)一課”制度,選派“第一書記”。")
    simplified = _link("商州区坚持“三会一课”制度,选派“第一书记”。")
    assert _names(traditional, "program") == _names(simplified, "program") == {"三会一课", "第一书记"}


def test_a_quoted_name_ending_in_a_place_is_a_brand_unless_a_program_head_follows():
    extraction = _link("盐池县委持续擦亮“红色盐池”党建品牌。郧西县在建设“五美郧西”中发挥作用。")
    assert "红色盐池" in _names(extraction, "program")
    assert "五美郧西" in _names(extraction, "slogan") and "五美郧西" not in _names(extraction, "program")


def test_pairings_are_parts_of_their_pattern():
    extraction = _link("丹凤县推行“支部+”模式,建成“支部+公司”“支部+合作社”等联合体。")
    parts = {(r.subject[1], r.object[1]) for r in extraction.relations if r.predicate == "part_of"}
    assert parts == {("支部+公司", "支部+"), ("支部+合作社", "支部+")}
    assert {"支部+", "支部+公司", "支部+合作社"} <= _names(extraction, "program")


def test_composite_parts_link_to_the_whole(tmp_path):
    [extraction] = extract(["examples/reports/003_a8d6e58b3abc559f.txt"])
    parts = {r.subject[1] for r in extraction.relations if r.predicate == "part_of" and r.object[1] == "五抓五强"}
    assert parts == {"抓班子强责任", "抓培训强素质", "抓管理强服务", "抓投入强保障", "抓公开强监督"}


def test_reporters_belong_to_their_outlet():
    [extraction] = extract(["examples/reports/000_fe7e9151aa82acd0.txt"])
    assert (("person", "贾策"), "member_of", ("organization", "秦楚网")) in {
        (r.subject, r.predicate, r.object) for r in extraction.relations}


@pytest.mark.parametrize("text, expected", [
    # counties named as the subject adopt; the report's focus adopts the rest
    ("商洛日报讯 近年来,商洛市推行“五星支部”创建。洛南县、山阳县先后探索“支部+合作社”模式,"
     "镇安县推行“三联三包”工作法。",
     {("611000", "五星支部"), ("611021", "支部+合作社"), ("611024", "支部+合作社"), ("611025", "三联三包")}),
    # a prefecture inside an organisation's name is a source, not an adopter
    ("枣阳市委认真学习襄阳市委组织部关于软弱涣散村党组织整顿的文件,推行“2+5”工作法。",
     {("420683", "软弱涣散村党组织整顿"), ("420683", "2+5工作法")}),
    # a program borrowed from another county: that county, and the borrower (named, else the focus)
    ("红安县高桥镇推行积分。高桥镇借鉴麻城市“板凳会”的经验,在村里推行议事。",
     {("421181", "板凳会"), ("421122", "板凳会")}),
    ("盐城市推行党建。建湖县委组织部借鉴东台市“红色网格”做法,完善治理。射阳县推行“渔港夜话”。",
     {("320981", "红色网格"), ("320925", "红色网格"), ("320924", "渔港夜话")}),
    # a prefecture's body carrying a program out across the prefecture: the prefecture adopts it too;
    # not a district named after it (the district's own 全区)
    (("武侯区玉林街道党工委按照成都市委社治委在全市推行的“微网实格”治理机制,把党组织建在网格上。"
      "北京市门头沟区委在全区推行“一线工作法”。"),
     {("510107", "微网实格"), ("510100", "微网实格"), ("110109", "一线工作法")}),
    # past the borrowed program's clause, what the borrower then carries out is its own
    ("浏阳市借鉴平江县“屋场会”的做法,在全市推行“屋场夜话”。",
     {("430626", "屋场会"), ("430181", "屋场会"), ("430181", "屋场夜话")}),
    # a place's experience borrowed with no program of its own named: what the clause after it carries
    # out is that place's too, a prefecture or a county
    ("安丘市学习借鉴烟台市经验，全面推行“党支部领办合作社”。", {("370784", "党支部领办合作社"), ("370600", "党支部领办合作社")}),
    ("浏阳市借鉴平江县经验，在全市推行“屋场夜话”。", {("430626", "屋场夜话"), ("430181", "屋场夜话")}),
    # the source written with its province (借鉴吉林省集安市“…”): the borrower named before adopts too
    ("新宾县推行党建。旺清门镇借鉴吉林省集安市“邻里守望岗”的做法,设立守望岗位。",
     {("220582", "邻里守望岗"), ("210422", "邻里守望岗")}),
    # a program taken up in the passive (这一做法被…推广): by a prefecture across itself, by a county
    (("弋江区推行“红芯领航”。2021年起，高新区在规上企业推行“首席党建官”制度。"
      "这一做法去年被芜湖市委组织部在全市规上工业企业推广。"),
     {("340203", "红芯领航"), ("340203", "首席党建官"), ("340200", "首席党建官")}),
    ("尤溪县推行“民情夜访”工作法。这一做法先后被平和县、上杭县借鉴。",
     {("350426", "民情夜访"), ("350628", "民情夜访"), ("350823", "民情夜访")}),
    # counties enumerated each after its prefecture's name
    ("尤溪县推行“民情夜访”工作法。漳州市平和县、龙岩市上杭县学习借鉴尤溪县做法，相继推开“民情夜访”。",
     {("350628", "民情夜访"), ("350823", "民情夜访"), ("350426", "民情夜访")}),
    # a province's own body carries out what it does in a county's village: the province adopts
    ("省农业农村厅以“三带三促”推动机关党建\n海南省农业农村厅推行“三带三促”。"
     "海南省农业农村厅驻向民村工作队在白沙县向民村推行“党建+南药”模式。白沙县推行“夜校”制度。",
     {("460000", "三带三促"), ("460000", "党建+南药"), ("469025", "夜校")}),
    # a program carried on to places named after a spread verb: those places adopt it too
    (("聊城市推行党建。冠县推行“小院议事”工作法。聊城市委组织部将“小院议事”先后推广到莘县、阳谷县。"
      "东阿县探索“小院议事+积分”模式。"),
     {("371525", "小院议事"), ("371500", "小院议事"), ("371522", "小院议事"), ("371521", "小院议事"),
      ("371524", "小院议事+积分"), ("371524", "小院议事")}),
    # the same verb with no place after it, or past the clause's end, carries it nowhere
    ("聊城市推行党建。冠县推行“小院议事”工作法,经验推广到全市。莘县推行“四议两公开”。",
     {("371525", "小院议事"), ("371522", "四议两公开")}),
    # 全县 in a report on a prefecture refers back to the county named before
    (("大理州推行“红黑榜”。大理州委组织部部署。宾川县试点建立“积分超市”。目前,全县已建成“积分超市”86个。"
      "祥云县推行“说事日”。大理州推行“院坝会”。"),
     {("532900", "红黑榜"), ("532924", "积分超市"), ("532923", "说事日"), ("532900", "院坝会")}),
    # a plan is no adoption: the places it names will carry the program out, not yet
    ("沂南县推行“3+X”工作法,沂南县党员带头。下一步,将在兰山区、河东区等城区探索“3+X”工作法进社区。",
     {("371321", "3+X工作法")}),
    ("沂南县推行“3+X”工作法,沂南县党员带头。兰山区将在社区探索“3+X”工作法。", {("371321", "3+X工作法")}),
    # 下一步 opening a clause (after 表示), and what is still to be explored or started, are plans too;
    # what will go on (将继续深化“…”) was carried out already
    ("芷江县推行“三会一课”。工委负责人表示,下一步将推行“机关党建+营商环境”模式。", {("431228", "三会一课")}),
    ("芷江县推行“三会一课”。芷江县将探索“机关党建+营商环境”模式。", {("431228", "三会一课")}),
    ("泗水县推行“三会一课”。泗水县正在谋划建设“数字乡村治理平台”,年底前试点。", {("370831", "三会一课")}),
    ("芷江县推行“三会一课”。芷江县将继续深化“五星级党组织”创建。",
     {("431228", "三会一课"), ("431228", "五星级党组织")}),
    # 计划 naming a program (“青苗储备”计划) tells no plan of what follows it; 计划在… does
    ("左权县要继续用好“青苗储备”计划，严格落实“三会一课”、主题党日和组织生活会制度。",
     {("140722", "青苗储备"), ("140722", "三会一课"), ("140722", "主题党日"), ("140722", "组织生活会")}),
    ("左权县推行“三会一课”。左权县计划在辽阳镇试点“村播带头人”培育。", {("140722", "三会一课")}),
    # a meeting's decisions are plans, in every clause of their sentence
    ("桓仁县推行“参农课堂”。会议议定，在沙尖子镇试点打造“浑江画廊”党建示范带；同时启动“乡村振兴合伙人”招募计划。",
     {("210522", "参农课堂")}),
    # a deployment that says what it deploys (关于…的部署) leaves the program after it to the county
    ("全县各级党组织认真贯彻落实辽宁省委关于抓党建促乡村振兴的部署要求，深入实施“五女山下党旗红”工程。桓仁县推行积分制。",
     {("210522", "五女山下党旗红"), ("210522", "积分制"), ("210522", "乡村振兴")}),
    # an upper level's body deploying a program itself carries it out (自治区党委部署开展, 在全地区部署实施)
    ("鄯善县推行积分制。2014年，新疆维吾尔自治区党委部署开展“访惠聚”驻村工作，工作队住进了我们村。",
     {("650421", "积分制"), ("650421", "访惠聚"), ("650000", "访惠聚")}),
    ("色尼区推行积分制。那曲地委组织部在全地区部署实施“羌塘先锋”工程。",
     {("540602", "积分制"), ("540602", "羌塘先锋"), ("540600", "羌塘先锋")}),
    # counties counted back to at a clause's opening (两县还同步推行) are the last ones named before; not
    # counted ones whose experience is summed up (在总结三县经验的基础上)
    (("来宾市：党支部建到自然屯\n来宾市委组织部在全市推行“一屯一支部”。武宣县学习借鉴象州县“果园夜课”做法。"
      "两县还同步推行“红色楼长”。"),
     {("451300", "一屯一支部"), ("451323", "果园夜课"), ("451322", "果园夜课"), ("451322", "红色楼长"),
      ("451323", "红色楼长")}),
    (("来宾市：党支部建到自然屯\n来宾市委组织部在全市推行“一屯一支部”。武宣县、象州县、忻城县推行“果园夜课”。"
      "在总结三县经验的基础上，市委组织部在全市推广“红色楼长”。"),
     {("451300", "一屯一支部"), ("451323", "果园夜课"), ("451322", "果园夜课"), ("451321", "果园夜课"),
      ("451300", "红色楼长")}),
    # 将 before a verb tells what will be; before its object it is 把 (将“小院议事”推广到…)
    ("尤溪县推行积分制。尤溪县将全面推行“数字夜访”。", {("350426", "积分制")}),
    # a speaker's turn that opens with a plan (【杨光明】下一步，…) tells one
    ("丘北县推行积分制。\n【杨光明】下一步，县委将串联各地的示范点，打造“荷乡红”党建示范带。", {("532626", "积分制")}),
    # what a body intends (打算明年开设) is a plan
    ("鄯善县推行积分制。艾尔肯说，村党支部打算明年开设“坎儿井研学”课堂。", {("650421", "积分制")}),
    # a prefecture carrying a program out across its resettlement sites
    ("晴隆县推行积分制。黔西南州在全州搬迁安置点实施“新市民·追梦桥”工程。",
     {("522324", "积分制"), ("522324", "新市民·追梦桥"), ("522300", "新市民·追梦桥")}),
    # a province's body deploys the first program after it in the sentence: the province adopts it too
    ("按照河南省委部署,内乡县把“五星支部”创建作为抓手,推行“四议两公开”。",
     {("411325", "五星支部"), ("410000", "五星支部"), ("411325", "四议两公开")}),
    ("今年,中宁县认真落实自治区党委组织部部署开展的“一村一年一事”行动。",
     {("640521", "一村一年一事"), ("640000", "一村一年一事")}),
    # ... not a national campaign it passes on (the centre's)
    ("按照中央和河南省委部署,内乡县扎实开展“两学一做”学习教育。", {("411325", "两学一做")}),
    # the deployment may name the program itself; the province adopts the one carried out after it
    ("遂昌县王村口镇推行积分制。按照浙江全省推进“共富工坊”建设的部署,桥西村去年建起了“共富工坊”。",
     {("331123", "积分制"), ("331123", "共富工坊"), ("330000", "共富工坊")}),
    # a program taken up by reference (这一做法) is the last one named before it
    ("邳州市推行“支部建在产业链上”,铁富镇推行“古镇议事厅”。新沂市委组织部来邳州考察,回去后在新沂全市推开了这一做法。",
     {("320382", "支部建在产业链上"), ("320382", "古镇议事厅"), ("320381", "古镇议事厅")}),
    # places that borrow a practice without naming it take up the last program named before; not where the
    # sentence names the program it borrows (then that one is theirs)
    ("安源区委在全区推行“俱乐部议事厅”。2022年，湘东区、芦溪县先后学习借鉴安源区的做法，芦溪县在宣风镇开展试点。",
     {("360302", "俱乐部议事厅"), ("360313", "俱乐部议事厅"), ("360323", "俱乐部议事厅")}),
    ("安源区委推行“俱乐部议事厅”。湘东区等地先后学习借鉴，在村部议事。",
     {("360302", "俱乐部议事厅"), ("360313", "俱乐部议事厅")}),
    ("安源区委推行“俱乐部议事厅”。湘东区借鉴安源区的做法，在下埠镇推广“积分超市”。",
     {("360302", "俱乐部议事厅"), ("360313", "积分超市")}),
    # a source named before as where the borrowers went is no borrower (到黑山县观摩学习，…学习借鉴黑山县“…”)
    (("北镇市：党建引领春耕\n北镇市推行“强基筑堡”工程。我们组织乡镇党委书记到黑山县观摩学习，今年春耕前，"
      "学习借鉴黑山县“红色代耕队”做法，在全市组建代耕队57支。"),
     {("210782", "强基筑堡"), ("210782", "红色代耕队"), ("210726", "红色代耕队")}),
    # a practice spread on by reference (这一做法已推广到…) goes to the places after the verb
    ("马边彝族自治县开办“彝家夜校”，组织群众学技术，这一做法已推广到峨边彝族自治县、金口河区。",
     {("511133", "彝家夜校"), ("511132", "彝家夜校"), ("511113", "彝家夜校")}),
    # a county named after a prefecture's body as where it met, or whose practice it spread, is not its subject
    ("桃江县委推行“擂茶议事会”。益阳市委组织部在桃江召开现场推进会，在全市推广“擂茶议事会”经验。",
     {("430922", "擂茶议事会"), ("430900", "擂茶议事会")}),
    ("桃江县委推行“擂茶议事会”。益阳市委组织部将桃江县的做法在全市推广，“擂茶议事会”由此走出桃江。",
     {("430922", "擂茶议事会"), ("430900", "擂茶议事会")}),
    ("黔西南州在全州安置点实施“新市民·追梦桥”工程，晴隆县结合实际，围绕“五个体系”建设。",
     {("522300", "新市民·追梦桥"), ("522324", "新市民·追梦桥"), ("522324", "五个体系")}),
    # places that follow (跟进) take up the program the report is about: its headline's
    ("临沂“3+X”工作法激活基层治理\n沂南县推行“3+X”工作法。蒙阴县试点“蜜桃夜校”。2021年初,沂水县、莒南县跟进。",
     {("371300", "3+X工作法"), ("371321", "3+X工作法"), ("371328", "蜜桃夜校"), ("371323", "3+X工作法"),
      ("371327", "3+X工作法")}),
])
def test_adopters_are_the_places_that_carry_a_program_out(text, expected):
    assert {(a.code, a.program) for a in _link(text).adoptions} == expected


def test_the_body_named_before_a_program_is_its_adopting_organisation():
    extraction = _link("今年以来,宜都市委组织部以“五星支部”创建为抓手,深入开展党史学习教育。宜都市推行“村社合一”模式。")
    bodies = {a.program: a.organization for a in extraction.adoptions}
    assert bodies == {"五星支部": "宜都市委组织部", "党史学习教育": "宜都市委组织部", "村社合一": None}


def test_a_region_named_only_in_the_outlets_name_is_named():
    from kg.jsonl import annotation_record

    text = "门头沟区委推行“一线工作法”。门头沟区斋堂镇党委推出“红色代办”服务。"
    regions = {r["name"] for r in annotation_record(_link(text, publisher="北京日报"))["regions"]}
    assert {"北京市", "门头沟区"} <= regions
    # an outlet's name that reads as a place off the report's path names none (南海网 on 海南: not 南海区)
    regions = {r["name"] for r in annotation_record(_link(text, publisher="南海网"))["regions"]}
    assert "南海区" not in regions and "北京市" not in regions


def test_an_editorial_names_programs_it_urges_only_where_a_place_carries_them_out():
    """A commentary (本刊评论员, 卷首语) urges national programs on everyone; what the county did counts."""
    body = ("“三会一课”是党的组织生活的基本制度,主题党日是党员锤炼党性的重要载体。"
            "今年以来,我县在全县230个村开展“丝网先锋”行动。安平县推行“擂台比武”。")
    editorial = _link("让基层党组织成为发展的“压舱石”\n本刊评论员\n" + body)
    assert _names(editorial, "program") == {"丝网先锋", "擂台比武"}
    assert {a.program for a in editorial.adoptions} == {"丝网先锋", "擂台比武"}
    report = _link("安平县抓基层党建\n记者 张三\n" + body)  # a news report: what it names, the county carries out
    assert {"三会一课", "主题党日", "丝网先锋", "擂台比武"} <= _names(report, "program")


def test_a_program_named_only_in_plans_is_a_program_no_place_adopts():
    """A sentence that tells a plan (下一步, 将探索…), or a work summary's last part under its plan's
    heading (2022年工作思路), names what is still to be done: a program of the report (an initiative
    all the same), adopted by no place; a national campaign only where a place carries it out."""
    summary = _link("金华市推行“八婺红色课堂”。\n二、存在的问题和2022年工作思路\n"
                    "2022年,市委组织部将以迎接党的二十大为主线,探索开展“共富工坊”建设,推行“八婺红色课堂”。")
    assert _names(summary, "program") == {"八婺红色课堂", "共富工坊"}
    assert {(a.code, a.program) for a in summary.adoptions} == {("330700", "八婺红色课堂")}
    # the heading's section ends at the next heading
    later = _link("金华市推行“八婺红色课堂”。\n下一步工作打算\n市委组织部推行“共富工坊”。\n"
                  "三、典型经验\n东阳市推行“剧组党支部”。")
    assert {a.program for a in later.adoptions} == {"八婺红色课堂", "剧组党支部"}
    planned = _link("婺源县李坑村推行“积分超市”。负责人表示,下一步将推广“积分超市”做法,让乡村振兴既塑形又铸魂。")
    assert _names(planned, "program") == {"积分超市"}  # 乡村振兴, national, only in the plan
    assert {(a.code, a.program) for a in planned.adoptions} == {("361130", "积分超市")}


def test_a_documents_distribution_lines_name_bodies_and_a_committees_formal_name_its_committee():
    """The bodies a document goes to are named in it (抄送：衢州市委组织部), and 中共…委员会 is the
    committee as it is named (云梯畲族乡党委, 宁国市委)."""
    notice = _link("开化县委组织部推行“红色根脉强基工程”。\n中共开化县委组织部\n2024年6月18日\n抄送：衢州市委组织部。")
    assert "衢州市委组织部" in _names(notice, "organization")
    assert "衢州市" in _names(notice, "region")
    form = _link("申报单位：中共宁国市云梯畲族乡委员会（盖章）\n推荐单位：中共宁国市委员会\n宁国市推行“畲乡红”品牌。")
    assert {"云梯畲族乡党委", "宁国市委"} <= _names(form, "organization")
    assert not {n for n in _names(form, "organization") if n.endswith("委员会")}


def test_bodies_of_the_standard_list_and_a_committees_party_school():
    found = _names(_link("宁国市民族宗教事务局选派第一书记。由桑植县委党校牵头组织演唱。威海市大数据中心发布数据。"),
                   "organization")
    assert {"宁国市民族宗教事务局", "桑植县委党校", "威海市大数据中心"} <= found
    # the party's social work departments (2023), a committee's and a government's inspection offices,
    # a CPPCC's proposals committee, a merged education and sports bureau
    found = _names(_link("萍乡市推行积分制。抄送：萍乡市政协提案委员会，萍乡市委督查室，萍乡市政府督查室。"
                         "长春市朝阳区委社会工作部牵头，朝阳区教育体育局配合。"), "organization")
    assert {"萍乡市政协提案委员会", "萍乡市委督查室", "萍乡市政府督查室", "朝阳区委社会工作部", "朝阳区教育体育局"} <= found
    # a party committee's general office and its organisation department's office (a bulletin's issuer)
    found = _names(_link("来宾市推行“一屯一支部”。\n广西组工简报\n自治区党委组织部办公室 二〇二四年五月二十日\n"
                         "送：自治区党委办公厅。"), "organization")
    assert {"广西壮族自治区党委组织部办公室", "广西壮族自治区党委办公厅"} <= found


def test_renamed_divisions_and_their_bodies_keep_one_node():
    """那曲县 (色尼区 since 2017) is today's district; a 地区's committee is named as the 地区 was,
    and the name before it is the prefecture, not a township that shares it."""
    report = _link("那曲县：党建引领促脱贫\n那曲县罗玛镇加贡村党支部开展“两学一做”。那曲地委组织部推行“羌塘先锋”工程。")
    regions = {(e.region.name, e.region.code) for e in report.of_kind("region") if e.region is not None}
    assert {("色尼区", "540602"), ("那曲市", "540600")} <= regions and ("那曲镇", "540602") not in regions
    assert "那曲地委组织部" in _names(report, "organization")


def test_bodies_of_a_renamed_division_are_named_as_the_report_names_it():
    """A 2017 report on 滦县 (滦州市 since 2018): the county is today's, its bodies those of their time, as the
    report names them; a town since made a 街道 likewise; a 地区's committee and office by their own names."""
    report = _link("滦县：“两学一做”常态化\n滦县县委组织部推行“党员积分”。滦县县委召开会议。县委组织部牵头。"
                   "古马镇党委配合。按照唐山市委部署，滦县推行“星级支部”。")
    regions = {(e.region.name, e.region.code) for e in report.of_kind("region") if e.region is not None}
    assert ("滦州市", "130284") in regions
    found = _names(report, "organization")
    assert {"滦县县委组织部", "滦县县委"} <= found and not {n for n in found if n.startswith("滦州市")}
    town = _link("济阳县：周一夜学\n崔寨镇地处县城南部。崔寨镇党委从今年4月起推行“周一夜学”。")
    assert "崔寨镇党委" in _names(town, "organization")
    prefecture = _link("沙湾县开展“三严三实”专题教育。今年5月以来，沙湾县按照中央和塔城地委部署，塔城地区行署配合。")
    assert {"塔城地委", "塔城地区行署"} <= _names(prefecture, "organization")


def test_formal_names_of_branches_and_a_township_office():
    found = _names(_link("中共蛟河市乌林朝鲜族乡乌林村支部委员会召开党员大会。中共兴化市千垛镇缸顾村总支部委员会下设4个支部。"
                         "东海县房山镇党政办公室推行积分制。"), "organization")
    assert {"乌林村党支部", "缸顾村党总支", "房山镇党政办公室"} <= found
    assert not {n for n in found if n.endswith("委员会")}


def test_a_yearbooks_entry_is_about_the_yearbooks_division():
    """鹰潭年鉴's entry on the city's organisation work names 贵溪市 most: the report is the city's."""
    body = ("【概况】2023年，中共鹰潭市委组织部深入实施“铜都先锋”工程。【基层党建】贵溪市在樟坪畲族乡开展民族团结进步创建。"
            "贵溪市龙虎山镇组织村党组织领办民宿。余江区推行“党建+宅改”。月湖区推行红色物业。")
    assert _link("组织工作\n" + body, publisher="鹰潭年鉴").focus == "360600"
    assert _link("组织工作\n" + body).focus == "360681"


def test_a_one_character_countys_committee_as_the_report_writes_it():
    """岚县委 is the county's committee (jieba reads 县委 as a word); a report that writes it so names its
    县委组织部 the same way; 新时代县委 names no 代县."""
    found = _link("今年以来，岚县委坚持抓党建促乡村振兴。县委组织部有关负责人介绍，岚县推行积分制。")
    assert {"岚县委", "岚县委组织部"} <= _names(found, "organization")
    assert "代县" not in _names(_link("新时代县委书记要抓党建。忻州市推行积分制。"), "region")


def test_bodies_of_the_new_sectors_counted_bodies_and_a_troupes_branch():
    found = _names(_link("岱岳区委两新组织工委推行积分制。岱岳区社会组织综合党委成立。南迎社区党委与辖区6家规上企业党支部开展共建。"
                         "大厂回族自治县推行积分制。大厂评剧歌舞团党支部编演唱段。"), "organization")
    assert {"岱岳区委两新组织工委", "岱岳区社会组织综合党委", "大厂评剧歌舞团党支部"} <= found
    assert not {n for n in found if "规上企业" in n}


def test_an_adoption_is_dated_by_when_its_sentence_says_else_by_its_report():
    """A report's date is when an adoption was seen; a sentence that opens with when it tells of (2020年，…;
    去年…) dates the adoption itself, as precisely as written, never after the report."""
    text = ("尤溪县推行“民情夜访”，成效明显。2020年，尤溪县委组织部在全县试点推行“党员积分超市”。"
            "去年3月，泉州市安溪县推行“茶乡夜访”。尤溪县推行“红色代办”，力争到2030年覆盖全县。"
            "2030年，尤溪县将全面推行“数字夜访”。")  # a sentence telling of a time to come tells a plan
    document = normalise(Report("t", "t.txt", text, Metadata(date="2024-06-20")))
    dates = {a.program: a.date for a in link(document, make_nlp()(document.text)).adoptions}
    assert dates == {"民情夜访": "2024-06-20", "党员积分超市": "2020", "茶乡夜访": "2023-03", "红色代办": "2024-06-20"}


def test_a_later_sentence_that_dates_an_adoption_earlier_dates_it():
    """The headline names a program, a later sentence tells when the county began it: the adoption is that
    early, with that sentence as its evidence."""
    text = "桃江县“擂茶议事会”议出乡村善治\n桃江县推行“擂茶议事会”。2021年5月，桃江县委在全县推行“擂茶议事会”。"
    document = normalise(Report("t", "t.txt", text, Metadata(date="2024-11-05")))
    [adoption] = link(document, make_nlp()(document.text)).adoptions
    assert (adoption.code, adoption.date) == ("430922", "2021-05")
    assert adoption.evidence.sentence.startswith("2021年5月")
