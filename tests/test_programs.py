"""Programs and slogans: what the cues decide, and which names meet in one node."""
from __future__ import annotations

import pytest

from kg.extract.programs import find_programs_and_slogans
from kg.link.programs import canonical_program


def _found(text):
    return {(c.kind, c.name) for c in find_programs_and_slogans(text)}


@pytest.mark.parametrize("text, expected", [
    # a head noun after the quote makes a program; the head goes from the name
    ("一是坚持“三会一课”制度。", {("program", "三会一课")}),
    ("大力开展“两建两带”活动,推行“支部+”模式。", {("program", "两建两带"), ("program", "支部+")}),
    # a core that is only a number keeps its head
    ("推行基层干部联系服务群众“2+5”工作法(乡镇干部)", {("program", "2+5工作法")}),
    ("纳入脱贫攻坚退出“577”标准,加大投入", {("program", "脱贫攻坚"), ("program", "577标准")}),
    # a run of quotes shares the words after its last quote
    ("推行“民主议事周”、“问题墙+回音壁”等制度,全力提升", {("program", "民主议事周"), ("program", "问题墙+回音壁")}),
    # a slogan cue: principle, thought
    ("坚持“因地制宜、科学合理、简朴实用”的原则,按照", {("slogan", "因地制宜、科学合理、简朴实用")}),
    ("“开会是义务,也是政治待遇”的思想深入人心", {("slogan", "开会是义务,也是政治待遇")}),
    # a quoted enumeration of the steps that make a method is a program
    ("明确“村民提事、茶桌议事、支部定事、全程督事”四个环节,议定事项", {("program", "村民提事、茶桌议事、支部定事、全程督事")}),
    ("推行“群众点单、支部派单、党员接单”工作流程。", {("program", "群众点单、支部派单、党员接单")}),
    # a metaphor after a slogan verb, or closing a headline
    ("越韵铸魂,唱好“共富戏”。作为越剧诞生地,村里办起剧团", {("slogan", "共富戏")}),
    ("抓住了产业这个“牛鼻子”,为山区县提供了经验", {("slogan", "牛鼻子")}),
    ("让党建引领的“一根针”穿起乡村治理的“千条线”。", {("slogan", "一根针"), ("slogan", "千条线")}),
    # the speaker's words closing the sentence that says who speaks, after what was told, are no saying;
    # a saying people have, right after the verb, is one
    ("书记向红梅介绍,村里议定事项27件,“以前有事找不到人,现在院坝里就把事议了”。", set()),
    ("当地群众说,“夜里访一访,心里亮堂堂”。", {("slogan", "夜里访一访,心里亮堂堂")}),
    ("打好“组合拳”,通过强短板", {("slogan", "组合拳")}),
    ("规范考核制度,拧紧书记“总开关”\n", {("slogan", "总开关")}),
    # ... but one everyday word closing a heading is emphasis, unless jieba knows it as a name (连心桥)
    ("党建引领“红色物业” 让小区治理有“温度”\n正文。", {("program", "红色物业")}),
    ("干群之间架起“连心桥”\n正文。", {("slogan", "连心桥")}),
    # count patterns are programs, with or without a head
    ("明确“五选”高线,严守“八不选”底线", {("program", "五选"), ("program", "八不选")}),
    # a verb of carrying out makes a program of an unmarked quote
    ("创建“金牌调解”,学习新时代“枫桥经验”", {("program", "金牌调解"), ("program", "枫桥经验")}),
    # a motto that happens to start with a numeral is no count pattern; its full stop is no part of it
    ("继续坚持“一张蓝图绘到底”,为乡村振兴提供保障", {("slogan", "一张蓝图绘到底"), ("program", "乡村振兴")}),
    ("“小康不小康,关键看老乡。”霞浦县将继续", {("slogan", "小康不小康,关键看老乡")}),
    # emphasis and institutions are neither
    ("流动党员心中有“家”,“思家之情”常在", set()),
    ("存在“空白”、运转不畅", set()),
    ("驻村干部和村“两委”班子齐发力", set()),
    # national campaigns unquoted, and through quote marks
    ("在脱贫攻坚战和精准扶贫中", {("program", "脱贫攻坚"), ("program", "精准扶贫")}),
    ("全县各级党组织结合党纪学习教育，组织党员到小岗村接受党性教育", {("program", "党纪学习教育")}),
    ("确定每月25日为基层“三务”公开日", {("program", "三务公开")}),
    # an initiative named by a trigger verb and a head noun
    ("实施村干部三年素质提升工程,选拔", {("program", "村干部三年素质提升工程")}),
    # a number pattern with a variable keeps its head; words between the quote and the head stay in the name
    ("推行“2+N”工作法,推动", {("program", "2+N工作法")}),
    ("开展“4+2”攻坚清零行动,确保", {("program", "4+2攻坚清零行动")}),
    # launched or explored: a program
    ("镇党委推出“红色积分银行”,党员参加志愿服务", {("program", "红色积分银行")}),
    ("该村探索“土地入股、收益共享”,带动", {("program", "土地入股、收益共享")}),
    # a title in 《》 that the body runs is an activity; a book or a document is not
    ("社区开设《周末党课》,每月一期", {("program", "周末党课")}),
    ("组织党员学习《梁家河》,印发《实施方案》", set()),
    # someone's words are no slogan and no program: a first person, a colon, a speech verb
    ("“以前路不好走,我们出门都难。”村民老张说", set()),
    ("他说:“事情摆到桌面上,大家都服气。”", set()),
    ("“事情摆到桌面上,大家都服气。”一位老党员感慨道", set()),
    ("开展“我为群众办实事”实践活动", {("program", "我为群众办实事")}),
    # what a clause likens something to is a metaphor: a slogan; a quote beside 当地 is not
    ("让村党支部书记成为村民心中的“定盘星”。", {("slogan", "定盘星")}),
    ("闲置校舍变身“红色驿站”,成为", {("slogan", "红色驿站")}),
    ("品尝当地的“农家小炒”,感受", set()),
    # a quote inside a body's name names no program; a demonstrative names none either
    ("县委“两新”工委召开会议", set()),
    ("各乡镇推行这一工作法,实施该项工程", set()),
    # national campaigns beyond party building; a task force is no program
    ("社区党委坚持疫情防控和经济发展两手抓,推进易地扶贫搬迁", {("program", "疫情防控"), ("program", "易地扶贫搬迁")}),
    ("县委选派驻村工作队进村", set()),
    # a program verb, a short object, the quote; not after a verb that is a noun too (两新组织党建“同心圆”)
    ("推行党员“积分量化”管理,在泵站设立", {("program", "积分量化")}),
    ("组建鞋服产业“红色联盟”,共享阵地", {("program", "红色联盟")}),
    ("串起两新组织党建“同心圆”\n", {("slogan", "同心圆")}),
    # the verb right before the quote, or a longer object, or a run of quotes after it; 开设, 设立 set one up
    ("对收集的问题,镇里实行“分级办理”:村里能解决的当天办理", {("program", "分级办理")}),
    ("推行涉农审批事项“一次性告知”“容缺受理”,审批时限压缩", {("program", "一次性告知"), ("program", "容缺受理")}),
    ("依托党群服务中心开设“农牧民夜校”,每周开课两次。镇党委设立党员“生态岗位”,由党员担任护林员",
     {("program", "农牧民夜校"), ("program", "生态岗位")}),
    # built right after its verb, a program; with an object between, or a goal, a likeness
    ("靖西市在龙邦镇率先打造“边境党建长廊”,串联起12个村", {("program", "边境党建长廊")}),
    ("打造党性锻炼“大课堂”。推进合作社、打造“乡村振兴齐鲁样板”的缩影", {("slogan", "大课堂"), ("slogan", "乡村振兴齐鲁样板")}),
    # an idiom counts nothing; what a measure word counts is a likeness
    ("郎岱镇:“三抓三促”激活乡村振兴“一池春水”\n正文。", {("program", "三抓三促"), ("program", "乡村振兴"), ("slogan", "一池春水")}),
    ("将持续擦亮“四面红旗”这块“金招牌”,努力实现目标", {("program", "四面红旗"), ("slogan", "金招牌")}),
    # a quote before 党组织 (generic bodies, no 党组) is what they are created to be; how often, after the verb
    ("在非公企业中开展“双强六好”党组织创建活动", {("program", "双强六好")}),
    ("每月召开一次“火塘夜话”,围坐在火塘边拉家常", {("program", "火塘夜话")}),
    # a composite's parts as headings numbered （二） or 3.
    ("深入推进“三抓三强”工程。\n（二）抓产业强集体，动能更加充沛。\n3.抓治理强服务，群众满意。",
     {("program", "三抓三强"), ("program", "抓产业强集体"), ("program", "抓治理强服务")}),
    # a count's parts in one quote: joined by 、 (the whole is no program of its own), or spelled out after
    # a name that counts in its last two characters, in corner quotes
    ("落实省委“三抓三促”行动部署,以“抓学习促提升、抓执行促落实、抓效能促发展”为抓手",
     {("program", "三抓三促"), ("program", "抓学习促提升"), ("program", "抓执行促落实"), ("program", "抓效能促发展")}),
    ("推进「互助五兴」工作,即「学习互助兴思想、生产互助兴产业、乡风互助兴文明、邻里互助兴和谐、治理互助兴平安」,组建小组",
     {("program", "互助五兴"), ("program", "学习互助兴思想"), ("program", "生产互助兴产业"),
      ("program", "乡风互助兴文明"), ("program", "邻里互助兴和谐"), ("program", "治理互助兴平安")}),
    # stock figures of the national discourse, with no program head after them
    ("纾困解难有了“快车道”。让群众端稳“金饭碗”", {("slogan", "快车道"), ("slogan", "金饭碗")}),
    ("配强发展“领跑者”,注入“红色动能”", {("slogan", "领跑者"), ("slogan", "红色动能")}),
    # an everyday word that starts with a numeral counts nothing, even before a program's head
    ("把抓党建作为“一把手”工程,推行“三会一课”制度", {("program", "三会一课")}),
    # what a clause opposes right after 反 is no program; 违反 is another verb
    ("党员带头查隐患、反“三违”,企业连续安全生产", set()),
    ("党员带头查隐患、落实“三违”整治,企业连续安全生产", {("program", "三违")}),
    # what a body builds towards, quoted before 建设
    ("社区围绕“15分钟社区生活圈”建设,新增了助餐点", {("program", "15分钟社区生活圈")}),
    # a quoted name ending in a program head: a lecture, a list, a roll, a meeting format
    ("社区把“周末微党课”搬进了微信群", {("program", "周末微党课")}),
    ("张贴“红黑榜”,表扬先进", {("program", "红黑榜")}),
    ("用群众熟悉的“坝坝会”讲政策,成立“老年协会”。", {("program", "坝坝会")}),
    # a named problem is a catchphrase, not an initiative, however it counts
    ("防止学习和工作“两张皮”。破解“三不管”难题", {("slogan", "两张皮"), ("slogan", "三不管")}),
    ("一是坚持“两张皮”制度。", {("program", "两张皮")}),  # a program head still makes a program
    ("违章搭建等“老大难”问题基本清零", set()),  # an everyday word, quoted before 问题, is no catchphrase
    # the first of problems listed plainly is said plainly, no catchphrase
    ("部分议事厅“重建设、轻运行”、议事人员能力不足等问题确实存在。", set()),
    # an unquoted activity a report makes its lever is named; a generic one is not
    ("普兰县以强基惠民活动为抓手，深化创建。以党建活动为载体。", {("program", "强基惠民")}),
    # numerals alone that count keep their head, as a number pattern does; a rating of people is no program;
    # a week named for an activity is one, as a day is
    ("认真落实渭南市委在全市实施的“十百千”示范工程。", {("program", "十百千示范工程")}),
    ("现场接受评议，评出“五星级”支部书记38名。", set()),
    ("额敏县委把每两个月的第一周定为“结亲周”。", {("program", "结亲周")}),
    ("澄城县以开展基层组织建设年活动为契机。", {("program", "基层组织建设年")}),
    # a quote that is carried on, set up by a body or joined with another practice names a practice
    ("在北安社区，“夜访敲门”已坚持了两年多。", {("program", "夜访敲门")}),
    ("“达斡尔之家”是区委组织部打造的民族团结阵地，由村党组织牵头。", {("program", "达斡尔之家")}),
    ("镇党委把曲棍球比赛和“民族团结联户”结合起来，组织党员结对。", {("program", "民族团结联户")}),
    # a kind of place a program sets up, counted, is the program, whatever verb builds it
    ("全区在每个街道建设一个“社区书记工作室”,由书记领衔。", {("program", "社区书记工作室")}),
    ("沿河打造一批“诗乡驿站”,供游客歇脚。", {("program", "诗乡驿站")}),
    # what changes into what, what a place is, a place's brand: slogans
    ("让党员教育由“大水漫灌”变为“精准滴灌”,为全县", {("slogan", "大水漫灌"), ("slogan", "精准滴灌")}),
    ("党组织真正成为“主心骨”。党员联户成了群众身边的“贴心网”。",
     {("slogan", "主心骨"), ("slogan", "贴心网")}),
    ("互助是“彩虹的故乡”。立足“中国茶城”资源优势", {("slogan", "彩虹的故乡"), ("slogan", "中国茶城")}),
    ("平谷素有“中国桃乡”之称,享有“花果山”的美誉。该村获得“全国文明村”称号", {("slogan", "中国桃乡"), ("slogan", "花果山")}),
    # an epithet, however long; what something has changed into
    ("在中复村,这个被誉为“红军长征第一村”的地方。如今,荒山变成了“花果山”。",
     {("slogan", "红军长征第一村"), ("slogan", "花果山")}),
    # one name, one kind in a report: where the same quote names a program, it is that program
    ("成县推行“院落长制”。这是成县为“院落长制”确定的目标。", {("program", "院落长制")}),
    # a stock figure of the genre is a slogan with no other cue; a program head still makes a program
    ("选优配强“领头雁”。激活基层治理“神经末梢”。", {("slogan", "领头雁"), ("slogan", "神经末梢")}),
    ("带领渔民转产转业、发展深远海养殖的“主心骨”。", {("slogan", "主心骨")}),
    ("深入实施“头雁”工程,选优配强村党组织书记", {("program", "头雁")}),
    ("重点是“三会一课”。", {("program", "三会一课")}),
    # a flow of steps a body follows is a program however many clauses it has
    ("按照“群众提事、支部定事、党员办事、村民评事”的流程,让大事小情有人管。",
     {("program", "群众提事、支部定事、党员办事、村民评事")}),
    # a year given to a campaign is a program; an anniversary is none
    ("紧扣全省“基层党建推进年”部署,开展“作风建设年”活动,迎接“建党100周年”。",
     {("program", "基层党建推进年"), ("program", "作风建设年")}),
    # a saying nothing else names is a motto; not a title given, a thing named, a policy or someone's words
    ("如今,“幸福是奋斗出来的”已成为村民的共识。“远亲不如近邻”成了口头禅", {("slogan", "幸福是奋斗出来的"), ("slogan", "远亲不如近邻")}),
    ("让边境群众“守好祖国南大门”。", {("slogan", "守好祖国南大门")}),
    ("这个被评为“全国民主法治示范村”的山村,有了“党员群众服务站”,方便群众。", set()),
    ("组织部先行试点“村党组织书记专职化管理”,对表现优秀", {("program", "村党组织书记专职化管理")}),  # tried out
    ("书记荣获“全国五一劳动奖章”,带领群众致富", set()),
    ("“三带三促”即“带头学习促提升”“带头服务促发展”。", {("program", "三带三促"), ("program", "带头学习促提升"), ("program", "带头服务促发展")}),
    # a festival's date is no count program; a quote someone said is no slogan; an alliance keeps a number's head
    ("“八一”建军节前夕,“七一”当天,镇党委走访", set()),
    # a rating quoted alone is the program that names the bodies it rates, where the report names it so
    ("“五星”争创见实效\n全面开展“五星支部”创建,制定“五星”评定细则。", {("program", "五星支部")}),
    ("制定“五星”评定细则。", {("program", "五星")}),
    # an activity joined (参加“…”) or one a body has others do (安排村干部“…”) is a program
    ("县直机关工委组织机关党员每周到社区参加“周末志愿服务”。", {("program", "周末志愿服务")}),
    ("对年老体弱的党员,镇党委安排村干部“送学上门”,确保组织生活不落一人。", {("program", "送学上门")}),
    ("县快递行业党委组织快递小哥担任“流动网格员”,随手上报隐患。", {("program", "流动网格员")}),
    ("他担任“老支书”多年。", set()),
    # a spirit carried on is neither; nor a policy paper by its count of articles, nor the body a village elects
    ("区委传承弘扬“八十二烈士”精神,深化党建品牌。", set()),
    ("市委组织部牵头制定基层治理“20条措施”,建立责任体系。", set()),
    ("推行“村级管理十条规范”。", {("program", "村级管理十条规范")}),
    ("统筹村委会、村务监督委员会、村集体经济组织力量。", set()),
    ("各村健全村务监督,公开账目。", {("program", "村务监督")}),
    ("“以前见面都不打招呼,现在议事会上一起商量事情。”居住在社区12年的王阿姨说", set()),
    ("“急诊是医院的前哨,党员就要冲在最前面。”急诊科党支部书记、主任医师陈立新说。", set()),  # a long title before 说
    # a whole sentence quoted with its stop, longer than a saying, is someone's words wherever the speaker comes
    ("“一代接着一代干,硬是把沙丘变成了林海。”站在固沙林前,72岁的老党员感慨地说。", set()),
    ("“要致富,先修路。”东安镇兴田村是贫困村。", {("slogan", "要致富,先修路")}),
    ("推行“1+N”党建联盟,共建共享", {("program", "1+N党建联盟")}),
    ("探索形成了“1+N”工作机制:“1”即村党组织", {("program", "1+N工作机制")}),  # two heads in a row
    # party members' points (党员积分制管理) are a program of their own beside the villagers' (积分制管理,
    # unquoted as written, as the golds of dev12, dev15 and dev17 name it); a quoted campaign inside a
    # longer one names the quoted one
    ("推行党员积分制管理,开展积分制管理提质扩面", {("program", "党员积分制管理"), ("program", "积分制管理")}),
    ("实行党员“积分制”管理,推行党员积分管理", {("program", "积分制"), ("program", "党员积分制管理")}),

    # national programs of the border and of East–West cooperation, named unquoted
    ("把党建引领与兴边富民行动结合起来。依托东西部扶贫协作资金建设车间", {("program", "兴边富民行动"), ("program", "东西部协作")}),
    # a rating bodies earn is a creation standard, a program; a body's own name is none
    ("各村党组织对标“四强”党支部,争创“五星级党组织”", {("program", "四强党支部"), ("program", "五星级党组织")}),
    ("急诊科党支部先后3次被评为县直机关“红旗党支部”", {("program", "红旗党支部")}),
    ("小区成立“金色港湾”党支部", set()),
    # the campaign's core quoted with its head noun after the quote: the quoted core, as any quoted program
    ("镇党委结合“兴边富民”行动,组织沿边村党员成立党员护边队", {("program", "兴边富民")}),
    # national programs the annotators name as written; a generic clean-up names none
    ("深入实施精准扶贫、精准脱贫,建成村级光伏扶贫电站。开展农村人居环境整治", {("program", "精准扶贫"), ("program", "精准脱贫"), ("program", "光伏扶贫")}),
    ("以学习贯彻习近平新时代中国特色社会主义思想主题教育为契机,深化农村集体产权制度改革",
     {("program", "学习贯彻习近平新时代中国特色社会主义思想主题教育"), ("program", "农村集体产权制度改革")}),
    ("持续巩固拓展脱贫攻坚成果", {("program", "脱贫攻坚")}),
    # East–West cooperation of two provinces
    ("依托闽宁协作项目,建设基地;沪滇扶贫协作持续深化", {("program", "闽宁协作"), ("program", "沪滇扶贫协作")}),
    # the state a practice has formed, said in clauses, is a motto; a method formed is a program
    ("党小组长负责邻里调解,形成“发现在楼栋、解决在网格”的工作闭环。", {("slogan", "发现在楼栋、解决在网格")}),
    ("形成了“户有事找党员、党员有事找支部”的工作格局。", {("slogan", "户有事找党员、党员有事找支部")}),
    ("形成了“一炉一话一本”的工作流程。", {("program", "一炉一话一本")}),
    # a number pattern quoted alone, or with the start of its head, is the method the report names with its head
    ("推行“3+X”工作法。建立“3+X”工作台账,让“3+X”真正落地。", {("program", "3+X工作法")}),
    ("让“3+X”真正落地。", {("program", "3+X")}),
    # the two ends of a change are stages, not names; a change likened (由“…”变为“…”) stays a figure
    ("从“一地试点”到“全市推开”——临沂“3+X”工作法激活基层治理", {("program", "3+X工作法")}),
    ("推动基层治理从“被动应对”向“主动服务”转变。", set()),
    # a saying introduced as one is a slogan, even with a colon and its own stop; what a place earns is a figure
    ("当地流传着一句话：“一片叶子富了一方百姓”。边民们常说：“守边就是守家。”",
     {("slogan", "一片叶子富了一方百姓"), ("slogan", "守边就是守家")}),
    ("牧民们守着美丽风景就能吃上“旅游饭”。", {("slogan", "旅游饭")}),
    # a saying the next words call one (这是…的口号, 这是…常挂在嘴边的话), though it reads as speech
    ("“党校办在田埂上，课堂开在大棚里。”这是田间党校的口号。\n“听十遍不如看一遍，看十遍不如干一遍。”这是学员们常挂在嘴边的话。",
     {("slogan", "党校办在田埂上，课堂开在大棚里"), ("slogan", "听十遍不如看一遍，看十遍不如干一遍")}),
    ("被誉为“八卦城”的特克斯县城,持续发力。", {("slogan", "八卦城")}),  # an epithet, though it counts
    # what is held to (坚持) after what is carried out (推行) in the same clause is a principle
    ("各县在推行中坚持“党员多跑腿、群众少跑路”,让群众满意。", {("slogan", "党员多跑腿、群众少跑路")}),
    ("各县推行“党员多跑腿”,让群众满意。", {("program", "党员多跑腿")}),
    # a quote inside a document's title names no program (the document is none either)
    ("县委印发《关于命名2022年度“五星”“四星”支部的决定》,推行“五星支部”创建。", {("program", "五星支部")}),
    # a named place, post or role set up (建起3个“…”, 改造成“…”, 聘请“…”62名, 评选「…」「…」)
    ("街道在临街门面建起3个“小哥驿站”,还从骑手中聘请“骑手网格员”62名。",
     {("program", "小哥驿站"), ("program", "骑手网格员")}),
    ("村党支部把闲置农房改造成“红色驿站”,为游客提供咨询。", {("program", "红色驿站")}),
    ("积分也可以作为评选“美丽庭院”“文明家庭”的依据。", {("program", "美丽庭院"), ("program", "文明家庭")}),
    # sayings someone's words quote in turn (single quotes); not a figure of the speech, nor a program
    ("村民说:“以前是‘晴天一身土，雨天两脚泥’，现在路通了。”", {("slogan", "晴天一身土，雨天两脚泥")}),
    ("书记说:“各族群众就像‘石榴籽’一样紧紧抱在一起。”", {("slogan", "石榴籽")}),
    ("书记说:“现在红色资源成了村里的‘金饭碗’。”", set()),
    ("书记说:“我们既要传承好‘两个务必’,也要学习外地经验。”", set()),
    # a motto handed down, a living a place earns, an epithet a place is famous as, its brand
    ("正墙上刻着先祖留下的祖训“耕读传家”。贫困户在家门口端上了“产业饭碗”。", {("slogan", "耕读传家"), ("slogan", "产业饭碗")}),
    ("金达莱村是远近闻名的“朝鲜族民俗第一村”。“金张掖”的金字招牌,离不开党员。",
     {("slogan", "朝鲜族民俗第一村"), ("slogan", "金张掖")}),
    ("诸暨是远近闻名的“枫桥经验”发源地。", {("program", "枫桥经验")}),
    # what a program runs on or writes into (依托“…”, 纳入“…”评比, 配发“…”), the titles a place awards (评出“…”)
    ("天一社区依托“天一议事厅”议事,把参与情况纳入“美德积分”评比,为干部配发“结亲日志”。",
     {("program", "天一议事厅"), ("program", "美德积分"), ("program", "结亲日志")}),
    ("年底评出“护江先锋”“兴业先锋”各50名。", {("program", "护江先锋"), ("program", "兴业先锋")}),
    # set up with a count (组建了18支“…”, 选出12名『…』, 评出的“…”), tried out (试行“…”)
    ("全县组建了18支“花灯轻骑兵”宣讲队。村党支部选出12名『茶管家』。评出的“红旗乡镇”在全县通报表扬。",
     {("program", "花灯轻骑兵"), ("program", "茶管家"), ("program", "红旗乡镇")}),
    ("镇里在桥西村试行“党员数字联户”。", {("program", "党员数字联户")}),
    # a day given to an activity is a program; a day named by its date is none
    ("服务中心每周三中午开放“党员学习日”,去年“双十一”卖出脐橙8万斤。", {("program", "党员学习日")}),
    # a saying a place is known by (之说), what a place is also called, what a thing is likened to
    ("卢氏素有“八山一水一分田”之说。县城又叫“荷城”。党组织像一条“红色纽带”。芜湖是一座因长江而兴的“江城”。",
     {("slogan", "八山一水一分田"), ("slogan", "荷城"), ("slogan", "红色纽带"), ("slogan", "江城")}),
    # an organisation's kind is no verb (让社会组织“有归属”), nor 两新 a program
    ("延伸服务触角,让社会组织“有归属”。街道把物业党建纳入“两新”党建工作体系。", set()),
    # not in the short sentence of parallel clauses that heads a paragraph
    ("找到“流动党员”，建起“移动支部”。商圈党委逐一摸排党员。", set()),
    # integral management unquoted is named as written; quoted, its quoted core is the program
    ("东风村党支部推行积分制管理。", {("program", "积分制管理")}),
    ("东风村实行党员“积分制”管理。", {("program", "积分制")}),
    # a section's numbered heading names the practice it tells (a motto in clauses does not)
    ("（四）“党员亮身份”，让党员在群众中立起来。\n全乡党员在家门口悬挂标识牌。", {("program", "党员亮身份")}),
    # clauses quoted before 的 and a brand or a place made: a motto
    ("打响“参香满山、酒香满城”的桓仁品牌。努力打造“畲汉一家亲、同心奔小康”的民族团结示范乡。",
     {("slogan", "参香满山、酒香满城"), ("slogan", "畲汉一家亲、同心奔小康")}),
    # a difficulty said plainly is no catchphrase: X难, or a quote before 的问题; what people complain of
    (("为解决牧区党员“集中难、学习难”的问题，开讲党课。解决了年老党员“出门难”问题。针对院落“没人管”的难题，推行物业。"
      "党员普遍反映课程“听不懂、记不住”。"), set()),
    ("防止学习、工作“两张皮”。", {("slogan", "两张皮")}),
    # a slogan on a banner, a rule someone set, a saying the next words call an appraisal
    (("村口新刷了一条标语：“幸福不会从天降，好日子是干出来的”。我给自己定了个规矩：“白天跑田坎、晚上坐火塘”。"
      "“党旗插在草原上，牧民心里亮堂堂。”这是牧民们对基层党组织最朴实的评价。"),
     {("slogan", "幸福不会从天降，好日子是干出来的"), ("slogan", "白天跑田坎、晚上坐火塘"),
      ("slogan", "党旗插在草原上，牧民心里亮堂堂")}),
    # national programs: science and technology commissioners, keeping children in school, Mandarin before school
    ("学校选派45名科技特派员常年服务乡村振兴一线。村里做好控辍保学和学前学普工作。",
     {("program", "科技特派员"), ("program", "乡村振兴"), ("program", "控辍保学"), ("program", "学前学普")}),
    # a campaign's name inside a title a place was awarded is no campaign it carries out; a demonstration
    # site a town designates for it is
    ("千秋村被评为市级美丽乡村示范村。亭口镇党委将衣家村列为乡村振兴示范点。", {("program", "乡村振兴")}),
    # a line of work set out in clauses (提出“…、…”的工作思路) is a motto; a place's brand is one whatever
    # head follows it
    ("那曲县提出“支部建在草场上、党员亮在帐篷前”的工作思路。为服务“世界铜都”建设提供保证。",
     {("slogan", "支部建在草场上、党员亮在帐篷前"), ("slogan", "世界铜都")}),
    # a year's schedule names its activities; a contest is a program by its head (比拼, 擂台赛)
    ("缸顾村党总支制定活动计划。\n4月：“清明祭英烈”，组织党员缅怀先烈；\n会议通报了“村级工作晾晒比拼”第三季度排名。",
     {("program", "清明祭英烈"), ("program", "村级工作晾晒比拼")}),
    # a quote standing before the place it names is the place's epithet
    ("在“千载诗人地”池州，茶文化与诗文化相得益彰。", {("slogan", "千载诗人地")}),
])
def test_programs_and_slogans(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("创新推行“五抓五强”党建主题活动。\n抓班子强责任。严把推荐。\n抓培训强素质。开展培训。",
     {("抓班子强责任", "五抓五强"), ("抓培训强素质", "五抓五强")}),
    # parts quoted where the composite is explained (即“…”“…”)
    ("推行“三带三促”。“三带三促”即“带头学习促提升”“带头服务促发展”。",
     {("带头学习促提升", "三带三促"), ("带头服务促发展", "三带三促")}),
    # numbered headings (一、联村定责,…)
    ("乡党委以“三联三定”为抓手。\n一、联村定责,压实责任。\n三、联产业定时限,鼓起腰包。",
     {("联村定责", "三联三定"), ("联产业定时限", "三联三定")}),
    # headings that say who does it first (三进三帮: 党员进果园帮技术); a sentence is no heading
    (("眉县实施“三进三帮”行动。\n党员进果园帮技术\n眉县开办“果农夜校”。\n支部进合作社帮销售\n"
      "镇党委要求干部进企业帮发展，每月两次。"),
     {("党员进果园帮技术", "三进三帮"), ("支部进合作社帮销售", "三进三帮")}),
    # a joined program's part that is a campaign, or a program the report names on its own too
    ("推行“党建引领+网格化管理”", {("网格化管理", "党建引领+网格化管理")}),
    ("“小院议事”工作法好。东阿县探索“小院议事+积分”模式", {("小院议事", "小院议事+积分")}),
    ("探索“支部+合作社”模式", set()),  # 支部 is no program
    # a program that counts its parts (五星 → five quoted 星), no more than it counts
    ("推行“五星支部”创建,围绕“支部过硬星”“产业兴旺星”“生态宜居星”逐项评星。",
     {("支部过硬星", "五星支部"), ("产业兴旺星", "五星支部"), ("生态宜居星", "五星支部")}),
    ("推行“两星支部”创建,围绕“支部过硬星”“产业兴旺星”“生态宜居星”逐项评星。", set()),
    # a rating's stars unquoted, in the sentence that names it; no other count's list unquoted
    ("开展“五星支部”创建,引导党支部争创支部过硬星、产业兴旺星、生态宜居星。",
     {("支部过硬星", "五星支部"), ("产业兴旺星", "五星支部"), ("生态宜居星", "五星支部")}),
    ("开展“两星支部”创建,引导党支部争创支部过硬星、产业兴旺星、生态宜居星。", set()),
    ("开展“五星支部”创建。引导党支部争创支部过硬星、产业兴旺星、生态宜居星。", set()),
    ("落实“三会”制度,即听证会、协调会、评议会。", set()),
    # a counted program spelled out in one quote after it: as many parts as it counts
    ("推行“三联三送”工作法，即“干部联村送政策、党员联户送服务、能人联企送技术”。",
     {("干部联村送政策", "三联三送"), ("党员联户送服务", "三联三送"), ("能人联企送技术", "三联三送")}),
    ("实行“两评两定”管理：“评支部、定等级，评党员、定积分”。",
     {("评支部、定等级", "两评两定"), ("评党员、定积分", "两评两定")}),
    ("推行“四联四送”工作法，即“干部联村送政策、党员联户送服务”。", set()),  # two parts of four
    ("推行“三个一线”工作法，他说：“干部联村送政策、党员联户送服务、能人联企送技术”。", set()),
])
def test_named_parts_of_a_composite_program(text, expected):
    parts = {(c.name, c.parent) for c in find_programs_and_slogans(text) if c.parent}
    assert parts == expected


