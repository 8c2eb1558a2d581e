"""The files of an agreement's case, gathered from every app for the archive package (issue 23).

An app that holds part of an agreement's case (the initiative and its assessment, the memos, the
committee's decision, the agreement document's versions and their signed PDFs, follow-ups)
registers a provider in its `AppConfig.ready()`:

    from core.case_files import register

    register(my_files)          # my_files(agreement) -> Iterable[CaseFile]

The archive package (`/agreements/<id>/archive-package/`) asks every provider for the files of one
agreement and lays them out after Riksarkivet's FGS for packages. A provider returns only files of
that agreement (and so of its committee); it never writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

Provider = Callable[[object], Iterable["CaseFile"]]

_providers: list[Provider] = []


@dataclass(frozen=True)
class CaseFile:
    """One file of a case.

    `path` is its place in the package's content folder, e.g. "initiativ/ansokan.pdf";
    `section` groups files in the package's structure map ("Initiativ", "Beslut", …);
    `created` is when the file's content came to be (an aware datetime); `creator` names the
    person or organisation that made it.
    """

    path: str
    content: bytes
    mimetype: str
    title: str
    creator: str
    created: datetime
    section: str


def register(provider: Provider) -> Provider:
    """Add a provider once (registering the same function again is a no-op)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def providers() -> list[Provider]:
    return list(_providers)


def case_files(agreement) -> list[CaseFile]:
    """Every registered provider's files for `agreement`, in registration order, paths unique."""
    files: list[CaseFile] = []
    seen: set[str] = set()
    for provider in _providers:
        for case_file in provider(agreement):
            if case_file.path in seen:
                raise ValueError(f"Two case files at {case_file.path!r}")
            seen.add(case_file.path)
            files.append(case_file)
    return files
