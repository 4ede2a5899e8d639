"""Region linking: the kg_regions component, document coherence, focus, relative references."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy

import kg.extract.regions  # noqa: F401  registers kg_regions
from kg.extract.regions import exact_offsets
from kg.link.gazetteer import gazetteer
from kg.link.regions import link_regions, resolve_relative

REPORTS = Path(__file__).resolve().parent.parent / "examples" / "reports"


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("kg_regions")
    return nlp


def regions_of(nlp, text, publisher=None):
    links = link_regions(nlp(text), publisher=publisher)
    return {(r.name, r.level, r.code) for r in links.regions}, links.focus


# text, publisher, expected regions (name, level, code), expected focus
CASES = [
    pytest.param(
        "郧西县观音镇党委坚持政治建设。对万寿寺、中沟2个后进村党支部开展重点整顿。清明节在万寿寺村开展活动。",
        None,
        {("郧西县", "county", "420322"), ("观音镇", "township", "420322"),
         ("万寿寺村", "village", "420322"), ("中沟村", "village", "420322")},
        "420322", id="villages-in-short-form-under-a-named-township"),
    pytest.param(
        "镇巴县观音镇党委坚持政治建设,观音镇党委书记亲自抓。",
        None, {("镇巴县", "county", "610728"), ("观音镇", "township", "610728")},
        "610728", id="ambiguous-township-resolved-by-its-county"),
    pytest.param(
        "在脱贫攻坚战和建设“五美郧西”中发挥战斗堡垒作用。郧西县委组织部。",
        None, {("郧西县", "county", "420322")}, "420322", id="short-form-inside-a-slogan"),
    pytest.param(
        "推行“支部+”模式,建成“支部+合作社”“支部+公司”等联合体,县公安局党委开展评选。",
        None, set(), None, id="everyday-words-are-no-regions"),
    pytest.param(
        "新建示范村2个,让有为者有位,无为者靠边。", None, set(), None,
        id="everyday-short-forms-need-support"),
    pytest.param(
        "武侯区玉林街道推行网格化管理。玉林街道是典型的老城区,为老城区治理提供了经验。", None,
        {("武侯区", "county", "510107"), ("玉林街道", "township", "510107")}, "510107",
        id="a-district-name-that-means-the-old-town-needs-support"),
    pytest.param(
        "河南省郑州市金水区丰产路街道推行网格化。丰产路街道是典型的老城区,辖区老旧小区多。", None,
        {("河南省", "province", "410000"), ("郑州市", "prefecture", "410100"), ("金水区", "county", "410105"),
         ("丰产路街道", "township", "410105")}, "410105",
        id="an-old-town-in-a-province-that-has-a-district-of-that-name"),
    pytest.param(
        "老城区:党建引领老街焕新\n近年来,老城区委组织部推行“街巷长制”。", None,
        {("老城区", "county", "410302")}, "410302", id="a-generic-district-name-heading-its-own-report"),
    pytest.param(
        "成县:推行院落长制\n成县考察组到康县学习。在康县长坝镇花桥村,考察组看到院落长每天巡查。", None,
        {("成县", "county", "621221"), ("康县", "county", "621224"), ("长坝镇", "township", "621224"),
         ("花桥村", "village", "621224")}, "621221",
        id="a-township-after-its-county-though-a-word-spans-them"),
    pytest.param(
        "芜湖市委组织部到无为调研。", None,
        {("芜湖市", "prefecture", "340200"), ("无为县", "county", "340225")}, "340200",
        id="everyday-short-form-supported-by-its-prefecture"),
    pytest.param(
        "恩施州委组织部召开会议。", None,
        {("恩施土家族苗族自治州", "prefecture", "422800")}, "422800",
        id="autonomous-prefecture-form"),
    pytest.param(
        "2008年,襄樊市委组织部推行“三会一课”。", None,
        {("襄阳市", "prefecture", "420600")}, "420600", id="renamed-division-links-to-today"),
    pytest.param(
        "把党的基层组织打造成坚强战斗堡垒凤县坚决贯彻中央决策部署,深化先锋引领·丹凤朝阳党建品牌。(中共丹凤县委常委)",
        "商洛日报",  # the publisher supports, but names no region of the text
        {("丹凤县", "county", "611022")}, "611022", id="slip-resolves-to-the-focus-county"),
    pytest.param(
        "莒镇:“四抓四强”夯实基层党建。德州新闻网讯 近年来,莒镇党委强化管党治党意识。", "德州新闻网",
        {("莒镇", "township", "371482"), ("德州市", "prefecture", "371400")},
        "371482", id="unique-township-under-a-named-prefecture-gives-the-focus"),
    pytest.param(
        "十堰市委召开会议,十堰市组织部长说,郧西县和竹山县要学习十堰经验,十堰市各县市区参加。", None,
        {("十堰市", "prefecture", "420300"), ("郧西县", "county", "420322"), ("竹山县", "county", "420323")},
        "420300", id="prefecture-level-report"),
    pytest.param(  # 林芝 is also 林芝镇 of 巴宜区, the focus county: the report named 林芝市 in full first
        "走进林芝市巴宜区鲁朗镇,雪山、森林、草甸。鲁朗镇党委推行“党支部+合作社”。鲁朗小镇已经成为林芝旅游的一张名片。",
        None, {("林芝市", "prefecture", "540400"), ("巴宜区", "county", "540402"), ("鲁朗镇", "township", "540402")},
        "540402", id="short-form-of-a-division-named-in-full"),
    pytest.param(  # 兰考县 has four 张庄村: the one under the township the text names
        "兰考县东坝头镇张庄村的村口,一块公示牌格外醒目。张庄村党支部推行积分制。",
        None, {("兰考县", "county", "410225"), ("东坝头镇", "township", "410225"), ("张庄村", "village", "410225")},
        "410225", id="village-among-namesakes-in-one-county"),
    pytest.param(  # 寿宁县 has two 下党村, one in 下党乡
        "寿宁县下党乡党委召开会议。下党村党支部推出“定制茶园”。",
        None, {("寿宁县", "county", "350924"), ("下党乡", "township", "350924"), ("下党村", "village", "350924")},
        "350924", id="village-among-namesakes-under-a-named-township"),
    pytest.param(  # a short form ending in its level, though jieba cuts 县委; a county named after its people
        "近年来,东乡县委坚持问题导向,东乡县委组织部选派第一书记。如今在东乡,群众搬出了穷山沟。",
        None, {("东乡族自治县", "county", "622926")}, "622926", id="county-short-form-before-its-committee"),
    pytest.param(  # kinds of village (民族村, 牧业村) named like villages elsewhere in the province the report names
        "吉林省委组织部在前郭县召开现场观摩会。前郭县选派第一书记，实现民族村、脱贫村全覆盖。县委组织部在每个牧业村建立党员活动室。",
        None, {("吉林省", "province", "220000"), ("前郭尔罗斯蒙古族自治县", "county", "220721")}, "220721",
        id="a-province-supports-no-village-of-its-own"),
    pytest.param(  # the village where the report names its city
        "吉林省委组织部在前郭县召开现场观摩会。公主岭市民族村党支部推行积分制。", None,
        {("吉林省", "province", "220000"), ("前郭尔罗斯蒙古族自治县", "county", "220721"),
         ("公主岭市", "county", "220381"), ("民族村", "village", "220381")}, "220721",
        id="a-village-under-a-city-the-report-names"),
    pytest.param(  # 青山 (青山区, 包头/武汉), 大关 (大关县, 云南), 故城 (故城县, 河北): words here, far from the report's place
        "融水县洞头镇党委推行“寨老+党员”调解模式。青山绿水正在变成群众增收的“绿色银行”。融水县村集体经济收入突破十亿大关。"
        "洞头镇依托明代故城的资源发展旅游。", None,
        {("融水苗族自治县", "county", "450225"), ("洞头镇", "township", "450225")}, "450225",
        id="a-distant-countys-short-form-alone-is-a-word"),
    pytest.param(  # the same forms where the report names the county's province, or a county of its own province
        "融水县洞头镇党委组织党员赴湖北青山考察。融水县委组织部到环江调研。", None,
        {("融水苗族自治县", "county", "450225"), ("洞头镇", "township", "450225"), ("湖北省", "province", "420000"),
         ("青山区", "county", "420107"), ("环江毛南族自治县", "county", "451226")}, "450225",
        id="a-distant-countys-short-form-with-its-province"),
]


@pytest.mark.parametrize("text, publisher, regions, focus", CASES)
def test_link_regions(nlp, text, publisher, regions, focus):
    assert regions_of(nlp, text, publisher) == (regions, focus)


# a name that reads as a word in one text, the same kind of name meant as a place in
# another text: (text, region the word would be), (text, region that is meant)
WORD_OR_PLACE = [
    pytest.param(
        ("推动新时代县域经济高质量发展。", ("代县", "county", "140923")),  # 代县 across 时代
        ("忻州市代县召开党建工作会议。", ("代县", "county", "140923")),
        id="one-character-county-cutting-a-word"),
    pytest.param(
        ("志愿者弘扬人道、博爱、奉献精神。", ("博爱县", "county", "410822")),  # a word, not a place, for jieba
        ("焦作市委组织部到博爱调研。", ("博爱县", "county", "410822")),
        id="everyday-word-short-form-needs-support"),
    pytest.param(
        ("威远县大力发展村级集体经济。", ("发展村", "village", "511024")),  # 发展村 is a village of 威远县
        ("威远县越溪镇发展村党支部开展主题党日活动。", ("发展村", "village", "511024")),
        id="verb-led-village-needs-its-township"),
    pytest.param(  # a county jieba tags as a person's name, the subject of its own report by its short form
        ("弘扬人道博爱精神。", ("博爱县", "county", "410822")),
        ("博爱:“村民议事会”让群众说了算\n今年以来,博爱持续深化村民议事会制度。", ("博爱县", "county", "410822")),
        id="short-form-the-report-is-about"),
    pytest.param(  # a short form inside a set phrase, however rare the phrase (东山再起: 90)
        ("他们跌倒后东山再起。", ("东山县", "county", "350626")),
        ("漳州市东山县委组织部召开会议。", ("东山县", "county", "350626")),
        id="short-form-inside-a-set-phrase"),
    pytest.param(  # an everyday word named twice, far from the report's place (温泉县 is in 新疆)
        ("宁城县八里罕镇推行党建+文旅,宁城县委组织部指导。\n温泉小镇唱响党建+文旅。热水村党支部依托温泉资源发展。", ("温泉县", "county", "652723")),
        ("博尔塔拉蒙古自治州温泉县委组织部召开会议。温泉县推行积分制。", ("温泉县", "county", "652723")),
        id="everyday-short-form-far-from-the-report"),
    pytest.param(  # a township named after a mountain: the park bears the mountain's name
        ("武隆区双河镇毗邻仙女山国家森林公园,双河镇党委推行积分制。", ("仙女山镇", "township", "500156")),
        ("武隆区仙女山镇党委推行积分制,仙女山镇各村参加。", ("仙女山镇", "township", "500156")),
        id="township-short-form-naming-a-landmark"),
    pytest.param(  # two short forms as long overlap: jieba's word wins (新|宁夏, not 新宁|夏)
        ("盐池县委组织部。为建设美丽新宁夏贡献盐池力量。", ("新宁县", "county", "430528")),
        ("邵阳市新宁县委组织部。新宁县推行积分制。", ("新宁县", "county", "430528")),
        id="overlapping-short-forms-jiebas-word-wins"),
    pytest.param(  # a landform named after a division's short form
        ("彰武县地处科尔沁沙地南缘,彰武县推行积分制。", ("科尔沁区", "county", "150502")),
        ("通辽市科尔沁区委组织部召开会议。", ("科尔沁区", "county", "150502")),
        id="short-form-naming-a-landform"),
    pytest.param(  # a person's given name after a role and a surname
        ("彰武县推行积分制。72岁的老党员刘福山感慨地说。", ("福山区", "county", "370611")),
        ("烟台市福山区委组织部召开会议。", ("福山区", "county", "370611")),
        id="short-form-as-a-given-name"),
    pytest.param(  # a short form across a Tibetan name
        ("江孜县紫金乡推行积分制。第一书记扎西平措带领队员义诊。", ("西平县", "county", "411721")),
        ("驻马店市西平县委组织部召开会议。", ("西平县", "county", "411721")),
        id="short-form-across-a-tibetan-name"),
    pytest.param(  # Taiwan's short forms are things first (桃园: a peach orchard)
        ("平谷区大华山镇推行积分制。村民看着公示的桃园流转费用明细。", ("桃园市", "prefecture", "710300")),
        ("台湾省桃园市的台胞来访。", ("桃园市", "prefecture", "710300")),
        id="taiwans-short-form-needs-support"),
    pytest.param(  # a mountain named after a short form, and one inside its name (太白|白山)
        ("四月的眉县,太白山下的猕猴桃园里花苞初绽。眉县推行积分制。", ("白山市", "prefecture", "220600")),
        ("吉林省白山市委组织部召开会议。", ("白山市", "prefecture", "220600")),
        id="short-form-inside-a-mountains-name"),
    pytest.param(  # the mountain's foot
        ("特克斯县地处天山北麓,特克斯县推行积分制。", ("天山区", "county", "650102")),
        ("乌鲁木齐市天山区委组织部召开会议。", ("天山区", "county", "650102")),
        id="short-form-naming-a-mountain"),
    pytest.param(  # a reign's years
        ("宣恩县庆阳坝村始建于清代,咸丰年间已是商贸集镇。宣恩县推行积分制。", ("咸丰县", "county", "422826")),
        ("恩施州咸丰县委组织部召开会议。", ("咸丰县", "county", "422826")),
        id="short-form-naming-a-reign"),
    pytest.param(  # a byline's name right after its role
        ("本报讯(记者 孙丽娜 通讯员 于洪涛)宽甸满族自治县推行积分制。", ("于洪区", "county", "210114")),
        ("沈阳市于洪区委组织部召开会议。", ("于洪区", "county", "210114")),
        id="short-form-starting-a-bylines-name"),
    pytest.param(  # a street named after a place (南京路 in Shanghai); not a way of doing things (南京路径)
        ("黄浦区推行积分制。南京路步行街的商户参加。", ("南京市", "prefecture", "320100")),
        ("黄浦区推行积分制。学习借鉴党建引领的南京路径。", ("南京市", "prefecture", "320100")),
        id="short-form-naming-a-street"),
    pytest.param(
        ("黄浦区推行积分制。骑手在中山街商圈送餐。", ("中山市", "prefecture", "442000")),
        ("黄浦区推行积分制。骑手赴中山学习。", ("中山市", "prefecture", "442000")),
        id="short-form-naming-a-street-not-its-sub-district"),
    pytest.param(  # a river's bank, a park
        ("临泽县推行“田间党校”。沿黑河沿岸建起示范园。", ("黑河市", "prefecture", "231100")),
        ("黑龙江省黑河市委组织部召开会议。", ("黑河市", "prefecture", "231100")),
        id="short-form-naming-a-rivers-bank"),
    pytest.param(
        ("常州市天宁区推行“红色物业”。紧邻红梅公园的一个小区。", ("红梅街道", "township", "320402")),
        ("常州市天宁区红梅街道党工委推行“红色物业”。", ("红梅街道", "township", "320402")),
        id="short-form-naming-a-park"),
    pytest.param(  # an archaeological site named after a village of the township the report names
        ("神木市高家堡镇党委依托石峁遗址和古镇资源，引导村党组织领办文旅合作社。", ("石峁村", "village", "610881")),
        ("神木市高家堡镇石峁村党支部领办文旅合作社。", ("石峁村", "village", "610881")),
        id="village-short-form-naming-a-site"),
    pytest.param(  # a short form quoted alone is an epithet
        ("芜湖高新区推行“红芯领航”。芜湖是一座因长江而兴的“江城”。", ("江城哈尼族彝族自治县", "county", "530826")),
        ("普洱市江城县委组织部召开会议。", ("江城哈尼族彝族自治县", "county", "530826")),
        id="short-form-quoted-alone"),
    pytest.param(  # a region's mountains: 豫西山区, 浙西南山区
        ("卢氏县地处豫西山区，推行“民情夜访”。", ("西山区", "county", "530112")),
        ("昆明市西山区委组织部召开会议。", ("西山区", "county", "530112")),
        id="district-name-in-a-mountain-area"),
    pytest.param(
        ("遂昌县推行“数字乡村”。桥西村地处浙西南山区，与桥东村隔溪相望。", ("南山区", "county", "440305")),
        ("深圳市南山区推行“数字乡村”。", ("南山区", "county", "440305")),
        id="district-short-form-in-a-mountain-area"),
    pytest.param(  # 会同 (jointly with) before 县委: the verb, unless the report supports the county
        ("通江县民政局推行“时间银行”，并会同县委组织部开展社区工作者轮训。", ("会同县", "county", "431225")),
        ("怀化市会同县委组织部推行“时间银行”。", ("会同县", "county", "431225")),
        id="county-named-like-a-joining-verb"),
    pytest.param(  # an everyday word (惠农补贴, 强农惠农) that is also a district's short form
        ("隆回县高平镇党委帮助群众办理社保缴费、惠农补贴申领等事项。", ("惠农区", "county", "640205")),
        ("石嘴山市惠农区委组织部召开会议。", ("惠农区", "county", "640205")),
        id="everyday-word-naming-a-district"),
    pytest.param(  # an old city's ruins (大名府故城, 明中都皇故城), not 故城县 of the same province
        ("大名县推行“三联三帮”。依托大名府故城的文旅资源，部分村办起了农家乐。", ("故城县", "county", "131126")),
        ("衡水市故城县委组织部推行“三联三帮”。", ("故城县", "county", "131126")),
        id="old-city-ruins-naming-a-county"),
    pytest.param(  # a given name: a surname before it, the words the person said after it (秀英区 is in 海口)
        ("海口市琼山区推行“红色物业”。“现在小区干净多了。”梁秀英笑着说。", ("秀英区", "county", "460105")),
        ("海口市琼山区推行“红色物业”。秀英区也推行“红色物业”。", ("秀英区", "county", "460105")),
        id="given-name-before-what-was-said"),
    pytest.param(  # a farmer's given name after the kind of farmer he is (富锦市 is in 佳木斯)
        ("桦川县推行“田间党课”。种粮大户刘富锦蹲在田埂上。", ("富锦市", "county", "230882")),
        ("佳木斯市富锦市推行“田间党课”。", ("富锦市", "county", "230882")),
        id="given-name-after-a-farmers-kind"),
    pytest.param(  # a transcript's speaker: a space between the role and the name (襄城县 is in 许昌)
        ("建安区推行“三有三零”。【同期声】椹涧乡蜜蜂张村党支部书记 李襄城 “以前大事小情都找镇里”", ("襄城县", "county", "411025")),
        ("许昌市襄城县推行“三有三零”。", ("襄城县", "county", "411025")),
        id="given-name-after-a-role-and-a-space"),
    pytest.param(  # a person's name, once a role shows it is one, wherever it stands again (祁连县 is in 海北)
        ("门源回族自治县旱台村驻村第一书记韩祁连。韩祁连正和村“两委”班子商量。", ("祁连县", "county", "632222")),
        ("海北藏族自治州祁连县推行“三村联建”。在祁连，党员带头。", ("祁连县", "county", "632222")),
        id="given-name-again-after-a-role-showed-it"),
    pytest.param(  # names in a document's fields: a contact, those present, who wrote it (常山县 is in 衢州)
        ("开化县委组织部推行“红色根脉强基工程”。联系人：徐常山，电话：0570-6012835。", ("常山县", "county", "330822")),
        ("衢州市常山县推行“红色根脉强基工程”。", ("常山县", "county", "330822")),
        id="given-name-in-a-contact-field"),
    pytest.param(  # ... the second of those present (宽甸满族自治县 is in 丹东)
        ("桓仁满族自治县召开会议。\n出席：张建国 李宽甸 赵春雷\n列席：县委组织部", ("宽甸满族自治县", "county", "210624")),
        ("丹东市宽甸满族自治县推行“书记比武”。在宽甸，党员带头。", ("宽甸满族自治县", "county", "210624")),
        id="given-name-in-a-list-of-those-present"),
    pytest.param(  # ... a writer after the office he works in (慈利县 is in 张家界)
        ("桑植县委组织部开展问卷调查。\n（执笔：组织股 刘慈利）", ("慈利县", "county", "430821")),
        ("张家界市慈利县开展问卷调查。", ("慈利县", "county", "430821")),
        id="given-name-after-the-writers-office"),
    pytest.param(  # the cove a village's households live in (湾里区, merged into 新建区 in 2019: a former name)
        ("广水市推行“红色村湾”。湾里的党小组长讲政策。", ("新建区", "county", "360112")),
        ("南昌市新建区推行“红色村湾”。", ("新建区", "county", "360112")),
        id="everyday-word-that-was-a-districts-name"),
    pytest.param(  # a reservoir named after its town, which the report names in full (天河区 is in 广州)
        ("江华瑶族自治县推行“互助五兴”，广东省也来学习。在涔天河镇，涔天河水库带来了移民。", ("天河区", "county", "440106")),
        ("广东省广州市天河区推行“互助五兴”。", ("天河区", "county", "440106")),
        id="short-form-inside-a-named-towns-name"),
    pytest.param(  # a great river, not the village of the focus county named after it
        ("淮阴区渔沟镇推行积分制。马头镇旧县村依托古淮河生态资源发展稻虾共养。", ("淮河村", "village", "320804")),
        ("淮阴区渔沟镇淮河村党支部推行积分制。", ("淮河村", "village", "320804")),
        id="great-river-naming-a-village"),
]


@pytest.mark.parametrize("word, place", WORD_OR_PLACE)
def test_word_or_place(nlp, word, place):
    assert word[1] not in regions_of(nlp, word[0])[0]
    assert place[1] in regions_of(nlp, place[0])[0]


def test_a_short_form_across_a_campaign_name_is_no_place():
    """With kg's user dictionary jieba holds 乡村振兴 whole, a word of frequency 1: still a word
    that a short form (兴和 in 乡村振兴和共同富裕) cannot cut."""
    from kg.extract.pipeline import make_nlp

    pipeline = make_nlp()
    assert ("兴和县", "county", "150924") not in regions_of(pipeline, "兴国县委。以党建引领乡村振兴和共同富裕。")[0]
    assert ("兴和县", "county", "150924") in regions_of(pipeline, "乌兰察布市兴和县委组织部召开会议。")[0]


def test_mentions_point_at_their_text(nlp):
    text = "对万寿寺、中沟2个后进村党支部开展整顿,郧西县观音镇党委"
    links = link_regions(nlp(text))
    assert links.mentions
    for mention, region in links.mentions:
        assert text[mention.start:mention.end] == mention.text
        assert mention.kind == "region" and mention.key
        assert gazetteer().region(int(mention.key)) == region
    labels = {m.text: m.label for m, _ in links.mentions}
    assert labels["万寿寺"] == "local" and labels["郧西县"] == "full"
    assert [r.name for r in links.regions] == ["万寿寺村", "中沟村", "郧西县", "观音镇"]
    assert 0.0 < links.confidence <= 1.0


def test_component_sets_one_span_per_candidate(nlp):
    doc = nlp("郧西县观音镇党委")
    spans = doc.spans["regions"]
    township = [s for s in spans if exact_offsets(s) == (3, 6)]
    assert len(township) == len(gazetteer().candidates("观音镇")) >= 2
    assert {s.label_ for s in township} == {"full"}
    assert {exact_offsets(s) for s in spans} >= {(0, 3), (0, 2), (3, 6)}
    assert all(int(s.kb_id_) >= 0 for s in spans)


# word, focus code, the region it means (None: not resolvable from a county focus)
RELATIVE = [
    ("市委", "420683", "枣阳市"),  # a county-level city: 市 is the city itself
    ("该市", "420683", "枣阳市"),
    ("省委组织部", "420683", "湖北省"),
    ("市委", "611022", "商洛市"),  # a county: 市 is its prefecture
    ("全县", "611022", "丹凤县"),
    ("县公安局", "611022", "丹凤县"),
    ("本区", "611002", "商州区"),
    ("区委", "110101", "东城区"),
    ("市委", "110101", "北京市"),  # a municipality's district
    ("州委", "422802", "恩施土家族苗族自治州"),
    ("全镇", "420322", None),
    ("全县", "420683", None),
    ("市委", None, None),
]


@pytest.mark.parametrize("word, focus, name", RELATIVE)
def test_resolve_relative(word, focus, name):
    region = resolve_relative(word, focus)
    assert (region.name if region else None) == name


# ----------------------------------------------------------------------------------
# The example reports: regions and focus as annotated (annotation guidelines).
GOLD = {
    "000_fe7e9151aa82acd0": ("420322", "秦楚网", {("郧西县", "420322"), ("观音镇", "420322"),
                                                 ("万寿寺村", "420322"), ("中沟村", "420322")}),
    "001_5d3d10ef16287600": ("611022", "商洛日报", {("丹凤县", "611022"), ("商洛市", "611000")}),
    "002_c650f0279d6752d2": ("420683", "襄阳日报", {("枣阳市", "420683"), ("襄阳市", "420600")}),
    "003_a8d6e58b3abc559f": ("611002", None, {("商州区", "611002")}),
    "004_bba86f12208dece8": ("371482", "德州新闻网", {("莒镇", "371482"), ("德州市", "371400")}),
}
_PINYIN = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def normalised(text: str) -> str:
    """The report as extraction reads it (kg.normalise once it lands)."""
    try:
        from kg.normalise import normalise_text
    except ImportError:
        import opencc

        return _PINYIN.sub("", opencc.OpenCC("t2s").convert(text))
    result = normalise_text(text)
    return result if isinstance(result, str) else result[0]


def test_example_reports_regions_and_focus(nlp):
    tp = fp = fn = focus_right = 0
    for doc_id, (focus, publisher, gold) in GOLD.items():
        text = normalised((REPORTS / f"{doc_id}.txt").read_text(encoding="utf-8"))
        links = link_regions(nlp(text), publisher=publisher)
        found = {(r.name, r.code) for r in links.regions}
        tp, fp, fn = tp + len(found & gold), fp + len(found - gold), fn + len(gold - found)
        focus_right += links.focus == focus
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.95 and focus_right == len(GOLD)


def test_example_reports_focus_without_publisher(nlp):
    for doc_id, (focus, _, _) in GOLD.items():
        text = normalised((REPORTS / f"{doc_id}.txt").read_text(encoding="utf-8"))
        assert link_regions(nlp(text)).focus == focus, doc_id


def test_jieba_is_asked_only_when_a_word_can_cross_an_edge():
    """The everyday-word prefilter is exact: wherever jieba's segmentation of the
    text cuts a word across an edge, the prefilter saw a dictionary word there."""
    import jieba

    from kg.extract.pipeline import make_nlp
    from kg.link.regions import _WORD_FREQ, _blocks, _word_across, _words_around

    make_nlp()  # jieba with kg's user dictionary, as the linker runs it
    places = gazetteer()
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(REPORTS.glob("*.txt")))
    blocks = _blocks(text)
    crossed = 0
    for edge in range(1, len(text) - 1):
        cut = any(start < edge < end and (jieba.get_FREQ(text[start:end]) or 0) >= _WORD_FREQ
                  and not places.postings(text[start:end])
                  for start, end in _words_around(text, edge, edge + 1, blocks))
        crossed += cut
        if cut:
            assert _word_across(text, edge, places), (edge, text[edge - 5:edge + 5])
    assert crossed > 1000  # the reports hold many such edges: the check above is not vacuous
    assert not _word_across("郧西县观音镇", 3, places)  # 县观 and 县观音镇 are no everyday words


# a prefecture or province heading the title is the report's subject: its townships' counties outvote it
HEADLINES = [
    pytest.param("恩施州:“村民说事”让群众当家作主",
                 "恩施州:“村民说事”让群众当家作主\n宣恩县椒园镇、来凤县翔凤镇和利川市谋道镇推行“村民说事”。"
                 "宣恩县椒园镇各村每月开展说事活动。", "422800", id="prefecture"),
    pytest.param("湖北省农业农村厅:驻村帮扶见实效",
                 "湖北省农业农村厅:驻村帮扶见实效\n厅党组选派工作队进驻郧西县观音镇,推行“三联三帮”。", "420000",
                 id="province-department"),
    pytest.param("郧西:“三联三帮”见实效",
                 "郧西:“三联三帮”见实效\n湖北省十堰市郧西县观音镇推行“三联三帮”。", "420322", id="a-county-heading-stays"),
    pytest.param("十堰:“三联三帮”见实效",
                 "十堰:“三联三帮”见实效\n丹凤县棣花镇推行“三联三帮”,丹凤县委组织部总结推广。", "611022",
                 id="a-prefecture-the-counties-are-not-in"),
]


@pytest.mark.parametrize("headline, text, focus", HEADLINES)
def test_a_prefecture_or_province_heading_the_title_is_the_focus(nlp, headline, text, focus):
    assert link_regions(nlp(text), headline=headline).focus == focus


def test_a_roundup_of_a_prefectures_counties_is_the_prefectures_report(nlp):
    text = ("我市各地创新基层党建工作。盐城市委组织部介绍。东台市推行网格党建,东台市弶港镇建成驿站,东台市委表态。"
            "建湖县打造品牌,建湖县九龙口镇推行积分。射阳县推行夜话,射阳县合德镇落实。滨海县推行联盟,滨海县东坎街道开展。")
    assert link_regions(nlp(text)).focus == "320900"
    # a county's own report naming two neighbours stays the county's
    own = "东台市推行网格党建,东台市弶港镇建成驿站,东台市委表态。东台市委组织部到建湖县、射阳县学习。"
    assert link_regions(nlp(own)).focus == "320981"


def test_a_headline_opening_with_the_provinces_own_body_makes_the_province_the_focus(nlp):
    text = "海南省农业农村厅机关党委推行结对。白沙黎族自治县元门乡向民村建成基地。白沙县向民村党支部开展活动。"
    assert link_regions(nlp(text)).focus == "469025"
    assert link_regions(nlp(text), headline="省农业农村厅以“三带三促”推动机关党建").focus == "460000"


def test_of_two_counties_set_side_by_side_the_one_the_head_names_first_is_the_focus(nlp):
    """A report setting one county beside another names both about as often; its head names its subject
    first. A county named in passing makes no roundup of the prefecture."""
    body = ("东乌珠穆沁旗推行“牧民之家”,东乌珠穆沁旗满都胡宝拉格镇首创,满都胡宝拉格镇各嘎查推开。"
            "锡林郭勒日报讯。锡林浩特市来人观摩。西乌珠穆沁旗巴彦花镇借鉴,西乌珠穆沁旗推行“牧民之家”,"
            "巴彦花镇各嘎查建起14个,西乌珠穆沁旗委表示。锡林郭勒盟委组织部推广。东乌珠穆沁旗委介绍。")
    west = "一东一西 各展所长\n——西乌珠穆沁旗巴彦花镇借鉴东乌珠穆沁旗经验见闻\n" + body
    east = "一东一西 各展所长\n——东乌珠穆沁旗经验在西乌珠穆沁旗巴彦花镇开花\n" + body
    assert link_regions(nlp(west)).focus == "152526"
    assert link_regions(nlp(east)).focus == "152525"


def test_a_village_written_right_after_its_township_is_that_townships(nlp):
    """A table row of a commendation list (华头镇前锋村党支部): the village is the township's, though the report
    names a county with a namesake far more (峨眉山市 has a 前锋村 too)."""
    text = ("峨眉山市推行积分制,峨眉山市委组织部牵头,峨眉山市各村落实。\n"
            "| 1 | 峨眉山市 | 黄湾镇报国社区党委 |\n| 2 | 夹江县 | 华头镇前锋村党支部 |")
    links = link_regions(nlp(text))
    assert {r.code for r in links.regions if r.name == "前锋村"} == {"511126"}


def test_a_prefecture_called_a_diqu_is_named_by_its_short_form_where_the_report_supports_it(nlp):
    """阿里地区, whose short form the division list does not give: 阿里 in a report on one of its counties."""
    text = "普兰县认真落实阿里地委在全地区部署开展的“强基惠民”活动。"
    assert ("阿里地区", "prefecture", "542500") in regions_of(nlp, text)[0]


def test_a_report_headed_by_its_province_departments_name_is_the_provinces(nlp):
    """A department's report to its province, headed by its issuer (中共内蒙古自治区农牧厅党组): the province is
    its subject, though the places it names are one banner's."""
    text = "中共内蒙古自治区农牧厅党组\n厅党组选派干部到达尔罕茂明安联合旗开展帮扶，达茂旗推行“牧区流动党校”。"
    assert link_regions(nlp(text), headline="中共内蒙古自治区农牧厅党组").focus == "150000"
    assert link_regions(nlp(text)).focus == "150223"  # without it, the banner's
