"""Turning an input's bytes into text: size and file checks, format sniffing, encodings.

Inputs are only ever opened for reading. Every problem is an InputError whose message is one
line of Chinese without the path (the caller prefixes it).
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import PurePath

DEFAULT_MAX_BYTES = 5_000_000
DOCX_MAX_BYTES = 100_000_000  # a .docx over max_bytes is still read up to this size
MAX_SIZE_CEILING = 100_000_000  # --max-size: no essay is larger, and the buffer is allocated
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
DOCX_SUFFIXES = frozenset({".docx", ".docm", ".dotx"})

# UTF-32-LE's BOM begins with UTF-16-LE's, so it must be tried first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE = "这是 {} 图片，不是文字稿；请提供 .txt、.docx 或 .md 文件"
_MAGIC = (
    (b"%PDF-", "不支持 PDF 文件，请先另存为 .txt 或 .docx"),
    (b"\x89PNG\r\n\x1a\n", _IMAGE.format("PNG")), (b"\xff\xd8\xff", _IMAGE.format("JPEG")),
    (b"GIF87a", _IMAGE.format("GIF")), (b"GIF89a", _IMAGE.format("GIF")),
    (b"{\\rtf", "不支持 RTF 文件，请另存为 .docx 或 .txt"), (b"\x1f\x8b", "这是 gzip 压缩文件，请先解压"),
    (b"7z\xbc\xaf\x27\x1c", "这是 7z 压缩包，请先解压"), (b"Rar!\x1a\x07", "这是 RAR 压缩包，请先解压"),
)
# Characters that real UTF-16/32 text consists of; anything else (Hangul, private use,
# C0 controls) in quantity means the bytes were not UTF-16/32 after all.
_IMPLAUSIBLE = re.compile(
    "[^\t\n\r\x20-\x7e\u00a0-\u02ff\u0370-\u04ff\u2000-\u2bff\u2e80-\u9fff\uf900-\ufaff"
    "\ufe30-\ufe4f\uff00-\uffef\U0001f000-\U0001faff\U00020000-\U0003134f]"
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_CJK = re.compile("[\u4e00-\u9fff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_VISIBLE = re.compile("[^\\s\u200b\u200c\u200d\u2060\ufeff]")  # not white space, not zero-width
_SAMPLE = 65_536

_ERRNO_MESSAGES = {
    errno.ENOENT: "文件不存在", errno.EACCES: "没有读取权限", errno.EPERM: "没有读取权限",
    errno.ELOOP: "符号链接循环，无法打开", errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一部分不是文件夹", errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "读取时发生输入/输出错误",
}


class InputError(Exception):
    """An input that cannot be scored; the message is one line, in Chinese, without the path."""


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    encoding: str
    line_unit: str = "line"  # "paragraph" for .docx: evidence lines are paragraph numbers
    kind: str = "text"  # "text", "markdown" (already converted to plain lines) or "docx"


# --- reading bytes ----------------------------------------------------------------------

def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, n // 1000)} KB"


def _os_error(path: str, exc: OSError) -> InputError:
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return InputError("符号链接指向的文件不存在")
    message = _ERRNO_MESSAGES.get(exc.errno or 0)
    return InputError(message or f"无法读取（{exc.strerror or type(exc).__name__}）")


def _not_regular(mode: int) -> InputError | None:
    if stat.S_ISDIR(mode):
        return InputError("这是一个文件夹，不是文件")
    if not stat.S_ISREG(mode):
        kind = "命名管道（FIFO）" if stat.S_ISFIFO(mode) else "套接字" if stat.S_ISSOCK(mode) \
            else "设备文件" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "特殊文件"
        return InputError(f"这是{kind}，不是普通文件；只读取普通文件")
    return None


def _checked_size(path: str) -> int:
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _os_error(path, exc) from None
    problem = _not_regular(info.st_mode)
    if problem:
        raise problem
    return info.st_size


def read_regular(path: str, limit: int) -> bytes:
    """Up to `limit` bytes of a regular file. Opened without blocking and checked on the open
    handle, so a FIFO or device put in the file's place is refused instead of hanging."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with open(fd, "rb") as handle:
        problem = _not_regular(os.fstat(fd).st_mode)
        if problem:
            raise problem
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return handle.read(limit)


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file ('-' is standard input), refusing anything over max_bytes."""
    too_big = f"文件过大（上限 {_size(max_bytes)}）"
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        size = _checked_size(path)
        if size > max_bytes:
            raise InputError(f"文件过大（{_size(size)}，上限 {_size(max_bytes)}）")
        try:
            # Checked again on the bytes read: the file may be growing.
            data = read_regular(path, max_bytes + 1)
        except OSError as exc:
            raise _os_error(path, exc) from None
    if len(data) > max_bytes:
        raise InputError(too_big)
    return data


def _large_docx(path: str, max_bytes: int) -> Document | None:
    """A .docx over max_bytes, read from its file: pictures make Word files big, and only the
    text part is decompressed (and limited), so the container has a larger cap of its own."""
    if path == "-" or PurePath(path).suffix.lower() not in DOCX_SUFFIXES:
        return None
    if not max_bytes < _checked_size(path) <= DOCX_MAX_BYTES:
        return None
    from .docx import read_docx_file

    try:
        text = read_docx_file(path)
    except OSError as exc:
        raise _os_error(path, exc) from None
    return _docx_document(path, text) if text is not None else None


def _docx_document(path: str, text: str) -> Document:
    if _VISIBLE.search(text) is None:
        raise InputError("文件为空（文档中没有文字）")
    return Document(path=path, text=text, encoding="docx", line_unit="paragraph", kind="docx")


# --- sniffing ---------------------------------------------------------------------------

def reject_binary(data: bytes, suffix: str = "") -> None:
    """Raise a specific InputError for PDFs, images, old Office files and archives."""
    head = data[:1024].lstrip(b"\t\n\r ")
    for magic, message in _MAGIC:
        if head.startswith(magic):
            raise InputError(message)
    if data.startswith(_OLE2):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise InputError("文档受密码保护，请先取消密码再保存为 .docx")
        if suffix == ".wps":
            raise InputError("不支持 WPS 文字（.wps）文件，请另存为 .docx")
        raise InputError("不支持旧版 .doc 文件，请另存为 .docx")
    if suffix in DOCX_SUFFIXES and not is_zip(data):
        raise InputError("不是有效的 .docx 文件（内容不是 ZIP 格式），可能已损坏或只是改了扩展名")


def is_zip(data: bytes) -> bool:
    return data.startswith((b"PK\x03\x04", b"PK\x05\x06"))


def _sniff_wide(data: bytes) -> tuple[str, str] | None:
    """UTF-16 or UTF-32 without a BOM: the byte order whose text is (nearly) all plausible.

    The NUL bytes of ASCII characters are not a reliable sign of the byte order on their
    own: 一 (U+4E00) puts a NUL on the other side. Read in the wrong order, Chinese turns
    into a third of implausible characters, so the text itself decides.
    """
    codecs_to_try = [c for c, width in (("utf-32-le", 4), ("utf-32-be", 4),
                                        ("utf-16-le", 2), ("utf-16-be", 2))
                     if len(data) % width == 0]
    best: tuple[int, str, str] | None = None
    for codec in codecs_to_try:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        sample = text[:_SAMPLE]
        bad = len(_IMPLAUSIBLE.findall(sample))
        if sample.strip() and bad * 100 <= len(sample) and (best is None or bad < best[0]):
            best = (bad, text, codec)
    return (best[1], best[2]) if best else None


def _looks_like_broken_utf8(data: bytes) -> bool:
    # Chinese GB18030 text read as UTF-8 yields almost no valid 3-byte CJK sequences (well
    # under one per invalid byte); real UTF-8 with a damaged byte yields hundreds per error.
    lenient = data.decode("utf-8", errors="replace")
    cjk = len(_CJK.findall(lenient))
    return cjk >= 10 and cjk >= lenient.count("\ufffd")


def _forced(data: bytes, encoding: str) -> tuple[str, str]:
    try:
        name = codecs.lookup(encoding).name
        text = data.decode(name)
    except LookupError:
        raise InputError(f"未知的编码 {encoding!r}") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"无法按 {encoding} 解码（字节偏移 {exc.start}）") from None
    except (ValueError, TypeError, OverflowError) as exc:  # escape codecs: a malformed escape
        raise InputError(f"无法按 {encoding} 解码（{exc}）") from None
    surrogate = _SURROGATE.search(text)
    if surrogate:  # unicode_escape turns "\ud800" into a character no text can hold
        raise InputError(f"按 {encoding} 解码得到无效字符（第 {surrogate.start() + 1} 个字符为 "
                         f"U+{ord(surrogate.group()):04X}）")
    return text, name


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used): forced, else a BOM, UTF-16/32 by its NULs, UTF-8, GB18030."""
    if encoding:
        return _forced(data, encoding)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), f"{codec} (BOM)"
            except UnicodeDecodeError as exc:
                raise InputError(f"文件带 {codec} 标记但无法解码（字节偏移 {exc.start + len(bom)}）"
                                 ) from None
    if b"\x00" in data:
        wide = _sniff_wide(data)
        if wide:
            return wide
        raise InputError(f"二进制文件，不是文本（字节偏移 {data.index(0)} 处有 NUL 字节）")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    if _looks_like_broken_utf8(data):
        raise InputError(f"UTF-8 文本在字节偏移 {utf8_error} 处有无法解码的字节"
                         "（文件可能已损坏或混用了编码）；可用 --encoding 指定编码")
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise InputError(f"无法识别的文本编码（按 UTF-8 在字节偏移 {utf8_error} 处出错，"
                         f"按 GB18030 在字节偏移 {exc.start} 处出错）；可用 --encoding 指定") from None


