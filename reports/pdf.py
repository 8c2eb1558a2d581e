"""Rendering a memo as PDF with WeasyPrint: one helper, and a fetcher that reads only our static files.

The PDF is made from templates/reports/pdf/*.html and static/css/memo.css with the fonts in
static/fonts, so it looks the same on every machine. WeasyPrint is imported on first use: it takes
half a second to import and most requests never need it.
"""

from __future__ import annotations

import functools
import hashlib
import mimetypes
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string


class RefusedURL(ValueError):
    """A resource outside the static folder: the memo's PDF never fetches it."""


def static_root() -> Path:
    """The folder the PDF may read from: the project's static sources (css, fonts)."""
    return Path(settings.STATICFILES_DIRS[0]).resolve()


def static_base_url() -> str:
    return static_root().as_uri() + "/"


def resolve_static(url: str) -> Path:
    """The file behind a file:// URL inside the static folder; anything else is refused
    (http, https, data, other schemes, other folders, ../ escapes, symlinks out)."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise RefusedURL(f"Refused to fetch {url!r}: only files in the static folder are allowed.")
    root = static_root()
    path = Path(unquote(parts.path)).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise RefusedURL(f"Refused to fetch {url!r}: not a file in {root}.")
    return path


@functools.cache
def make_url_fetcher():
    """A WeasyPrint URL fetcher that serves static files and refuses everything else.

    fail_on_errors: a refused or missing resource stops the export instead of printing a
    memo without its fonts or layout.

    One per process (issue 10): WeasyPrint's URLFetcher is a urllib opener whose HTTPS handler
    builds an SSL context and loads the system's certificate store when it is made, a tenth of
    the 4-page memo's export and a few megabytes each time, for a fetcher that never opens a
    network URL. It keeps no state between fetches, so one serves every export.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesOnlyFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols={"file"}, fail_on_errors=True)

        def fetch(self, url, headers=None):
            path = resolve_static(url)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type}
            )

    return StaticFilesOnlyFetcher()


@functools.cache
def font_configuration():
    """One WeasyPrint font configuration for the life of the process (issue 10).

    A new one per export loaded fontconfig's system configuration and the memo's nine font
    files again each time, and the worker grew by a third of a megabyte per export without a
    plateau. The shared one keeps each @font-face it has loaded (WeasyPrint names the font's
    file after its descriptors), so the second export loads nothing. Sync workers render one
    export at a time, so it is never used by two renders at once; the lock keeps it so if a
    threaded worker is ever used.
    """
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@functools.cache
def memo_stylesheet():
    """static/css/memo.css parsed once per process (issue 22), with the shared font configuration
        its @font-face rules load into: parsing it was 7 % of a 4-page export's profile (side by side
    in `make bench` the gain is within the noise, bench/results/bench-2026-12-07.md). Handed to
        WeasyPrint as the document's only stylesheet (the PDF's HTML links none); it holds no state
        of a document, so one serves every export."""
    from weasyprint import CSS

    return CSS(
        filename=str(static_root() / "css" / "memo.css"),
        url_fetcher=make_url_fetcher(),
        font_config=font_configuration(),
    )


_render_lock = threading.Lock()


# Archivable and accessible (issue 14): PDF/A-3u for the archive, tagged (a structure tree of
# H1/H2/H3, P, L, Table/TR/TH/TD) so a screen reader can follow it, then marked PDF/UA-1.
# WeasyPrint writes one variant at a time; PDF/A-3u with pdf_tags gives the structure tree, the
# title and /Lang from the HTML, and mark_accessible() adds the PDF/UA identification.
PDF_VARIANT = "pdf/a-3u"


PDFUA_EXTENSION_SCHEMA = b"""<rdf:Description rdf:about="" \
xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" \
xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" \
xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates which part of ISO 14289 the document follows</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
"""


def mark_accessible(pdf: bytes) -> bytes:
    """The PDF with its PDF/UA-1 identification in the XMP metadata, and the document title
    shown by readers instead of the file name (PDF/UA asks for both)."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["pdfuaid:part"] = "1"
        # PDF/A (ISO 19005-3, 6.6.2.3.1) admits in the XMP only the predefined schemas and those it
        # describes: pdfuaid is not predefined, so the file carries its extension schema.
        xmp = bytes(document.Root.Metadata.read_bytes())
        if PDFUA_EXTENSION_SCHEMA.split(b">", 1)[0] not in xmp:
            xmp = xmp.replace(b"</rdf:RDF>", PDFUA_EXTENSION_SCHEMA + b"</rdf:RDF>", 1)
            document.Root.Metadata = pikepdf.Stream(
                document, xmp, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML
            )
        document.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        out = io.BytesIO()
        # deterministic_id: the file identifier from the content, not the clock (qpdf's default),
        # so the same HTML gives the same bytes and a prepared PDF is the render it stands for.
        document.save(out, deterministic_id=True)
        return out.getvalue()


def render_html(template_name: str, context: dict) -> str:
    """The HTML WeasyPrint lays out: everything the PDF prints, as text (`content_hash` reads it)."""
    return render_to_string(template_name, {**context, "pdf": True})


def html_to_pdf(html: str, *, stylesheets: list | None = None) -> bytes:
    """Lay `html` out as PDF bytes (A4, the memo's print stylesheet unless `stylesheets` says
    otherwise): the slow part of an export, which never runs while the memo's row is locked
    (reports/exports.py)."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=static_base_url(), url_fetcher=make_url_fetcher())
    with _render_lock:
        pdf = document.write_pdf(
            stylesheets=[memo_stylesheet()] if stylesheets is None else stylesheets,
            font_config=font_configuration(),
            pdf_variant=PDF_VARIANT,
            pdf_tags=True,
        )
    return mark_accessible(pdf)


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render `template_name` with `context` to PDF bytes."""
    return html_to_pdf(render_html(template_name, context))


# Bump when this module changes what it writes for the same HTML (say, mark_accessible), so the
# memos' prepared PDFs (reports/prepared.py) are made again rather than served.
RENDERING_REVISION = 2


@functools.cache
def renderer_fingerprint() -> bytes:
    """What, besides the HTML, decides the PDF's bytes: the libraries' versions, the variant, the
    stylesheet and fonts the fetcher may read. Read once per process (a deploy is a new process)."""
    import pikepdf
    import weasyprint

    digest = hashlib.sha256(
        f"{weasyprint.__version__}|{pikepdf.__version__}|{PDF_VARIANT}|{RENDERING_REVISION}".encode()
    )
    root = static_root()
    for path in sorted([root / "css" / "memo.css", *(root / "fonts").glob("*.woff")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.digest()


def content_hash(html: str) -> str:
    """The SHA-256 of everything a PDF is made from: its HTML and the renderer's fingerprint. Two
    renders with the same hash give the same bytes (PDF/A without a `dcterms.created` meta
    carries no creation date), so a PDF prepared under this hash may stand in for a new render."""
    return hashlib.sha256(renderer_fingerprint() + html.encode()).hexdigest()
