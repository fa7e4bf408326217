"""The commented starting rubric that `djscore rubric init` writes (format: docs/rubric.md)."""

from __future__ import annotations

TEMPLATE = """\
# 我单位的党建文章评分标准（由 djscore rubric init 生成，按需修改）
# 文件格式见 docs/rubric.md。改完后运行：
#   djscore rubric lint 本文件.yaml      检查写法、重复词条、过少的词条等
#   djscore rubric show 本文件.yaml      以树状图查看
#   djscore check 文章.txt --rubric 本文件.yaml
# 文件用 UTF-8 编码保存；# 之后是注释，djscore 不读。

schema_version: 1          # 格式版本，必须为 1
id: my-rubric              # 标识（英文、数字、连字符），写入 JSON 结果
name: 我单位的党建评分标准    # 名称，显示在报告中
version: "2026.1"          # 版本号，可选；请加引号，写成字符串
description: 一句话说明这份标准评价什么样的文章。   # 可选

# 评级：自上而下取第一个 min 不高于总分（0–100）的等级；可选，省略时用下面这四档。
verdicts:
  - {id: excellent, label: 优秀, min: 80}
  - {id: good, label: 良好, min: 65}
  - {id: pass, label: 合格, min: 45}
  - {id: weak, label: 需加强, min: 0}

# 字数（不计空白）的合理范围；可选。超出时 length 规则给出警告，不影响得分。
length: {min: 800, max: 12000}

# 结构：方面（pillars）→ 标准（criteria）→ 词条（terms）。
pillars:
  - id: integrate-center     # 方面的标识，全文唯一
    name: 融入中心            # 方面的名称
    description: 党建工作融入中心、渗透业务。   # 可选
    weight: 1                # 可选，正数，默认 1：总分是各方面得分按 weight 的加权平均
    criteria:
      - id: guiding-idea     # 标准的标识，全文唯一（与方面的 id 也不能重复）
        name: 党建与业务深度融合
        description: 论述党建从围绕中心转向融入中心，与业务同谋划、同考核。  # 可选，报告提示缺失时显示
        weight: 1            # 可选，正数，默认 1：方面得分是各标准得分按 weight 的加权平均
        min_hits: 3          # 可选，正数，默认 3：得满分所需的命中词条权重之和
        terms:
          - 融入中心                      # 简写：权重 1、没有别名
          - term: 党建与业务深度融合        # 完整写法
            aliases: [党建业务深度融合, 党业融合]   # 同一意思的其他说法，与 term 合计只算一次
            weight: 1.5                   # 可选，正数，默认 1
          - 党建+业务+融合                  # 组合词条：这几个词出现在同一句话里即算（2–3 个词，每个至少两字）
          - 两张皮
          - 互融互促

  - id: unite-hearts
    name: 凝聚人心
    criteria:
      - id: cohesion-project
        name: 密切党群关系
        description: 论述了解人、关心人、凝聚人，为群众办实事。
        min_hits: 2
        terms:
          - 凝聚力工程
          - term: 为民办实事
            aliases: [为群众办实事, 我为群众办实事]
          - 党群关系
          - 党员+联系+群众

# 过时提法：文章把过去的部署当作当前工作来写时，dated 规则给出提示（不影响得分）；可选。
dated:
  - phrase: 打赢脱贫攻坚战
    note: 脱贫攻坚战已于 2021 年取得全面胜利，当前任务是巩固拓展脱贫攻坚成果、全面推进乡村振兴。

# 写作检查规则的设置；可选。规则名与选项见 docs/rules.md，配置文件中的设置优先。
rules:
  long-sentence: {max_chars: 180}     # 超过 180 字的句子才提示
  no-structure: {enabled: false}      # 不检查文章是否分节
"""
