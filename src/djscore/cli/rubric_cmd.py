"""`djscore rubric show|lint|init|suggest`: tools for rubric authors."""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import EXIT_BELOW, EXIT_OK, app, fail
from .chinese import ChineseCommand, ChineseGroup
from .options import RubricOption, Segmenter, SegmenterOption

if TYPE_CHECKING:
    from rich.console import Console

    from ..rubric import Rubric

rubric_app = typer.Typer(
    cls=ChineseGroup, no_args_is_help=True, rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="评分标准工具：查看（show）、检查（lint）、新建（init）、从范文中找可补充的词（suggest）。",
)
app.add_typer(rubric_app, name="rubric")


class ViewFormat(StrEnum):
    text = "text"
    json = "json"


class Method(StrEnum):
    tfidf = "tfidf"
    textrank = "textrank"


ViewFormatOption = Annotated[ViewFormat, typer.Option("--format", "-f", help="输出格式。")]


def console() -> Console:
    """Colours on a terminal (or with FORCE_COLOR); plain text of fixed width in a pipe."""
    from rich.console import Console

    if sys.stdout.isatty() or os.environ.get("FORCE_COLOR"):
        return Console(highlight=False)
    return Console(highlight=False, color_system=None, width=120)


def rubric_path(target: str | None) -> Path:
    """A rubric file given as a path, or as the name of a packaged rubric."""
    from ..rubric import packaged_rubric_path

    if target is None:
        return packaged_rubric_path()
    path = Path(target)
    if path.exists() or path.suffix in (".yaml", ".yml") or any(sep in target for sep in "/\\"):
        return path
    packaged = packaged_rubric_path(target)
    if packaged.is_file():
        return packaged
    names = "、".join(sorted(p.stem for p in packaged_rubric_path().parent.glob("*.yaml")))
    raise fail([f"{target}: 找不到评分标准文件，也没有这个名称的内置标准（内置：{names}）"])


def load(path: Path | None) -> Rubric:
    from ..rubric import RubricError, load_rubric

    try:
        return load_rubric(path)
    except RubricError as exc:
        raise fail(exc.problems) from None


def read_texts(paths: list[str]) -> list[tuple[str, str]]:
    """(path, normalised text) of each input; exit 2 on the first unreadable one."""
    from ..inputs import InputError, read_document
    from ..normalize import normalize

    texts = []
    for path in paths:
        try:
            texts.append((path, normalize(read_document(path).text)))
        except InputError as exc:
            raise fail([f"{path}: {exc}"]) from None
    return texts


def use_segmenter(choice: Segmenter | None) -> None:
    from .. import segment
    from ..errors import ProblemsError

    try:
        segment.use_engine(choice.value if choice else "auto")
    except ProblemsError as exc:  # the engine asked for is not installed
        raise fail(exc.problems) from None


def shown(form: str) -> str:
    from ..rubric import PART_SEPARATOR

    return form.replace(PART_SEPARATOR, "…")


# --- show ---------------------------------------------------------------------------------

@rubric_app.command("show", cls=ChineseCommand)
def show(
    target: Annotated[str | None, typer.Argument(
        help="内置标准的名称或 YAML 文件（默认：内置的 dangjian-neihan）。", metavar="[名称|文件]",
        show_default=False)] = None,
    output_format: ViewFormatOption = ViewFormat.text,
) -> None:
    """以树状图显示评分标准：方面 → 标准 → 词条。

    词条后是权重（不为 1 时）和暗色显示的别名；组合词条 a+b 显示为 a…b。"""
    loaded = load(rubric_path(target))
    if output_format == ViewFormat.json:
        print(json.dumps(rubric_json(loaded), ensure_ascii=False, indent=2))
        return
    out = console()
    out.print(rubric_tree(loaded))


def rubric_json(rubric: Rubric) -> dict:
    return {
        "id": rubric.id, "name": rubric.name, "version": rubric.version,
        "description": rubric.description, "source": rubric.source,
        "verdicts": [{"id": v.id, "label": v.label, "min": v.min} for v in rubric.verdicts],
        "length": {"min": rubric.length.min, "max": rubric.length.max} if rubric.length else None,
        "pillars": [{
            "id": p.id, "name": p.name, "description": p.description, "weight": p.weight,
            "criteria": [{
                "id": c.id, "name": c.name, "description": c.description, "weight": c.weight,
                "min_hits": c.min_hits,
                "terms": [{"term": t.term, "aliases": list(t.aliases), "weight": t.weight} for t in c.terms],
            } for c in p.criteria],
        } for p in rubric.pillars],
    }


