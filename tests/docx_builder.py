"""A tiny .docx writer for tests: just enough of the package for Word and for djscore.

Body pieces are WordprocessingML strings; `paragraph`, `table`, `deleted` and `inserted`
build the common ones, and `docx_from_text` turns plain text into one paragraph per line.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="word/document.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
</Relationships>"""


def run(text: str, extra: str = "") -> str:
    """A run of text; `extra` is put into its run properties (e.g. '<w:vanish/>')."""
    props = f"<w:rPr>{extra}</w:rPr>" if extra else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph(*pieces: str, style: str | None = None) -> str:
    """A paragraph of runs; plain strings become runs, strings starting with '<' are kept."""
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    body = "".join(p if p.startswith("<") else run(p) for p in pieces)
    return f"<w:p>{props}{body}</w:p>"


def deleted(text: str) -> str:
    return (f'<w:del w:id="1" w:author="审稿人" w:date="2024-01-01T00:00:00Z">'
            f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>')


def inserted(text: str) -> str:
    return f'<w:ins w:id="2" w:author="审稿人" w:date="2024-01-01T00:00:00Z">{run(text)}</w:ins>'


def table(rows: list[list[str | list[str]]]) -> str:
    """A table; a cell is a string (one paragraph) or a list of paragraph texts."""
    def cell(content: str | list[str]) -> str:
        texts = [content] if isinstance(content, str) else content
        return "<w:tc>" + "".join(paragraph(t) for t in texts) + "</w:tc>"

    body = "".join("<w:tr>" + "".join(cell(c) for c in row) + "</w:tr>" for row in rows)
    return f"<w:tbl><w:tblPr/>{body}</w:tbl>"


def document_xml(body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>')


def docx_bytes(body: str, parts: dict[str, str | bytes] | None = None) -> bytes:
    """A .docx package around the body XML; `parts` adds or replaces package parts."""
    files: dict[str, str | bytes] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "word/document.xml": document_xml(body),
    }
    files.update(parts or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_from_text(text: str) -> bytes:
    """One paragraph per line of text."""
    return docx_bytes("".join(paragraph(line) if line else "<w:p/>" for line in text.split("\n")))


def write_docx(path: Path, body: str) -> Path:
    path.write_bytes(docx_bytes(body))
    return path
