"""The archive package (issue 23): an agreement's whole case as a ZIP laid out after Riksarkivet's
FGS for packages, whose METS document validates against the METS schema and states each file's
SHA-256 (matching the ZIP's bytes), creator and date."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree

from archive import mets
from archive.models import PackageDownload
from archive.package import build_package, safe_path
from core import case_files
from participants.tests.factories import AgreementFactory, CommitteeFactory
from partnerships.models import AgreementAttachment
from reports.models import CommitteeDecision, FollowUp, Memo, MemoVersion

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
NS = {"mets": mets.METS, "xlink": mets.XLINK, "premis": mets.PREMIS}
STOCKHOLM = ZoneInfo("Europe/Stockholm")
SIGNED = b"%PDF-1.7\n% the signed agreement\n"
MEMO_PDF = b"%PDF-1.7\n% the decision memo, version 1\n"


def mets_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "mets.xsd")))


@pytest.fixture
def case(seed, official, secretary):
    """IKF's 2023–2024 agreement with its decision memo (exported once), the committee's decision
    sent to the partner by post, the signed agreement uploaded, and an approved follow-up."""
    ikf = seed["ikf2023"]
    memo = Memo.objects.create(
        kind=Memo.Kind.NEW_AGREEMENT,
        title="IOP med Internationella Kvinnoföreningen",
        date=date(2022, 9, 27),
        case_number="AN 2022-123",
        committee=ikf.committee,
        agreement=ikf,
        administration="Integration- och arbetsmarknadsförvaltningen",
        created_by=secretary,
    )
    MemoVersion.objects.create(
        memo=memo,
        number=1,
        pdf=MEMO_PDF,
        sha256=hashlib.sha256(MEMO_PDF).hexdigest(),
        size=len(MEMO_PDF),
        created_by=secretary,
    )
    CommitteeDecision.objects.create(
        memo=memo,
        meeting_date=date(2022, 10, 20),
        paragraph="45",
        text="Arbetsmarknadsnämnden uppdrar åt integration- och arbetsmarknadsdirektören att teckna partnerskapet.",
        delegated_signatory="integration- och arbetsmarknadsdirektören",
        recorded_by=secretary,
    )
    memo.recipients.create(
        name="Internationella Kvinnoföreningen",
        method="post",
        sent_at=datetime(2022, 10, 24, 9, tzinfo=STOCKHOLM),
    )
    AgreementAttachment.objects.create(
        agreement=ikf,
        file=SimpleUploadedFile("avtal.pdf", SIGNED),
        original_name="Överenskommelse IKF (undertecknad).pdf",
        content_type="application/pdf",
        size=len(SIGNED),
        sha256=hashlib.sha256(SIGNED).hexdigest(),
        uploaded_by=official,
    )
    FollowUp.objects.create(
        agreement=ikf,
        year=2023,
        enrolled=58,
        summary="Verksamheten har nått 58 kvinnor.",
        status=FollowUp.Status.APPROVED,
        submitted_at=datetime(2024, 2, 10, 12, tzinfo=STOCKHOLM),
        approved_at=datetime(2024, 2, 20, 12, tzinfo=STOCKHOLM),
        approved_by=secretary,
    )
    FollowUp.objects.create(agreement=ikf, year=2024, summary="Utkast.")  # a draft is not the case's yet
    return ikf


def unpack(content: bytes) -> tuple[dict[str, bytes], etree._ElementTree]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    return files, etree.ElementTree(etree.fromstring(files["mets.xml"]))


def test_the_package_holds_the_whole_case_and_its_mets_is_valid(case):
    package = build_package(case, submitter="Alice Handläggare")
    files, document = unpack(package.content)
    mets_schema().assertValid(document)
    content = sorted(name for name in files if name != "mets.xml")
    assert content == sorted(
        [
            "content/overenskommelse/registeruppgifter.txt",
            f"content/overenskommelse/dokument/{case.attachments.get().pk}-Överenskommelse_IKF_undertecknad.pdf",
            f"content/tjansteskrivelser/2022-09-27-{case.memos.get().pk}/version-1.pdf",
            f"content/beslut/2022-10-20-{case.memos.get().pk}-protokollsutdrag.txt",
            "content/uppfoljningar/2023.txt",
        ]
    )
    decision = files[f"content/beslut/2022-10-20-{case.memos.get().pk}-protokollsutdrag.txt"].decode()
    assert "Arbetsmarknadsnämnden 2022-10-20 § 45" in decision
    assert "Tecknas på delegation av: integration- och arbetsmarknadsdirektören" in decision
    assert "- Internationella Kvinnoföreningen: skickat med post 2022-10-24 09:00" in decision
    record = files["content/overenskommelse/registeruppgifter.txt"].decode()
    assert "Beräknat värde per år: 900\u00a0000\u00a0kr" in record
    assert "Nämndens kostnad per år: 450\u00a0000\u00a0kr" in record


def test_every_file_in_the_mets_has_the_sha256_size_creator_and_date_of_the_zips_bytes(case):
    files, document = unpack(build_package(case, submitter="Alice Handläggare").content)
    listed = document.findall(".//mets:fileSec/mets:fileGrp/mets:file", NS)
    assert len(listed) == len(files) - 1  # every file but mets.xml itself
    for element in listed:
        path = element.find("mets:FLocat", NS).get(f"{{{mets.XLINK}}}href").removeprefix("file:")
        assert element.get("CHECKSUMTYPE") == "SHA-256"
        assert element.get("CHECKSUM") == hashlib.sha256(files[path]).hexdigest(), path
        assert int(element.get("SIZE")) == len(files[path])
        assert element.get("CREATED")
        provenance = document.find(f".//mets:digiprovMD[@ID='{element.get('ADMID')}']", NS)
        assert provenance.findtext(".//premis:linkingAgentIdentifierValue", namespaces=NS)
    by_path = {e.find("mets:FLocat", NS).get(f"{{{mets.XLINK}}}href"): e for e in listed}
    signed = next(e for href, e in by_path.items() if "dokument/" in href)
    assert signed.get("CHECKSUM") == hashlib.sha256(SIGNED).hexdigest()
    creators = {
        e.find("mets:FLocat", NS).get(f"{{{mets.XLINK}}}title"): document.find(
            f".//mets:digiprovMD[@ID='{e.get('ADMID')}']//premis:linkingAgentIdentifierValue", NS
        ).text
        for e in listed
    }
    assert creators["Nämndens beslut 2022-10-20 § 45"] == "Arbetsmarknadsnämnden"
    assert creators["Uppföljning 2023"] == "Internationella Kvinnoföreningen"
    follow_up = next(e for href, e in by_path.items() if href.endswith("2023.txt"))
    assert follow_up.get("CREATED") == "2024-02-10T12:00:00+01:00"


def test_the_header_names_the_municipality_the_committee_and_the_one_who_made_it(case):
    _files, document = unpack(build_package(case, submitter="Alice Handläggare").content)
    root = document.getroot()
    assert root.get("PROFILE") == mets.PROFILE
    agents = {
        (a.get("ROLE"), a.get("OTHERROLE")): a.findtext("mets:name", namespaces=NS)
        for a in root.findall("mets:metsHdr/mets:agent", NS)
    }
    assert agents[("ARCHIVIST", None)] == "Linköpings kommun"
    assert agents[("CREATOR", None)] == "Arbetsmarknadsnämnden"
    assert agents[("OTHER", "SUBMITTER")] == "Alice Handläggare"
    sections = [div.get("LABEL") for div in root.findall("mets:structMap/mets:div/mets:div", NS)]
    assert sections == ["Överenskommelse", "Tjänsteskrivelser", "Beslut", "Uppföljningar"]


def test_a_package_without_files_is_still_valid_mets(db):
    document = etree.fromstring(
        mets.build(
            mets.Header(
                package_id="00000000-0000-0000-0000-000000000000",
                label="Tomt ärende",
                created=datetime(2026, 12, 7, 9, tzinfo=STOCKHOLM),
                archivist="Linköpings kommun",
                creator="Arbetsmarknadsnämnden",
                submitter="Alice",
                case_number="",
            ),
            [],
        )
    )
    mets_schema().assertValid(document)


def test_a_changed_checksum_or_an_unknown_element_fails_the_schema_or_the_check(case):
    """The test's checks can fail: a METS with a file element out of place is invalid."""
    _files, document = unpack(build_package(case, submitter="A").content)
    file_element = document.find(".//mets:file", NS)
    file_element.getparent().remove(file_element)
    document.getroot().append(file_element)
    assert not mets_schema().validate(document)


