"""The DCAT-AP-SE description of the open data (issue 24): one catalogue, one data set, two
distributions (CSV and JSON), in Turtle, so the national data portal (dataportal.se) can
harvest it. Written here rather than with an RDF library (none is needed at run time); the
tests parse it with rdflib.

DCAT-AP-SE asks of a data set at least a title, a description and a publisher (an agent with a
name and a type), and recommends a contact point, a theme from the EU's data-theme vocabulary,
keywords, the language, the access rights and a landing page; of a distribution an access URL,
and recommends a download URL, the format and media type, and a licence. Open data from a
Swedish municipality is given CC0 here, as dataportal.se recommends for public data.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

EU = "http://publications.europa.eu/resource/authority"
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"

PREFIXES = """@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def literal(text: str, language: str = "sv") -> str:
    """A Turtle string literal in `language`: backslashes, quotes and line breaks escaped."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"@{language}'


def iri(url: str) -> str:
    """An IRI reference; the characters Turtle forbids in one are percent-encoded."""
    for char in ' <>"{}|\\^`':
        url = url.replace(char, f"%{ord(char):02X}")
    return f"<{url}>"


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def description(*, modified: datetime | None = None) -> str:
    """The catalogue in Turtle; `modified` is when the data last changed (the data version)."""
    municipality = settings.MUNICIPALITY_NAME
    base = absolute(reverse("opendata:dcat"))
    catalogue, dataset, publisher = f"{base}#catalog", f"{base}#dataset", f"{base}#publisher"
    distributions = [
        ("csv", reverse("opendata:csv"), "text/csv", "CSV", _("The list as CSV")),
        ("json", reverse("opendata:json"), "application/json", "JSON", _("The list as JSON")),
    ]
    modified_line = (
        f'    dct:modified "{modified.isoformat(timespec="seconds")}"^^xsd:dateTime ;\n' if modified else ""
    )
    catalogue_title = _("The IOP register of %(municipality)s") % {"municipality": municipality}
    catalogue_description = _("Open data of the municipality's non-profit public partnerships (IOP).")
    dataset_title = _("Non-profit public partnerships (IOP) of %(municipality)s") % {
        "municipality": municipality
    }
    dataset_description = _(
        "The committees' decided agreements with non-profit organisations per year: the partners, the "
        "purpose, the period, the calculated value and the committee's cost per year in that year's prices, "
        "and the results of the approved yearly follow-up (enrolled participants, how many went on to work "
        "or studies, women and men, and the share). Counts from 1 to 4 are withheld (<5), as is a count "
        "that would reveal one (..), and no share is given for fewer than five people. Add ?year=YYYY to "
        "a file's address for another year."
    )
    parts = [
        PREFIXES,
        f"""{iri(catalogue)} a dcat:Catalog ;
    dct:title {literal(catalogue_title)} ;
    dct:description {literal(catalogue_description)} ;
    dct:publisher {iri(publisher)} ;
    dct:license {iri(CC0)} ;
    dct:language {iri(f"{EU}/language/SWE")} ;
    foaf:homepage {iri(absolute(reverse("partnerships:public")))} ;
    dcat:dataset {iri(dataset)} .

{iri(publisher)} a foaf:Agent ;
    foaf:name {literal(municipality)} ;
    dct:type <http://purl.org/adms/publishertype/LocalAuthority> .

{iri(dataset)} a dcat:Dataset ;
    dct:title {literal(dataset_title)} ;
    dct:description {literal(dataset_description)} ;
    dct:publisher {iri(publisher)} ;
    dcat:contactPoint [ a vcard:Organization ;
        vcard:fn {literal(municipality)} ;
        vcard:hasEmail {iri("mailto:" + settings.ACCESSIBILITY_CONTACT_EMAIL)} ] ;
    dcat:theme {iri(f"{EU}/data-theme/GOVE")}, {iri(f"{EU}/data-theme/SOCI")} ;
    dcat:keyword {literal("IOP")}, {literal("idéburet offentligt partnerskap")}, {literal("civilsamhälle")}, {
            literal("arbetsmarknad")
        } ;
    dct:language {iri(f"{EU}/language/SWE")} ;
    dct:accessRights {iri(f"{EU}/access-right/PUBLIC")} ;
    dct:accrualPeriodicity {iri(f"{EU}/frequency/IRREG")} ;
{modified_line}    dcat:landingPage {iri(absolute(reverse("partnerships:public")))} ;
    dcat:distribution {", ".join(iri(f"{base}#{key}") for key, *_rest in distributions)} .
""",
    ]
    for key, path, media_type, file_type, title in distributions:
        parts.append(
            f"""{iri(f"{base}#{key}")} a dcat:Distribution ;
    dct:title {literal(title)} ;
    dcat:accessURL {iri(absolute(path))} ;
    dcat:downloadURL {iri(absolute(path))} ;
    dcat:mediaType {iri(f"http://www.iana.org/assignments/media-types/{media_type}")} ;
    dct:format {iri(f"{EU}/file-type/{file_type}")} ;
    dct:license {iri(CC0)} .
"""
        )
    return "\n".join(parts)
