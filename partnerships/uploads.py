"""What may be attached to an agreement: PDF, Office Open XML and OpenDocument files, within a
size limit, each checked by what it holds, never by its name or what the browser says
(OWASP ASVS 12.1, 12.2).

- A PDF must parse (pypdf) with at least one page, and hold nothing that acts when it is
  opened: no JavaScript, launch or other actions that run or fetch something, no embedded
  files, no XFA forms (`PDF_FORBIDDEN`). A password-protected PDF cannot be checked: refused.
- A .docx/.xlsx/.pptx must be an OOXML package of that very type: `[Content_Types].xml`
  names the main part (`_rels/.rels`' officeDocument) with the type's main content type, and
  the part is there. A macro-enabled or template package has another main type: refused.
- An .odt/.ods must be an OpenDocument package whose `mimetype` entry names that type and
  which holds `content.xml`.
- Anything else (legacy .doc/.xls included, which cannot be checked like this and may carry
  macros) is refused, each with a Swedish sentence saying why.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import PurePath, PurePosixPath
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF_TYPE = "application/pdf"
OOXML_MAIN_TYPES: dict[str, tuple[str, str]] = {
    # suffix: (the file's content type, the content type of its main part)
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
}
OPENDOCUMENT_TYPES = {
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}
ALLOWED_SUFFIXES = (".pdf", *OOXML_MAIN_TYPES, *OPENDOCUMENT_TYPES)

# PDF names that make a document act when opened or carry other files (ISO 32000-1 12.6, 7.11).
PDF_FORBIDDEN = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/Launch",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/FileAttachment",
        "/RichMedia",
        "/GoToE",
        "/ImportData",
        "/SubmitForm",
        "/XFA",
    }
)
OFFICE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELATIONSHIPS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_XML_PART = 1024 * 1024  # [Content_Types].xml and .rels are a few kilobytes in real files


def check_upload(upload: UploadedFile) -> str:
    """Return the content type to store for `upload`, or raise a ValidationError in Swedish."""
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise ValidationError(
            _("Only PDF and Office documents (%(types)s) can be attached.")
            % {"types": ", ".join(sorted(ALLOWED_SUFFIXES))},
            code="file_type",
        )
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES)},
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    upload.seek(0)
    try:
        if suffix == ".pdf":
            _check_pdf(upload)
            return PDF_TYPE
        if suffix in OOXML_MAIN_TYPES:
            content_type, main_type = OOXML_MAIN_TYPES[suffix]
            _check_ooxml(upload, main_type)
            return content_type
        _check_opendocument(upload, OPENDOCUMENT_TYPES[suffix])
        return OPENDOCUMENT_TYPES[suffix]
    finally:
        upload.seek(0)


def not_a(suffix: str) -> ValidationError:
    return ValidationError(
        _("The file's content is not a %(type)s document, whatever its name says.")
        % {"type": suffix.lstrip(".").upper()},
        code="file_content",
    )


def _check_pdf(upload: UploadedFile) -> None:
    from pypdf import PdfReader

    if upload.read(5) != b"%PDF-":
        raise not_a(".pdf")
    upload.seek(0)
    try:
        reader = PdfReader(upload)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(
                _(
                    "The PDF is password-protected, so its content cannot be checked; attach it without a password."
                ),
                code="file_encrypted",
            )
        pages = len(reader.pages)
        forbidden = _pdf_forbidden_names(reader)
    except ValidationError:
        raise
    except Exception:  # pypdf raises many kinds of error on a broken file; each means "not a PDF"
        raise not_a(".pdf") from None
    if pages < 1:
        raise not_a(".pdf")
    if forbidden:
        raise ValidationError(
            _(
                "The PDF holds scripts, actions or embedded files (%(found)s), which could run when "
                "it is opened; save it again as a plain PDF (e.g. print it to PDF) and attach that."
            )
            % {"found": ", ".join(sorted(name.lstrip("/") for name in forbidden))},
            code="file_active_content",
        )


def _pdf_forbidden_names(reader) -> set[str]:
    """Every forbidden name used as a key or a value anywhere in the document's object graph,
    from the trailer (pages, annotations, name trees, forms, actions). Stream data is not
    decoded: what runs in a PDF is named in its dictionaries."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            stack.append(item.get_object())
        elif isinstance(item, DictionaryObject):
            for name, value in item.items():
                if name in PDF_FORBIDDEN:
                    found.add(str(name))
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
        elif isinstance(item, NameObject) and item in PDF_FORBIDDEN:
            found.add(str(item))
    return found


def _open_zip(upload: UploadedFile, suffix: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise not_a(suffix) from None


def _read_small(package: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = package.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_XML_PART:
        return None
    with package.open(info) as part:
        return part.read(MAX_XML_PART + 1)[:MAX_XML_PART]


def _xml(data: bytes | None) -> ElementTree.Element | None:
    if data is None or b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return None  # OOXML never declares a DTD; refusing one rules out entity tricks too
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None


def _check_ooxml(upload: UploadedFile, main_type: str) -> None:
    suffix = next(s for s, (_type, main) in OOXML_MAIN_TYPES.items() if main == main_type)
    try:
        with _open_zip(upload, suffix) as package:
            relationships = _xml(_read_small(package, "_rels/.rels"))
            content_types = _xml(_read_small(package, "[Content_Types].xml"))
            if relationships is None or content_types is None:
                raise not_a(suffix)
            targets = [
                rel.get("Target", "")
                for rel in relationships.iter(f"{RELATIONSHIPS_NS}Relationship")
                if rel.get("Type") == OFFICE_RELATIONSHIP and rel.get("TargetMode", "Internal") == "Internal"
            ]
            if len(targets) != 1:
                raise not_a(suffix)
            part = PurePosixPath("/", targets[0].lstrip("/")).as_posix()
            overrides = {
                override.get("PartName", "").lower(): override.get("ContentType")
                for override in content_types.iter(f"{CONTENT_TYPES_NS}Override")
            }
            if overrides.get(part.lower()) != main_type or part.lstrip("/") not in package.namelist():
                raise not_a(suffix)
    except ValidationError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        raise not_a(suffix) from None


def _check_opendocument(upload: UploadedFile, mimetype: str) -> None:
    suffix = next(s for s, t in OPENDOCUMENT_TYPES.items() if t == mimetype)
    try:
        with _open_zip(upload, suffix) as package:
            declared = _read_small(package, "mimetype")
            if (
                declared is None
                or declared.strip() != mimetype.encode()
                or "content.xml" not in package.namelist()
            ):
                raise not_a(suffix)
    except ValidationError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        raise not_a(suffix) from None


def sha256_of(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
