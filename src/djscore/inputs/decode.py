"""Turning an input's bytes into text: encodings, size and content checks."""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_BYTES = 5_000_000

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class InputError(Exception):
    """An input that cannot be scored; the message is one line, in Chinese, without the path."""


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    encoding: str
    line_unit: str = "line"  # "paragraph" for .docx: evidence lines are paragraph numbers


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used): a BOM, else strict UTF-8, else GB18030, unless forced."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise InputError(f"未知的编码 {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"无法按 {encoding} 解码（第 {exc.start} 字节）") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name.replace("-sig", "") + " (BOM)"
            except UnicodeDecodeError as exc:
                raise InputError(f"文件带 {name} 标记但无法解码（第 {exc.start} 字节）") from None
    if b"\x00" in data[:8192]:
        raise InputError("这是二进制文件，不是文本")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise InputError(
                f"无法识别的文本编码（UTF-8 在第 {utf8_error.start} 字节出错，GB18030 也失败）；"
                "可用 --encoding 指定"
            ) from None


def read_document(path: str, encoding: str | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one input ('-' is standard input) into text; raise InputError if it can't be scored."""
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        target = Path(path)
        try:
            if target.is_dir():
                raise InputError("这是一个文件夹")
            size = target.stat().st_size
            if size > max_bytes:
                raise InputError(f"文件过大（{size // 1000} KB，上限 {max_bytes // 1000} KB）")
            data = target.read_bytes()
        except FileNotFoundError:
            raise InputError("文件不存在") from None
        except PermissionError:
            raise InputError("没有读取权限") from None
        except OSError as exc:
            raise InputError(f"无法读取（{exc.strerror or exc}）") from None
    text, used = decode(data, encoding)
    if not text.strip():
        raise InputError("文件为空")
    return Document(path=path, text=text, encoding=used)
