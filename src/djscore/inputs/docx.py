"""Reading .docx with the standard library: a .docx is a zip of XML parts.

Only the main document part is read, as a stream of XML events, so every paragraph comes
out in document order, table cells included, one paragraph per line (evidence line numbers
are paragraph numbers). The text is what Word shows with all tracked changes accepted:
deletions and moved-away text are skipped, insertions kept, hidden text dropped.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import BinaryIO
from xml.etree import ElementTree

from .decode import InputError, is_zip

DOCUMENT_PART = "word/document.xml"
MAX_PART_BYTES = 20_000_000  # uncompressed; real essays are well under 1 MB of XML
MAX_RATIO = 100  # real document parts compress 5-30 times; more above a megabyte is a bomb
RATIO_FROM_BYTES = 1_000_000
MAX_TEXT_CHARS = 2_000_000  # characters extracted: a hundred times a long essay

_W = frozenset({"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                "http://purl.oclc.org/ooxml/wordprocessingml/main"})
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
# Subtrees whose text is not part of the document as shown: deleted and moved-away
# revisions, field instructions, tab-stop definitions.
_SKIPPED = frozenset({"del", "moveFrom", "delText", "delInstrText", "instrText", "tabs"})
_DELETIONS = frozenset({"del", "moveFrom"})
_RUN_CHARS = {"tab": "\t", "br": " ", "cr": " ", "noBreakHyphen": "-"}
_OFF = frozenset({"0", "false", "off"})
# A paragraph is one line, whatever characters its text contains.
_NO_BREAKS = str.maketrans(dict.fromkeys("\n\r\x0b\x0c\x85\u2028\u2029", " "))
# What zipfile raises on damaged archives, besides BadZipFile.
# NotImplementedError: zipfile refuses archive versions and compressions it does not know.
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, OSError, EOFError,
               ValueError, IndexError, KeyError, NotImplementedError)
_OTHER_FORMATS = (
    ("xl/workbook.xml", "这是 Excel 表格，不支持；请把文字复制到 .docx 或 .txt 文件"),
    ("ppt/presentation.xml", "这是 PowerPoint 演示文稿，不支持；请把文字复制到 .docx 或 .txt 文件"),
    ("content.xml", "不支持 OpenDocument 文件（如 .odt），请另存为 .docx"),
)


def _open(source: BinaryIO) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except _ZIP_ERRORS:
        raise InputError("无法打开 .docx 文件（ZIP 结构损坏）") from None


def _main_part(archive: zipfile.ZipFile) -> str:
    """The main document part named by the package relationships, else word/document.xml."""
    names = set(archive.namelist())
    if "_rels/.rels" in names:
        try:
            rels = ElementTree.fromstring(_without_dtd(_read_part(archive, "_rels/.rels")))
        except (InputError, ElementTree.ParseError):
            rels = ElementTree.Element("Relationships")
        for rel in rels.iter(f"{{{_RELS}}}Relationship"):
            target = rel.get("Target", "").lstrip("/")
            if rel.get("Type", "").endswith("/officeDocument") and target in names \
                    and target.startswith("word/"):
                return target
    return DOCUMENT_PART if DOCUMENT_PART in names else ""


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    bomb = f".docx 正文解压后超过 {MAX_PART_BYTES // 1_000_000} MB，拒绝读取"
    info = archive.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise InputError(bomb)
    if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise InputError(f".docx 正文的压缩比异常（{info.file_size // max(info.compress_size, 1)} 倍，"
                         f"上限 {MAX_RATIO} 倍），拒绝读取")
    try:
        with archive.open(info) as handle:
            xml = handle.read(MAX_PART_BYTES + 1)  # the size in the header may lie
    except RuntimeError:
        raise InputError("文档受密码保护，请先取消密码") from None
    except NotImplementedError:
        raise InputError(".docx 文件使用了不支持的压缩方式") from None
    except _ZIP_ERRORS:
        raise InputError("无法读取 .docx 文件（压缩数据损坏）") from None
    if len(xml) > MAX_PART_BYTES:
        raise InputError(bomb)
    return xml


def read_docx(source: bytes | BinaryIO) -> str:
    """The text of a .docx (its bytes or an open binary file), one paragraph per line."""
    with _open(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
        name = _main_part(archive)
        if not name:
            names = set(archive.namelist())
            for marker, message in _OTHER_FORMATS:
                if marker in names:
                    raise InputError(message)
            if any(n.startswith("word/") for n in names):
                raise InputError(".docx 文件缺少正文部分（word/document.xml），可能已损坏")
            raise InputError("这是 ZIP 压缩包，不是 .docx 文件；请解压后再检查其中的文件")
        xml = _read_part(archive, name)
    return "\n".join(paragraphs(xml))


def _without_dtd(xml: bytes) -> bytes:
    # OOXML parts never carry a DTD; one can only be there to expand entities (a "billion
    # laughs" bomb), so it is refused rather than parsed. The byte check is quick; the expat
    # pass sees the declaration in whatever encoding the part is written (UTF-16 hides it
    # from the byte check) and stops there, before any entity is expanded.
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise InputError(_DTD_REFUSED)
    from xml.parsers import expat

    def refuse(*_: object) -> None:
        raise _DtdFound

    scanner = expat.ParserCreate()
    scanner.StartDoctypeDeclHandler = refuse
    scanner.EntityDeclHandler = refuse
    try:
        scanner.Parse(xml, True)
    except _DtdFound:
        raise InputError(_DTD_REFUSED) from None
    except expat.ExpatError:
        pass  # malformed XML: the parse proper reports it with its line
    return xml


_DTD_REFUSED = ".docx 正文含有 DTD 声明，拒绝解析"


class _DtdFound(Exception):
    pass


def read_docx_file(path: str) -> str | None:
    """The text of a .docx file, read without loading the whole file; None if not a ZIP."""
    with open(path, "rb") as handle:
        return read_docx(handle) if is_zip(handle.read(4)) else None


def _local(tag: str) -> tuple[str, str]:
    namespace, _, local = tag[1:].partition("}") if tag[:1] == "{" else ("", "", tag)
    return namespace, local


class _Collector:
    """Paragraph and run buffers while walking the XML events."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.paragraphs: list[list[str]] = []  # open paragraphs: text boxes nest inside runs
        self.mark_deleted: list[bool] = []
        self.runs: list[list[str]] = []
        self.hidden: list[bool] = []
        self.carry = ""  # text of paragraphs whose mark was deleted: it joins the next one
        self.chars = 0  # characters collected so far, limited to MAX_TEXT_CHARS

    def add(self, text: str) -> None:
        target = self.runs[-1] if self.runs else self.paragraphs[-1] if self.paragraphs else None
        if target is not None:
            self.chars += len(text)
            if self.chars > MAX_TEXT_CHARS:
                raise InputError(f".docx 正文超过 {MAX_TEXT_CHARS:,} 字，拒绝读取")
            target.append(text)

    def end_run(self) -> None:
        parts, hidden = self.runs.pop(), self.hidden.pop()
        if not hidden and self.paragraphs:
            self.paragraphs[-1].extend(parts)

    def end_paragraph(self) -> None:
        text = "".join(self.paragraphs.pop()).translate(_NO_BREAKS)
        if self.mark_deleted.pop():
            self.carry += text
        else:
            self.lines.append(self.carry + text)
            self.carry = ""


