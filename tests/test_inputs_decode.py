"""Bytes to text: BOMs, UTF-8, GB18030, UTF-16 without a BOM, and every kind of bad input."""

from __future__ import annotations

import codecs
import errno
import importlib
import io
import os
import sys

import pytest

from djscore.inputs import InputError, decode, read_document

from .conftest import EXAMPLES

# The package exports the function decode(), which hides the module of the same name.
decode_module = importlib.import_module("djscore.inputs.decode")

ESSAY = (EXAMPLES / "full-four-pillars.txt").read_text(encoding="utf-8")
SHORT = "一、坚持党建引领，一心一意为群众办实事。\n二、加强党员队伍建设。\n"


def error_of(path, **kwargs) -> str:
    with pytest.raises(InputError) as caught:
        read_document(str(path), **kwargs)
    message = str(caught.value)
    assert "\n" not in message and str(path) not in message
    return message


# --- encodings --------------------------------------------------------------------------

@pytest.mark.parametrize("bom, codec, label", [
    (codecs.BOM_UTF8, "utf-8", "utf-8 (BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le (BOM)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be (BOM)"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le (BOM)"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be (BOM)"),
])
def test_byte_order_marks_are_recognised(bom, codec, label):
    assert decode(bom + ESSAY.encode(codec)) == (ESSAY, label)


def test_utf32_le_bom_is_not_taken_for_utf16_le():
    # FF FE 00 00 starts with UTF-16-LE's FF FE; read as UTF-16 it would begin with a NUL.
    assert decode(codecs.BOM_UTF32_LE + "党建".encode("utf-32-le")) == ("党建", "utf-32-le (BOM)")


def test_utf8_then_gb18030():
    assert decode(ESSAY.encode("utf-8")) == (ESSAY, "utf-8")
    assert decode(ESSAY.encode("gb18030")) == (ESSAY, "gb18030")
    assert decode("党建".encode("gbk")) == ("党建", "gb18030")


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md")))
def test_no_gb18030_example_is_mistaken_for_broken_utf8(name):
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    assert decode(text.encode("gb18030")) == (text, "gb18030")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [ESSAY, SHORT, "Party building\n", "一一一一一一一一一，一\n"])
def test_utf16_without_bom_is_detected_not_called_binary(codec, text):
    # 一 is U+4E00: its NUL byte sits on the other side from ASCII's, so parity alone misleads.
    assert decode(text.encode(codec)) == (text, codec)


def test_utf32_without_bom_is_detected():
    assert decode(SHORT.encode("utf-32-le")) == (SHORT, "utf-32-le")


def test_forced_encoding(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(SHORT.encode("gbk"))
    assert read_document(str(path), encoding="GBK").encoding == "gbk"
    assert read_document(str(path), encoding="GBK").text == SHORT
    assert "未知的编码" in error_of(path, encoding="no-such-codec")
    with pytest.raises(UnicodeDecodeError) as expected:
        SHORT.encode("gbk").decode("utf-8")
    assert f"无法按 utf-8 解码（字节偏移 {expected.value.start}）" in error_of(path, encoding="utf-8")


def test_undecodable_bytes_name_the_offset():
    data = "党建工作".encode("gb18030") + b"\xff\xfe\xfd"
    with pytest.raises(InputError, match=r"GB18030 在字节偏移 8 处出错"):
        decode(data)


def test_damaged_utf8_is_an_error_not_gb18030_mojibake():
    data = bytearray(ESSAY.encode("utf-8"))
    position = len(data) // 2
    while data[position] & 0xC0 == 0x80:  # land on the first byte of a character
        position += 1
    data[position] = 0xFF
    with pytest.raises(InputError, match=rf"UTF-8 文本在字节偏移 {position} 处"):
        decode(bytes(data))


def test_bom_with_undecodable_body():
    with pytest.raises(InputError, match=r"utf-16-le 标记但无法解码（字节偏移 4）"):
        decode(codecs.BOM_UTF16_LE + "党".encode("utf-16-le") + b"\x00\xd8a")  # a lone surrogate


def test_encoding_appears_in_the_document(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + SHORT.encode("utf-8"))
    document = read_document(str(path))
    assert (document.text, document.encoding, document.line_unit) == (SHORT, "utf-8 (BOM)", "line")


# --- binary files -------------------------------------------------------------------------

@pytest.mark.parametrize("name, data, expected", [
    ("a.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "不支持 PDF 文件，请先另存为 .txt 或 .docx"),
    ("a.txt", b"\n%PDF-1.4\n", "不支持 PDF 文件"),
    ("a.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG 图片"),
    ("a.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG 图片"),
    ("a.gif", b"GIF89a\x01\x00\x01\x00", "GIF 图片"),
    ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "不支持旧版 .doc 文件，请另存为 .docx"),
    ("a.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "WPS"),
    ("a.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "密码"),
    ("a.docx", "这其实是文本".encode(), "不是有效的 .docx 文件"),
    ("a.rtf", b"{\\rtf1\\ansi", "RTF"),
    ("a.txt.gz", b"\x1f\x8b\x08\x00", "gzip"),
    ("a.bin", b"ELF\x00\x01\x02\x00\x00abc", "二进制文件"),
    ("a.txt", b"abc" + bytes(range(1, 9)) * 20, "二进制文件"),
])
def test_binary_files_get_specific_messages(tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    assert expected in error_of(path)


@pytest.mark.parametrize("data", [
    b"", b"  \n\t\r\n", "\u3000\u200b\n".encode(), codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"),
])
def test_empty_or_whitespace_only(tmp_path, data):
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    assert error_of(path) == "文件为空"


# --- files --------------------------------------------------------------------------------

def test_size_is_checked_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_bytes(SHORT.encode() * 100)

    def no_open(*args, **kwargs):
        raise AssertionError("a file over the limit must not be opened")

    monkeypatch.setattr(decode_module, "open", no_open, raising=False)
    message = error_of(path, max_bytes=1000)
    assert message.startswith("文件过大") and "上限 1 KB" in message


def test_standard_input_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 2001)))
    with pytest.raises(InputError, match="文件过大"):
        read_document("-", max_bytes=2000)


def test_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SHORT.encode("gb18030"))))
    assert read_document("-").encoding == "gb18030"


def test_missing_file_folder_and_bad_path(tmp_path):
    assert error_of(tmp_path / "没有 这个.txt") == "文件不存在"
    assert error_of(tmp_path) == "这是一个文件夹，不是文件"
    plain = tmp_path / "plain.txt"
    plain.write_text(SHORT, encoding="utf-8")
    assert error_of(plain / "child.txt") == "路径中有一部分不是文件夹"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loop_and_dangling_symlink(tmp_path):
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    assert error_of(tmp_path / "a.txt") == "符号链接循环，无法打开"
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    assert error_of(tmp_path / "dangling.txt") == "符号链接指向的文件不存在"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read anything")
def test_permission_denied(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SHORT, encoding="utf-8")
    path.chmod(0)
    try:
        assert error_of(path) == "没有读取权限"
    finally:
        path.chmod(0o600)


def test_permission_denied_simulated(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text(SHORT, encoding="utf-8")

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(decode_module, "open", denied, raising=False)
    assert error_of(path) == "没有读取权限"


def test_names_with_spaces_and_chinese(tmp_path):
    path = tmp_path / "我的 心得 体会.txt"
    path.write_text(SHORT, encoding="utf-8")
    assert read_document(str(path)).text == SHORT
