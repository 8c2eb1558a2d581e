"""In the browser, the whole of issue 23 in one go: an organisation's initiative at /initiativ/ →
completion through its private link → the officials' assessment → the draft agreement → the
committee's decision (refused while a criterion not met has no recorded deviation) → the agreement
document (PDF/A) and its decided version → the copies both parties signed, verified → the archive
package, whose METS lists every file of the ZIP with its SHA-256 and validates against the schema.
An official of another committee is shown none of it (404); the systemförvaltare finds every
view of the initiative's contact person in the access log."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pikepdf
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from lxml import etree
from playwright.sync_api import Page, expect

from accounts import roles
from accounts.models import CommitteeMembership
from archive import mets
from conftest import PASSWORD, role_group
from contracting.models import Signature
from contracting.tests.pki import TestCA
from dashboard.tests.test_browser_start_pages import log_in
from initiatives.models import Initiative
from initiatives.tests.test_browser_initiative import FIELDS
from participants.tests.factories import CommitteeFactory
from partnerships.models import Agreement

from .test_archive_package import NS, mets_schema

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNMET = 5  # the criterion the officials assess as not met: the decision then needs a deviation


@pytest.fixture
def clauses():
    """The default clauses (contracting's migration 0002), gone after an earlier test's flush."""
    from contracting.defaults import install
    from contracting.models import ClauseTemplate

    install(ClauseTemplate)


@pytest.fixture
def committee(db):
    return CommitteeFactory()  # the first committee, made before the users: the officials' own


@pytest.fixture
def other_official(committee):
    """An official of another committee only: a member of it before getting the role, so the
    conftest's one-committee rule leaves the membership as it is."""
    other = CommitteeFactory(name="Socialnämnden (fiktiv)", abbreviation="SN", administration="SF")
    user = get_user_model().objects.create_user(username="olle", password=PASSWORD)
    CommitteeMembership.objects.create(user=user, committee=other)
    user.groups.add(role_group(roles.OFFICIAL))
    return user


def submit_initiative(page: Page, live_server, committee) -> str:
    """The organisation's part, anonymous: the form, the page's own proof of work. Returns the
    private link the page redirects to."""
    page.goto(f"{live_server.url}/initiativ/")
    page.get_by_label("Nämnd").select_option(label=committee.name)
    page.get_by_role("button", name="Fortsätt").click()
    for name, value in FIELDS.items():
        page.locator(f"[name={name}]").fill(value)
    expect(page.locator("[data-pow-status]")).to_have_text("Formuläret är klart att skicka.", timeout=30_000)
    page.get_by_role("button", name="Skicka initiativet").click()
    expect(page.locator(".alert-success")).to_contain_text("Tack! Ert initiativ har tagits emot.")
    assert "/initiativ/f/" in page.url
    return page.url


def assess_and_proceed(page: Page) -> None:
    page.get_by_role("link", name="Bedöm kriterierna").click()
    page.locator("[name=dnr]").fill("AN 2026-123")
    for number in range(1, 9):
        page.locator(f"[name=met_{number}]").select_option("no" if number == UNMET else "yes")
        page.locator(f"[name=justification_{number}]").fill(f"Bedömning {number}.")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".alert-success")).to_contain_text("Bedömningen sparades.")
    page.get_by_role("button", name="Gå vidare: skapa utkast till överenskommelse").click()
    expect(page.locator(".alert-success")).to_contain_text("Språkcafé i Ryd")


def record_decision(page: Page) -> None:
    page.get_by_role("link", name="Registrera beslutet").click()
    page.locator("[name=meeting_date]").fill("2027-01-20")
    page.locator("[name=paragraph]").fill("§ 7")
    page.locator("[name=text]").fill(
        "Arbetsmarknadsnämnden uppdrar åt direktören att teckna partnerskapet med Föreningen Rydsgården."
    )
    page.locator("[name=delegated_signatory]").fill("integration- och arbetsmarknadsdirektören")
    page.get_by_role("button", name="Spara beslutet").click()


def download(page: Page, name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=name).click()
    return Path(info.value.path()).read_bytes()