def _start(c: _Collector, local: str, path: list[str]) -> None:
    if local == "p":
        c.paragraphs.append([])
        c.mark_deleted.append(False)
    elif local == "r":
        c.runs.append([])
        c.hidden.append(False)
    elif local in _RUN_CHARS and path[-2:-1] == ["r"]:
        c.add(_RUN_CHARS[local])


def paragraphs(xml: bytes) -> list[str]:
    """The paragraphs of a WordprocessingML document part, in document order."""
    c = _Collector()
    path: list[str] = []  # local names of the open elements
    skip = 0  # depth inside a skipped subtree
    try:
        for event, elem in ElementTree.iterparse(io.BytesIO(_without_dtd(xml)), events=("start", "end")):
            namespace, local = _local(elem.tag)
            ours = namespace in _W
            if event == "start":
                path.append(local)
                if skip or (ours and local in _SKIPPED) or (namespace == _MC and local == "Fallback"):
                    if ours and local in _DELETIONS and path[-3:-1] == ["pPr", "rPr"] and c.mark_deleted:
                        c.mark_deleted[-1] = True
                    skip += 1
                elif ours:
                    _start(c, local, path)
                continue
            path.pop()
            if skip:
                skip -= 1
            elif not ours:
                pass
            elif local == "t" and elem.text:
                c.add(elem.text)
            elif local == "vanish" and path[-2:] == ["r", "rPr"] and c.hidden:
                c.hidden[-1] = _val(elem) not in _OFF
            elif local == "r" and c.runs:
                c.end_run()
            elif local == "p" and c.paragraphs:
                c.end_paragraph()
                elem.clear()
    except ElementTree.ParseError as exc:
        raise InputError(f".docx 正文的 XML 格式错误（第 {exc.position[0]} 行）") from None
    if c.carry:
        c.lines.append(c.carry)
    return c.lines


def _val(elem: ElementTree.Element) -> str:
    """The w:val attribute of an on/off property; absent means on."""
    return next((value for key, value in elem.attrib.items() if _local(key)[1] == "val"), "1")
