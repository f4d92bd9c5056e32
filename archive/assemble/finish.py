"""Finishing the laid-out file with pypdf: foreign pages, the case file, PDF/A.

What pypdf does best (DESIGN.md): foreign pages (scans, LibreOffice's output)
are laid under their numbered placeholder pages; the case file is attached as
the file's source data (AFRelationship /Source, listed in the catalog's /AF, as
PDF/A-3 asks of an associated file); the document information and the XMP
packet say the same title, author, subject and keywords; an sRGB output intent
is added; and the file identifier is a hash of the inputs, so the same inputs
give the same bytes (DA/T 47 asks for a fixed, self-contained, unencrypted file).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.errors import PdfReadError
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from archive.assemble.icc import DESCRIPTION, srgb_profile
from archive.errors import RenderError

PRODUCER = "rehab-archive"


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: str
    date: dt.date
    """The file's date: fixed by the case file, never the clock."""


@dataclass(frozen=True)
class Foreign:
    """Pages of ``pdf`` to lay under the placeholders at these physical pages."""

    pdf: Path
    pages: list[int]


def finish(
    laid_out: bytes,
    foreign: list[Foreign],
    attachment: tuple[str, bytes],
    meta: Metadata,
) -> bytes:
    """The finished file's bytes."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(laid_out)))
    digest = hashlib.sha256(laid_out)
    for part in foreign:
        digest.update(part.pdf.read_bytes())
        _lay_under(writer, part)
    digest.update(attachment[1])

    stamp = meta.date.strftime("D:%Y%m%d000000Z")
    _attach(writer, attachment, meta.date)
    writer.add_metadata({
        "/Title": meta.title,
        "/Author": meta.author,
        "/Subject": meta.subject,
        "/Keywords": meta.keywords,
        "/Creator": PRODUCER,
        "/Producer": PRODUCER,
        "/CreationDate": stamp,
        "/ModDate": stamp,
    })  # fmt: skip
    _xmp(writer, meta)
    _output_intent(writer)
    file_id = ByteStringObject(digest.digest()[:16])
    writer._ID = ArrayObject([file_id, file_id])

    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _lay_under(writer: PdfWriter, part: Foreign) -> None:
    try:
        source = PdfReader(part.pdf)
        pages = list(source.pages)
    except (PdfReadError, OSError, ValueError) as exc:
        raise RenderError(f"{part.pdf}：不是可读的 PDF（{exc}）") from exc
    for physical, page in zip(part.pages, pages, strict=True):
        target = writer.pages[physical - 1]
        tw, th = float(target.mediabox.width), float(target.mediabox.height)
        sw, sh = float(page.mediabox.width), float(page.mediabox.height)
        scale = min(tw / sw, th / sh)
        dx = (tw - sw * scale) / 2 - float(page.mediabox.left) * scale
        dy = (th - sh * scale) / 2 - float(page.mediabox.bottom) * scale
        move = Transformation().scale(scale).translate(dx, dy)
        target.merge_transformed_page(page, move, over=False)


def _attach(writer: PdfWriter, attachment: tuple[str, bytes], day: dt.date) -> None:
    name, data = attachment
    embedded = writer.add_attachment(name, data)
    embedded.associated_file_relationship = NameObject("/Source")
    embedded.subtype = NameObject("/application#2Fx-yaml")
    embedded.description = TextStringObject("案卷数据（本档案的唯一数据来源）")
    moment = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    embedded.modification_date = moment
    spec = embedded.pdf_object
    writer.root_object[NameObject("/AF")] = ArrayObject(
        [spec.indirect_reference or spec]
    )


def _xmp(writer: PdfWriter, meta: Metadata) -> None:
    day = meta.date.isoformat() + "T00:00:00Z"
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(meta.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.subject)}</rdf:li></rdf:Alt></dc:description>
   <pdf:Keywords>{escape(meta.keywords)}</pdf:Keywords>
   <pdf:Producer>{PRODUCER}</pdf:Producer>
   <xmp:CreatorTool>{PRODUCER}</xmp:CreatorTool>
   <xmp:CreateDate>{day}</xmp:CreateDate>
   <xmp:ModifyDate>{day}</xmp:ModifyDate>
   <xmp:MetadataDate>{day}</xmp:MetadataDate>
   <pdfaid:part>3</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""  # noqa: E501
    stream = DecodedStreamObject()
    stream.set_data(packet.encode("utf-8"))
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    writer.root_object[NameObject("/Metadata")] = writer._add_object(stream)


def _output_intent(writer: PdfWriter) -> None:
    profile = DecodedStreamObject()
    profile.set_data(srgb_profile())
    profile[NameObject("/N")] = NumberObject(3)
    intent = DictionaryObject({
        NameObject("/Type"): NameObject("/OutputIntent"),
        NameObject("/S"): NameObject("/GTS_PDFA1"),
        NameObject("/OutputConditionIdentifier"): TextStringObject(DESCRIPTION),
        NameObject("/Info"): TextStringObject(DESCRIPTION),
        NameObject("/DestOutputProfile"): writer._add_object(profile),
    })  # fmt: skip
    writer.root_object[NameObject("/OutputIntents")] = ArrayObject(
        [writer._add_object(intent)]
    )