@pytest.mark.parametrize("path", ["../etc/passwd", "/abs.txt", "a//b.txt", "a/./b", "a\\b", ""])
def test_a_provider_cannot_write_outside_content(path):
    with pytest.raises(ValueError):
        safe_path(path)


def test_two_providers_at_one_path_are_refused(case, monkeypatch):
    monkeypatch.setattr(case_files, "_providers", [*case_files.providers(), case_files.providers()[0]])
    with pytest.raises(ValueError, match="Two case files"):
        case_files.case_files(case)


def test_the_secretary_downloads_it_and_the_download_is_recorded(client, secretary, case):
    client.force_login(secretary)
    response = client.get(reverse("archive:package", args=[case.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'filename="arkivpaket-' in response["Content-Disposition"]
    recorded = PackageDownload.objects.get()
    assert (recorded.user, recorded.agreement, recorded.files) == (secretary, case, 5)
    assert recorded.sha256 == hashlib.sha256(response.content).hexdigest() == response["X-Content-SHA256"]


def test_another_committees_agreement_is_not_found_and_a_coordinator_is_refused(
    client, secretary, coordinator, seed
):
    theirs = AgreementFactory(committee=CommitteeFactory(name="Socialnämnden", abbreviation="SN"))
    client.force_login(secretary)
    assert client.get(reverse("archive:package", args=[theirs.pk])).status_code == 404
    client.force_login(coordinator)
    assert client.get(reverse("archive:package", args=[seed["ikf2023"].pk])).status_code == 403
    assert not PackageDownload.objects.exists()


def test_the_agreement_page_offers_the_package_to_those_who_may_take_it(client, secretary, coordinator, seed):
    url = reverse("archive:package", args=[seed["ikf2023"].pk])
    client.force_login(secretary)
    assert url in client.get(seed["ikf2023"].get_absolute_url()).content.decode()
    client.force_login(coordinator)
    assert url not in client.get(seed["ikf2023"].get_absolute_url()).content.decode()


def test_a_memo_never_exported_is_packaged_as_it_stands(seed):
    hoppfull = seed["hoppfull"]
    memo = Memo.objects.create(
        kind=Memo.Kind.NEW_AGREEMENT,
        title="IOP med Linköpings Stadsmission",
        date=date(2022, 9, 27),
        committee=hoppfull.committee,
        agreement=hoppfull,
        administration="Integration- och arbetsmarknadsförvaltningen",
    )
    files, document = unpack(build_package(hoppfull, submitter="A").content)
    draft = files[f"content/tjansteskrivelser/2022-09-27-{memo.pk}/utkast.pdf"]
    assert draft.startswith(b"%PDF")
    mets_schema().assertValid(document)
