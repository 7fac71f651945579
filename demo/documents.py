"""Small PDF files standing for the documents of the demo's dossiers (reports, minutes, letters).

A dossier is refused unless its files really are PDF (or Word, Excel, images), judged by their
content; these are real one-page PDFs, a few hundred bytes each, built by hand so the demo needs
no PDF library.

The text is written without Vietnamese diacritics: the standard PDF fonts a viewer always has
(Helvetica here) cannot draw them, and embedding a font would make each file hundreds of times
larger. The page says what the document is and that it belongs to the demo data.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify

# Letters that Unicode does not decompose into a base letter and a mark.
_UNDECOMPOSED = str.maketrans({"đ": "d", "Đ": "D", "–": "-", "“": '"', "”": '"', "’": "'"})
PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4, in points


def plain(text: str) -> str:
    """`text` in ASCII: Vietnamese without its diacritics ("Đại Lộc" → "Dai Loc")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return ascii_text.encode("ascii", "replace").decode("ascii")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _wrap(line: str, width: int = 90) -> list[str]:
    words, lines, current = line.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines or [""]


def pdf_bytes(title: str, lines: Sequence[str]) -> bytes:
    """A one-page A4 PDF with a title and lines of text (wrapped), valid for any PDF reader."""
    body = [f"BT /F1 14 Tf 56 {PAGE_HEIGHT - 72} Td ({_escape(plain(title))}) Tj ET"]
    y = PAGE_HEIGHT - 104
    for line in lines:
        for part in _wrap(plain(line)):
            body.append(f"BT /F1 10 Tf 56 {y} Td ({_escape(part)}) Tj ET")
            y -= 14
    stream = "\n".join(body).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".encode("ascii"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def demo_document(name: str, title: str, lines: Sequence[str]) -> SimpleUploadedFile:
    """An uploaded PDF as a clerk would attach it: `name` (without extension) becomes its
    file name."""
    return SimpleUploadedFile(
        f"{slugify(plain(name)) or 'tai-lieu'}.pdf",
        pdf_bytes(title, [*lines, "", "Tai lieu mau cua du lieu dung thu (demo)."]),
        content_type="application/pdf",
    )