# --- the entry point --------------------------------------------------------------------

def _check_text(text: str) -> None:
    if _VISIBLE.search(text) is None:
        raise InputError("文件为空")
    sample = text[:_SAMPLE]
    controls = len(_CONTROL.findall(sample))
    if controls > 8 and controls * 100 > len(sample):
        raise InputError("二进制文件，不是文本（含大量控制字符）")


def read_document(path: str, encoding: str | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one input ('-' is standard input) into text; raise InputError if it can't be scored."""
    large = _large_docx(path, max_bytes)
    if large:
        return large
    data = read_bytes(path, max_bytes)
    if not data.strip():
        raise InputError("文件为空")
    suffix = PurePath(path).suffix.lower() if path != "-" else ""
    reject_binary(data, suffix)
    if is_zip(data):
        from .docx import read_docx

        return _docx_document(path, read_docx(data))
    text, used = decode(data, encoding)
    _check_text(text)
    if suffix not in MARKDOWN_SUFFIXES:
        return Document(path=path, text=text, encoding=used)
    from .markdown import markdown_to_text

    text = markdown_to_text(text)
    if _VISIBLE.search(text) is None:
        raise InputError("没有可评分的正文（只有代码块、注释、链接等）")
    return Document(path=path, text=text, encoding=used, kind="markdown")