def test_a_program_spelled_out_is_its_parts_not_a_saying():
    found = _found("推行“三联三送”工作法，即“干部联村送政策、党员联户送服务、能人联企送技术”。")
    assert found == {("program", "三联三送"), ("program", "干部联村送政策"), ("program", "党员联户送服务"),
                     ("program", "能人联企送技术")}


def test_a_program_is_named_again_where_no_rule_fires():
    """将“小院议事”推广到… and 阳谷县把小院议事与…: both are mentions of the program quoted before."""
    text = "推行“小院议事”工作法。将“小院议事”推广到莘县。阳谷县把小院议事与网格化管理结合。"
    starts = [c.start for c in find_programs_and_slogans(text) if c.name == "小院议事"]
    assert starts == [3, 14, 29]


@pytest.mark.parametrize("a, b", [
    ("“三会一课”", "三会一课"),
    ("支部主题党日", "主题党日"),
    ("驻村第一书记", "第一书记"),
    ("“两学一做”学习教育", "两学一做"),
])
def test_variants_meet_in_one_node(a, b):
    name_a = canonical_program(next(c.name for c in find_programs_and_slogans(a)))[0]
    assert name_a == canonical_program(b)[0]


@pytest.mark.parametrize("a, b", [("三个一", "四个一"), ("支部+", "支部+合作社"), ("五个规范", "五项制度"),
                                  # the golds of four sets keep each as written (dev6; dev12, dev13, dev14)
                                  ("民族团结进步创建", "民族团结进步示范创建"),
                                  ("积分制", "积分制管理")])  # (dev12, dev15 and dev17's golds)
def test_distinct_programs_never_merge(a, b):
    assert canonical_program(a)[0] != canonical_program(b)[0]
