"""The package's METS document (mets.xml), after Riksarkivet's FGS for packages (FGS Paketstruktur,
the Common Specification for Sweden's METS profile).

One `<file>` per file of the case with its MIME type, size, creation time and SHA-256 (the
checksum the builder computed once from the bytes it put in the ZIP), its place under `content/`
as an `FLocat`, and an administrative record of who made it and when (a PREMIS creation event in
a `digiprovMD`, which METS carries as foreign XML). The header names the municipality (archivist),
the committee (creator), the registry (producer software) and the user who made the package
(submitter). The structure map groups the files by section, as the case reads.

Validated against the METS 1.12 schema (archive/schemas/mets.xsd) in the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from lxml import etree

METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PREMIS = "http://www.loc.gov/premis/v3"
PROFILE = "http://xml.ra.se/e-arkiv/METS/CommonSpecificationSwedenPackageProfile.xml"
NSMAP = {"mets": METS, "xlink": XLINK, "xsi": XSI, "premis": PREMIS}


@dataclass(frozen=True)
class PackagedFile:
    """A file as the ZIP holds it: its path inside the package and what METS says of it."""

    path: str  # "content/…"
    sha256: str
    size: int
    mimetype: str
    title: str
    creator: str
    created: datetime
    section: str


@dataclass(frozen=True)
class Header:
    package_id: str  # a UUID
    label: str
    created: datetime
    archivist: str  # the municipality
    creator: str  # the committee
    submitter: str  # the user who made the package
    case_number: str
    software: str = "IOP-registret"


def _m(tag: str) -> str:
    return f"{{{METS}}}{tag}"


def _agent(parent, role: str, kind: str, name: str, **other: str) -> None:
    agent = etree.SubElement(parent, _m("agent"), ROLE=role, TYPE=kind, **other)
    etree.SubElement(agent, _m("name")).text = name


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def build(header: Header, files: list[PackagedFile]) -> bytes:
    """mets.xml for `files`, UTF-8 with an XML declaration."""
    root = etree.Element(
        _m("mets"),
        nsmap=NSMAP,
        OBJID=f"UUID:{header.package_id}",
        LABEL=header.label,
        TYPE="ERMS",
        PROFILE=PROFILE,
    )
    root.set(f"{{{XSI}}}schemaLocation", f"{METS} http://www.loc.gov/standards/mets/mets.xsd")
    head = etree.SubElement(root, _m("metsHdr"), CREATEDATE=_iso(header.created), RECORDSTATUS="NEW")
    _agent(head, "ARCHIVIST", "ORGANIZATION", header.archivist)
    _agent(head, "CREATOR", "ORGANIZATION", header.creator)
    _agent(head, "OTHER", "OTHER", header.software, OTHERROLE="PRODUCER", OTHERTYPE="SOFTWARE")
    _agent(head, "OTHER", "INDIVIDUAL", header.submitter, OTHERROLE="SUBMITTER")
    if header.case_number:
        etree.SubElement(head, _m("altRecordID"), TYPE="REFERENCECODE").text = header.case_number

    if files:
        amd = etree.SubElement(root, _m("amdSec"), ID="amdSec001")
        for number, packaged in enumerate(files, start=1):
            provenance = etree.SubElement(amd, _m("digiprovMD"), ID=f"digiprov{number:04d}")
            wrap = etree.SubElement(provenance, _m("mdWrap"), MDTYPE="PREMIS:EVENT")
            event = etree.SubElement(etree.SubElement(wrap, _m("xmlData")), f"{{{PREMIS}}}event")
            identifier = etree.SubElement(event, f"{{{PREMIS}}}eventIdentifier")
            etree.SubElement(identifier, f"{{{PREMIS}}}eventIdentifierType").text = "local"
            etree.SubElement(identifier, f"{{{PREMIS}}}eventIdentifierValue").text = f"creation-{number:04d}"
            etree.SubElement(event, f"{{{PREMIS}}}eventType").text = "creation"
            etree.SubElement(event, f"{{{PREMIS}}}eventDateTime").text = _iso(packaged.created)
            agent = etree.SubElement(event, f"{{{PREMIS}}}linkingAgentIdentifier")
            etree.SubElement(agent, f"{{{PREMIS}}}linkingAgentIdentifierType").text = "name"
            etree.SubElement(agent, f"{{{PREMIS}}}linkingAgentIdentifierValue").text = packaged.creator
            etree.SubElement(agent, f"{{{PREMIS}}}linkingAgentRole").text = "creator"

    group = None
    if files:
        group = etree.SubElement(
            etree.SubElement(root, _m("fileSec")), _m("fileGrp"), ID="fgrp001", USE="FILES"
        )
    for number, packaged in enumerate(files, start=1):
        element = etree.SubElement(
            group,
            _m("file"),
            ID=f"file{number:04d}",
            MIMETYPE=packaged.mimetype,
            SIZE=str(packaged.size),
            CREATED=_iso(packaged.created),
            CHECKSUM=packaged.sha256,
            CHECKSUMTYPE="SHA-256",
            ADMID=f"digiprov{number:04d}",
        )
        location = etree.SubElement(element, _m("FLocat"), LOCTYPE="URL")
        location.set(f"{{{XLINK}}}type", "simple")
        location.set(f"{{{XLINK}}}href", f"file:{packaged.path}")
        location.set(f"{{{XLINK}}}title", packaged.title)

    struct_map = etree.SubElement(root, _m("structMap"), TYPE="logical", LABEL=header.label)
    case = etree.SubElement(struct_map, _m("div"), TYPE="case", LABEL=header.label)
    numbered = list(enumerate(files, start=1))
    sections = [f.section for _n, f in numbered]
    order = {section: sections.index(section) for section in sections}
    by_section = sorted(numbered, key=lambda nf: order[nf[1].section])
    for section, members in groupby(by_section, key=lambda nf: nf[1].section):
        div = etree.SubElement(case, _m("div"), LABEL=section)
        for number, packaged in members:
            etree.SubElement(
                etree.SubElement(div, _m("div"), LABEL=packaged.title), _m("fptr"), FILEID=f"file{number:04d}"
            )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
