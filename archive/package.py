"""The archive package of one agreement's case: a ZIP laid out after Riksarkivet's FGS for packages.

    mets.xml            the package's METS document (archive/mets.py)
    content/<section>/… every file of the case, from every app's provider (core/case_files.py)

One builder: the files are gathered once, each file's SHA-256 and size are computed once from
the very bytes written to the ZIP, and the METS document states those. The ZIP's entries carry
each file's creation time, so the same case gives the same files and checksums.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from core.case_files import CaseFile, case_files

from . import mets

CONTENT = "content"


@dataclass(frozen=True)
class Package:
    package_id: uuid.UUID
    filename: str
    content: bytes
    files: list[mets.PackagedFile]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def safe_path(path: str) -> str:
    """A provider's path as a relative POSIX path under content/; anything that could leave it
    (absolute, "..", backslashes, empty parts) is refused."""
    if not path or "\\" in path or path.startswith("/") or "\x00" in path:
        raise ValueError(f"Unsafe case file path {path!r}")
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise ValueError(f"Unsafe case file path {path!r}")
    return posixpath.join(CONTENT, *parts)


def _zip_time(case_file: CaseFile) -> tuple[int, int, int, int, int, int]:
    local = timezone.localtime(case_file.created)
    return (max(local.year, 1980), local.month, local.day, local.hour, local.minute, local.second)


def package_name(agreement) -> str:
    stem = (agreement.case_number or f"iop-{agreement.pk}").replace("/", "-").replace(" ", "_")
    return f"arkivpaket-{stem}.zip"


def build_package(agreement, *, submitter: str) -> Package:
    """The agreement's whole case as an FGS package (ZIP bytes and what its METS lists)."""
    package_id = uuid.uuid4()
    gathered = case_files(agreement)
    packaged: list[mets.PackagedFile] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for case_file in gathered:
            path = safe_path(case_file.path)
            entry = zipfile.ZipInfo(path, date_time=_zip_time(case_file))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, case_file.content)
            packaged.append(
                mets.PackagedFile(
                    path=path,
                    sha256=hashlib.sha256(case_file.content).hexdigest(),
                    size=len(case_file.content),
                    mimetype=case_file.mimetype,
                    title=case_file.title,
                    creator=case_file.creator,
                    created=timezone.localtime(case_file.created),
                    section=case_file.section,
                )
            )
        header = mets.Header(
            package_id=str(package_id),
            label=f"{agreement.name} ({agreement.valid_from:%Y-%m-%d} – {agreement.valid_to:%Y-%m-%d})",
            created=timezone.localtime(),
            archivist=settings.MUNICIPALITY_NAME,
            creator=agreement.committee.name,
            submitter=submitter,
            case_number=agreement.case_number,
        )
        archive.writestr("mets.xml", mets.build(header, packaged))
    return Package(
        package_id=package_id, filename=package_name(agreement), content=buffer.getvalue(), files=packaged
    )
