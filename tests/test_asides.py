"""Scene-setting sentences are not evidence, whatever rubric words they hold."""

from __future__ import annotations

from djscore.asides import speaker_tag
from djscore.pipeline import CheckOptions, analyse

QUOTED = ("“这两年村里的账一笔一笔都贴在墙上，谁都能看。”负责党风廉政建设的纪检委员笑着说。\n"
          "支部每季度公开一次村务，村民代表逐笔核对。\n")


def test_a_speaker_tag_is_not_a_sentence_of_evidence(rubric):
    sentences = {hit.sentence for pillar in analyse(QUOTED, CheckOptions(rubric)).pillars
                 for hits in (pillar.related, *(c.hits for c in pillar.criteria)) for hit in hits}
    assert sentences and not any(s.endswith("笑着说。") for s in sentences)


def test_what_a_speaker_tag_is():
    assert speaker_tag("”社区党委书记罗建华说。")
    assert speaker_tag("」老支书感慨。")
    assert not speaker_tag("他说，支部要把党风廉政建设放在前面。")
    assert not speaker_tag("”说完，书记带着党员去了现场，把欠下的工钱一笔一笔要了回来。")