def rubric_tree(rubric: Rubric):  # -> rich.tree.Tree
    from rich.text import Text
    from rich.tree import Tree

    tree = Tree(Text.assemble((rubric.name, "bold"), (f"  {rubric.id} · 版本 {rubric.version}", "dim")))
    verdicts = "、".join(f"{v.label} ≥{v.min:g}" for v in rubric.verdicts)
    tree.add(Text(f"评级：{verdicts}" + (f"；字数 {rubric.length.min}–{rubric.length.max}"
                                        if rubric.length else ""), style="dim"))
    for pillar in rubric.pillars:
        branch = tree.add(Text.assemble((pillar.name, "bold cyan"), (f"  {pillar.id}", "dim"),
                                        f"  权重 {pillar.weight:g}"))
        for criterion in pillar.criteria:
            node = branch.add(Text.assemble(
                (criterion.name, "bold"), (f"  {criterion.id}", "dim"),
                f"  权重 {criterion.weight:g} · 满分需 {criterion.min_hits:g}（min_hits）"
                f" · {len(criterion.terms)} 个词条"))
            for term in criterion.terms:
                label = Text(shown(term.term))
                if term.weight != 1:
                    label.append(f" ×{term.weight:g}", style="yellow")
                if term.aliases:
                    label.append(f"  {'、'.join(map(shown, term.aliases))}", style="dim")
                node.add(label)
    return tree


# --- lint ---------------------------------------------------------------------------------

EXAMPLES_SKIPPED = ("README*", "readme*")  # the folder's description is not an essay


def read_examples(folder: Path) -> list[tuple[str, str]]:
    from ..inputs import InputError, read_document
    from ..inputs.files import find_inputs
    from ..normalize import normalize
    from ..printable import printable

    texts = []
    for candidate in find_inputs([str(folder)], exclude=EXAMPLES_SKIPPED):
        try:
            if candidate.error:
                raise InputError(candidate.error)
            text = normalize(read_document(candidate.path).text)
        except InputError as exc:
            print(f"djscore: {printable(candidate.path)}: {exc}（跳过这篇对照文章）", file=sys.stderr)
            continue
        texts.append((os.path.relpath(candidate.path, folder), text))
    return texts


@rubric_app.command("lint", cls=ChineseCommand)
def lint(
    target: Annotated[str, typer.Argument(help="要检查的评分标准 YAML 文件（或内置标准的名称）。",
                                          metavar="文件", show_default=False)],
    corpus: Annotated[Path | None, typer.Option(
        "--corpus", "--examples", metavar="<文件夹>",
        help="用这个文件夹里的文章（你的范文或往年文章）再做两项检查：从未命中的词条、"
             "总跨越词语边界而不计分的词（默认不做）。")] = None,
    no_examples: Annotated[bool, typer.Option("--no-examples", hidden=True)] = False,  # the default now
    min_terms: Annotated[int, typer.Option("--min-terms", min=1, help="每项标准至少应有的词条数。")] = 8,
    strict: Annotated[bool, typer.Option("--strict", help="有警告时退出码为 1。")] = False,
    segmenter: SegmenterOption = None,
) -> None:
    """检查评分标准：格式错误和可能的问题。

    先报告格式错误（退出码 2），再逐行给出警告：繁简或全角写法、规范化后重复的词条、被另一标准更长的
    词条遮蔽的词条、被分词切开的词条、词条过少或永远达不到满分的标准；给出 --corpus 时还报告在这些
    文章中从未命中的词条。"""
    from .. import segment
    from ..authoring.lint import CHECKS
    from ..authoring.lint import lint as lint_rubric
    from ..pipeline import prepare

    path = rubric_path(target)
    loaded = load(path)
    label = target if path == Path(target) else str(path)  # a packaged rubric by name: its file
    text = path.read_bytes().decode("utf-8-sig")
    folder = None if no_examples else corpus
    if folder is not None and not folder.is_dir():
        raise fail([f"{folder}: 找不到文章文件夹（--corpus）"])
    texts = read_examples(folder) if folder else None
    if folder is not None and not texts:
        raise fail([f"{folder}: 文件夹里没有可读的文章（--corpus）"])
    use_segmenter(segmenter)
    prepare(loaded)
    found = lint_rubric(loaded, text, segment.words, segment.token_starts, texts, min_terms)
    for warning in found:
        where = f"{label}:{warning.line}" if warning.line else label
        print(f"{where}: 警告: {warning.message}")
    checked = (f"对照文章：{folder}，{len(texts)} 篇" if texts
               else "未对照文章检查；--corpus 文件夹 可检查从未命中的词条")
    if found:
        counts = "，".join(f"{label} {n}" for check, label in CHECKS.items()
                          if (n := sum(w.check == check for w in found)))
        print(f"{label}: 共 {len(found)} 条警告（{counts}；{checked}）")
    else:
        print(f"{label}: 没有发现问题（{checked}）")
    raise typer.Exit(EXIT_BELOW if strict and found else EXIT_OK)


