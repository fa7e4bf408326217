"""Pillar scores on the readers' scale (0-15 not addressed, 15-60 touched on, 60-85
substantively discussed, 85-100 thoroughly): the outcomes a writer or a secretary relies on."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from djscore.pipeline import CheckOptions, analyse

UNITE, INTEGRATE, TEMPER = "凝聚人心", "融入中心", "锤炼党性"

# Plain sentences about one unit's Party work, each with something concrete in it.
EVIDENCE = [
    "今年支部给村里的17户独居老人每户结了一名党员对子，每周至少上门一次。",
    "老党员周大爷腿脚不便，支部开会前总安排年轻党员去接他，开完会再把他送回家。",
    "六月暴雨那晚，党员突击队在泵站守了一整夜，天亮前把积水排了出去。",
    "车间党支部认领了焊缝合格率这个老大难，三个月后合格率从91%提到了97%。",
    "每季度的组织生活会上，支委先作自我批评，再请党员一个一个提意见。",
    "支部把群众反映的12件难事列成清单，贴在村委会门口，办完一件划掉一件。",
    "社区党委在快递站旁边建了骑手驿站，冬天有热水，手机没电了也能充。",
    "新书记上任后先用两个月走遍了全村86户，把每家的难处记在一个本子上。",
]
# Work writing with no Party content, and pages that only list or proclaim.
FILLER = ("上午九点，仓库开始盘点，货架从东到西一共四十二排，每排都要核对编号和数量。" * 6)


def pillars(text: str, rubric) -> dict[str, float]:
    return {p.name: p.score for p in analyse(text, CheckOptions(rubric)).pillars}


def overall(text: str, rubric) -> float:
    return analyse(text, CheckOptions(rubric)).score


def test_a_passing_mention_in_a_work_report_is_touched_on(rubric):
    text = ("第三季度公司完成销售额2.3亿元，同比增长8%，新开发客户41家。\n"
            "物流中心完成了自动分拣线改造，日处理能力提高到三万件。\n"
            "公司党支部组织开展了一次谈心谈话，听取青年员工对加班安排的意见。\n"
            "第四季度将重点做好年货节备货和新仓库的启用准备。\n")
    assert 15 <= pillars(text, rubric)[UNITE] < 60


def test_three_argued_sentences_in_a_short_essay_are_substantive(rubric):
    text = ("我们支部这两年最大的体会，是关心人要落到具体的人身上。\n"
            "支部把群众反映的12件难事列成清单，贴在村委会门口，办完一件划掉一件；"
            "新书记上任后先用两个月走遍了全村86户，把每家的难处记在一个本子上；"
            "老党员周大爷腿脚不便，支部开会前总安排年轻党员去接他，开完会再送回家。"
            "群众说，现在有事愿意来找支部了。\n")
    assert pillars(text, rubric)[UNITE] >= 60


def test_the_same_mentions_scattered_through_a_long_essay_are_not_substantive(rubric):
    mentions = ["支部开展了一次谈心谈话。", "支部为群众办实事。", "党员之家重新布置了一下。",
                "支部走访了群众。", "党员联系群众。", "支部听取了群众意见。"]
    block = "\n".join([FILLER] * 6)
    long_text = "\n".join(block + "\n" + mention for mention in mentions) + "\n" + block
    together = "我们支部的体会：" + "".join(mentions) + "\n"
    assert len(long_text) > 8000
    assert pillars(long_text, rubric)[UNITE] < 60
    assert pillars(long_text, rubric)[UNITE] < pillars(together, rubric)[UNITE]


def test_work_writing_without_party_content_is_not_scored(rubric):
    union = ("公司工会今年坚持为职工办实事，开展谈心谈话120余人次，走访慰问困难职工36户。\n"
             "职工之家重新装修，职工满意度测评达到96%。\n"
             "我们把职工反映的食堂、班车问题列成清单，逐项解决，做到件件有回音。\n")
    assert max(pillars(union, rubric).values()) <= 15


def test_a_service_talk_with_staff_is_not_party_supervision(rubric):
    # 约谈 is also what a service hall does with staff after complaints: only in a sentence about
    # Party work is it a clue of 内部监督.
    report = ("本季度办税服务厅共受理业务一万二千余笔，平均等候时间缩短到十一分钟。\n"
              "自助办税区新增四台终端，高峰时段增开两个综合窗口。\n"
              "纳税人反映最多的是发票领用流程，已制作图解放在取号机旁。\n"
              "四是对本季度涉及投诉的三名窗口人员进行约谈和礼仪再培训。\n"
              "五是分局党委已将服务厅的满意度情况列入下季度重点督办事项。\n")
    party = report + "支部书记和纪检委员共同约谈了这名党员，督促他把问题讲清楚。\n"
    assert pillars(report, rubric)["形成核心"] == 0
    assert pillars(party, rubric)["形成核心"] >= 15


def test_a_pasted_list_and_a_slogan_essay_score_below_a_substantive_pillar(rubric):
    word_list = ("学习要点：三会一课、主题党日、党员之家、谈心谈话、党建引领、融入中心、"
                 "党管干部、民主集中制、为民办实事、凝聚力工程、全面从严治党\n")
    slogans = "\n".join([
        "新时代呼唤新担当，新征程要有新作为。",
        "我们要始终坚持围绕中心、服务大局，切实把思想和行动统一到上级的部署要求上来，不断开创各项工作新局面。",
        "要坚持党管干部原则，进一步把好方向、管好大局，持续加强班子自身建设，努力营造风清气正的良好氛围。",
        "要持续加强党员教育管理，自觉做到学思用贯通、知信行统一，充分发挥党员先锋模范作用，不断增强党性修养。",
        "要始终坚持以人民为中心，切实解决群众急难愁盼问题，努力把温暖送到群众心坎上，不断增强群众的获得感幸福感。",
        "让我们更加紧密地团结起来，坚定信心、真抓实干、锐意进取，以更加饱满的热情、更加务实的作风谱写新的篇章！",
    ]) + "\n"
    argued = "我们支部的体会：" + "".join(EVIDENCE[:2] + EVIDENCE[5:8]) + "\n"
    substantive = pillars(argued, rubric)[UNITE]
    assert substantive >= 60
    for text in (word_list, slogans):
        assert overall(text, rubric) <= 20
        assert max(pillars(text, rubric).values()) < substantive
    # Readers call a slogan a passing mention of its pillar, a pasted list not a mention at all.
    assert max(pillars(word_list, rubric).values()) < 15
    assert all(15 <= score < 20 for score in pillars(slogans, rubric).values())


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([*EVIDENCE, FILLER]), min_size=1, max_size=6),
       st.sampled_from(EVIDENCE))
def test_more_evidence_never_lowers_a_pillar(rubric, paragraphs, added):
    before = pillars("\n".join(paragraphs) + "\n", rubric)
    after = pillars("\n".join([*paragraphs, added]) + "\n", rubric)
    assert all(after[name] >= score for name, score in before.items()), (before, after)


def test_a_slogan_essay_of_parallel_phrases_is_a_slogan_essay(rubric):
    # Hardly a 要 or 坚持 in it, but not one figure, time or example either.
    text = ("奋进新征程，建功新时代\n"
            "新起点，新使命，新担当。我们支部以党建为引领，以创新为动力，以实干为底色，以群众满意为标尺，"
            "奋力书写高质量发展的壮美篇章。\n"
            "一个支部就是一座堡垒，一名党员就是一面旗帜。我们把党的政治优势转化为发展优势，把组织优势"
            "转化为服务优势，让党旗在一线高高飘扬，让党徽在岗位上熠熠生辉。\n"
            "风好正是扬帆时，奋楫逐浪天地宽。让我们在上级党委的坚强领导下，凝心聚力、砥砺前行，以昂扬的"
            "姿态、务实的作风、优异的成绩，在新的赶考路上交出人民满意的答卷，奋力谱写新时代的崭新篇章！\n")
    assert overall(text, rubric) <= 20
    assert max(pillars(text, rubric).values()) < 20


def test_a_plain_story_without_figures_is_not_a_slogan_essay(rubric):
    # No figure, no time word: only the stock phrases make a page of slogans.
    story = ("老党员周大爷腿脚不便，支部开会前总安排年轻党员去接他，开完会再把他送回家。"
             "下雨天，小李背着他走过村口的泥路，大爷说这比什么都暖心。"
             "大爷把自己种的菜分给支部的年轻人，说这是他的一点心意。") * 3
    assert pillars(story, rubric)[UNITE] > 20