def test_from_an_initiative_to_a_signed_archived_agreement(
    page: Page, live_server, committee, official, other_official, administrator, clauses, settings, tmp_path
):
    settings.INITIATIVE_POW_MAX_NUMBER = 5000
    ca = TestCA()
    (tmp_path / "roots.pem").write_bytes(ca.pem)
    settings.SIGNATURE_TRUST_ROOTS = str(tmp_path / "roots.pem")
    follow = submit_initiative(page, live_server, committee)
    initiative = Initiative.objects.get()

    # An official of the committee finds it on the start page and asks for completion.
    log_in(page, live_server, official)
    page.locator("#initiatives").get_by_role("link", name="Språkcafé i Ryd").click()
    page.locator("[name=text]").fill("Hur många platser har språkcaféet?")
    page.get_by_role("button", name="Skicka frågan").click()
    expect(page.locator(".alert-success")).to_contain_text("Frågan skickades till organisationen.")

    # The organisation answers through its private link, without logging in.
    anonymous = page.context.browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    organisation = anonymous.new_page()
    organisation.goto(follow)
    expect(organisation.locator("body")).to_contain_text("Hur många platser har språkcaféet?")
    organisation.locator("[name=text]").fill("Tjugo platser per kväll.")
    organisation.get_by_role("button", name="Skicka svaret").click()
    expect(organisation.locator(".alert-success")).to_contain_text("Ert svar har skickats.")
    anonymous.close()

    # The official reads the answer, assesses each criterion and proceeds to the draft agreement.
    page.reload()
    expect(page.locator("body")).to_contain_text("Tjugo platser per kväll.")
    assess_and_proceed(page)
    agreement = Agreement.objects.get()
    expect(page).to_have_url(f"{live_server.url}{agreement.get_absolute_url()}")
    page.locator("#initiative-link").click()
    expect(page.locator("h1")).to_have_text("Språkcafé i Ryd")
    page.locator("#agreement-link").click()
    expect(page).to_have_url(f"{live_server.url}{agreement.get_absolute_url()}")

    # The decision memo, and the committee's decision: refused while criterion 5 has no deviation.
    page.get_by_role("link", name="Ny beslutsskrivelse").click()
    page.locator("[name=date]").fill("2027-01-05")
    page.get_by_role("button", name="Skapa utkast").click()
    page.get_by_role("link", name="Tillbaka till tjänsteskrivelsen").click()
    memo_url = page.url
    record_decision(page)
    expect(page.locator("body")).to_contain_text(f"Kriterium {UNMET} är inte uppfyllt")
    agreement.refresh_from_db()
    assert agreement.stage == Agreement.Stage.DRAFT

    page.goto(f"{live_server.url}{agreement.get_absolute_url()}")
    page.get_by_role("link", name="Redigera").click()
    page.locator("[name=deviation]").fill("Verksamheten är ny; kriterium 5 prövas vid första uppföljningen.")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}{agreement.get_absolute_url()}")
    page.goto(memo_url)
    record_decision(page)
    expect(page.locator(".alert-success")).to_contain_text("Nämndens beslut registrerades.")
    agreement.refresh_from_db()
    assert (agreement.stage, str(agreement.decision_date)) == (Agreement.Stage.DECIDED, "2027-01-20")

    # The agreement document, its decided version as PDF/A, and both parties' signed copies.
    page.goto(f"{live_server.url}{agreement.get_absolute_url()}")
    expect(page.locator("#committee-decision")).to_be_visible()
    page.get_by_role("link", name="Överenskommelsen och dess underskrifter").click()
    document_url = reverse("contracting:document", args=[agreement.pk])
    expect(page).to_have_url(f"{live_server.url}{document_url}")
    page.get_by_role("button", name="Skriv överenskommelsen").click()
    expect(page.locator("#versions")).to_contain_text("Version 1")
    page.locator("#versions").get_by_role("link", name="Version 1").click()
    page.get_by_role("button", name="Registrera som den version nämnden beslutade").click()
    expect(page.locator(".alert-info")).to_contain_text("Version 1 är den nämnden beslutade")
    decided = page.request.get(f"{live_server.url}{document_url}versions/1/pdf/").body()
    with pikepdf.open(io.BytesIO(decided)) as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "3"

    copies = {
        "Föreningen Rydsgården": ca.issue("Föreningen Rydsgården").sign(decided),
        "Linköpings kommun": ca.issue("Linköpings kommun").sign(decided, field_name="Kommunen"),
    }
    for party, signed in copies.items():
        page.get_by_role("link", name="Ladda upp ett undertecknat exemplar").click()
        page.get_by_label("Undertecknad av").select_option(label=party)
        page.get_by_label("Undertecknad PDF").set_input_files(
            files=[{"name": "undertecknad.pdf", "mimeType": "application/pdf", "buffer": signed}]
        )
        page.get_by_role("button", name="Kontrollera och spara").click()
        expect(page.locator("#signatures")).to_contain_text(f"Common Name: {party}, Country: SE")
    expect(page.locator("#signatures tbody tr")).to_have_count(2)
    shown = {
        (row.locator("td").nth(1).inner_text(), row.locator("td").nth(2).inner_text())
        for row in page.locator("#signatures tbody tr").all()
    }
    assert shown == {
        (signature.signer, f"{timezone.localtime(signature.signed_at):%Y-%m-%d %H:%M}")
        for signature in Signature.objects.all()
    }
    assert all(signature.signed_at for signature in Signature.objects.all())

    # The archive package from the agreement page: every file in the METS with its SHA-256.
    page.goto(f"{live_server.url}{agreement.get_absolute_url()}")
    with zipfile.ZipFile(io.BytesIO(download(page, "Arkivpaket"))) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    document = etree.ElementTree(etree.fromstring(files.pop("mets.xml")))
    mets_schema().assertValid(document)
    listed = {
        element.find("mets:FLocat", NS).get(f"{{{mets.XLINK}}}href").removeprefix("file:"): element
        for element in document.findall(".//mets:fileSec/mets:fileGrp/mets:file", NS)
    }
    assert sorted(listed) == sorted(files)
    for path, element in listed.items():
        assert element.get("CHECKSUMTYPE") == "SHA-256"
        assert element.get("CHECKSUM") == hashlib.sha256(files[path]).hexdigest(), path
    assert {
        "content/initiativ/initiativ.txt",
        "content/initiativ/bedomning.txt",
        "content/overenskommelse/version-1.pdf",
        "content/overenskommelse/undertecknad-1-1.pdf",
        "content/overenskommelse/undertecknad-1-2.pdf",
    } <= set(files)
    assert {
        files["content/overenskommelse/undertecknad-1-1.pdf"],
        files["content/overenskommelse/undertecknad-1-2.pdf"],
    } == set(copies.values())
    assert "Tjugo platser per kväll." in files["content/initiativ/initiativ.txt"].decode()
    decision = next(content for path, content in files.items() if path.startswith("content/beslut/"))
    assert "§ 7" in decision.decode()

    # An official of another committee is shown none of it.
    page.context.clear_cookies()
    log_in(page, live_server, other_official)
    for url in (
        initiative.get_absolute_url(),
        agreement.get_absolute_url(),
        document_url,
        f"{document_url}versions/1/pdf/",
        f"/agreements/{agreement.pk}/archive-package/",
    ):
        assert page.request.get(f"{live_server.url}{url}").status == 404, url

    # The systemförvaltare finds who saw the initiative's contact person in the access log.
    page.context.clear_cookies()
    log_in(page, live_server, administrator)
    page.goto(f"{live_server.url}/audit/")
    page.get_by_label("Initiativ: #nummer, titel eller organisation").fill("Språkcafé")
    page.locator("#main").get_by_role("button", name="Sök").click()
    rows = page.locator("#access-log tbody tr")
    expect(rows.first).to_contain_text(f"Initiativ #{initiative.pk}")
    assert {row.locator("td").nth(1).inner_text() for row in rows.all()} == {"alice (alice)"}