# --- init ---------------------------------------------------------------------------------

@rubric_app.command("init", cls=ChineseCommand)
def init(
    path: Annotated[Path, typer.Argument(help="要新建的评分标准文件，如 我的标准.yaml。",
                                         metavar="文件", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="文件已存在时覆盖它。")] = False,
) -> None:
    """新建一份带中文注释的评分标准，作为编写自己标准的起点。"""
    from ..authoring.template import TEMPLATE

    if path.is_dir():
        raise fail([f"{path}: 这是一个文件夹"])
    try:
        with path.open("w" if force else "x", encoding="utf-8", newline="\n") as handle:
            handle.write(TEMPLATE)
    except FileExistsError:
        raise fail([f"{path}: 文件已存在，未改动；要覆盖请加 --force"]) from None
    except OSError as exc:
        raise fail([f"{path}: 无法写入（{exc.strerror or exc}）"]) from None
    print(f"已写入 {path}。修改后运行 djscore rubric lint {path} 检查，"
          f"djscore check 文章.txt --rubric {path} 使用。")


# --- suggest ------------------------------------------------------------------------------

def general_chinese_rate():  # -> authoring.suggest.Background
    """A word's share of general Chinese: its frequency in jieba's own dictionary (built from a
    large general corpus) over the dictionary's total; None for words it does not list (the
    dictionary also lists the first characters of its words with frequency 0: 0 for those)."""
    from .. import segment

    tokenizer = segment.tokenizer()
    freq, total = tokenizer.FREQ, tokenizer.total

    def rate(word: str) -> float | None:
        found = freq.get(word)
        return None if found is None else found / total

    return rate


@rubric_app.command("suggest", cls=ChineseCommand)
def suggest(
    exemplars: Annotated[list[str], typer.Argument(help="范文（.txt、.md、.docx；- 表示标准输入）。",
                                                   metavar="范文...", show_default=False)],
    rubric: RubricOption = None,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="最多列出多少个词。")] = 30,
    method: Annotated[Method, typer.Option(
        "--method", help="tfidf：与通用语料相比特别常用的词；textrank：文中处于中心位置的名词、动词。")
    ] = Method.tfidf,
    output_format: ViewFormatOption = ViewFormat.text,
) -> None:
    """从范文中找评分标准还没有的特色词。

    用 jieba 的 TF-IDF 或 TextRank 从范文中取候选词，再按“特色程度”排序：在范文中比在一般中文
    （jieba 自带词典的词频）中常见得多、且多篇范文都用到的词排在前面。按与之同句出现最多的方面分组，
    附出现次数和一个例句。已被词条覆盖（等于、包含于或包含某个词条）的词、单字、数字、一般文章也常用
    的词（频率不到一般中文的 30 倍）和分词切出的残片（如“村村通”的“村通”）不列出。"""
    from .. import segment
    from ..authoring.suggest import UNGROUPED, as_json
    from ..authoring.suggest import suggest as find_suggestions
    from ..pipeline import prepare

    loaded = load(rubric)
    texts = read_texts(exemplars)
    prepare(loaded)
    words = loaded.all_words()
    found = find_suggestions(loaded, texts, lambda text: segment.keywords(text, None, method.value, words),
                             segment.token_starts, general_chinese_rate(), top)
    if output_format == ViewFormat.json:
        print(json.dumps(as_json(loaded, found, method.value, exemplars), ensure_ascii=False, indent=2))
        return
    from rich.table import Table
    from rich.text import Text

    out = console()
    if not found:
        out.print("没有找到评分标准之外的特色词。")
        return
    table = Table("方面", "建议词", "次数", "篇数", "同句", "例句", pad_edge=False,
                  title=f"可补充的词条（{method.value}，{len(texts)} 篇范文，按方面分组）")
    for index in [*range(len(loaded.pillars)), None]:
        group = [s for s in found if s.pillar == index]
        for i, item in enumerate(group):
            name = (loaded.pillars[index].name if index is not None else UNGROUPED) if i == 0 else ""
            table.add_row(Text(name, style="bold cyan"), Text(item.word, style="bold"), str(item.count),
                          str(item.essays), str(item.cooccurrences), Text(item.example, overflow="fold"),
                          end_section=i == len(group) - 1)
    out.print(table)

